import { randomUUID } from 'node:crypto';
import type { DataMap } from '../gdpr/data-map.js';
import { agedPlan, eraseAgedPage } from '../gdpr/erase-aged.js';
import { cutoffParameter, retentionCutoff } from '../gdpr/purge-cutoff.js';
import type { AgedTarget } from '../gdpr/purge.js';
import { defaultReceiptPath, writeReceiptFile, type RetentionReceipt } from '../gdpr/receipt.js';
import { requestContext } from '../gdpr/request-context.js';
import { gdprKey } from '../gdpr/subject-hmac.js';
import { currentActor } from '../runner/actor.js';
import { AuditTrail } from '../runner/audit-trail.js';
import { inLockedTransaction } from './locked-session.js';
import type { Project } from './project.js';

/** Rows of a table older than its retention, dated by its `agedBy` column, and what a purge did to them. */
export interface AgedRows {
  readonly table: string;
  readonly agedBy: string;
  readonly retention: string;
  readonly cutoff: string;
  /** `delete`, or `update` when the table keeps its rows and replaces their personal values. */
  readonly action: 'delete' | 'update';
  /** Rows deleted, or whose personal values were replaced (in a dry run: would be). Rows already erased are not counted again. */
  readonly rows: number;
}

/**
 * Erases the rows of one table dated before its retention, page by page, one transaction per page
 * holding the migration lock: the table's strategies as an erasure applies them (deletion, or the
 * column strategies on kept rows). Each page appends a `gdpr-retention` row to the audit trail, and
 * the run writes one receipt file for the table. A dry run counts and changes nothing.
 *
 * @example
 * const aged = await purgeAgedRows(project, map, { table: 'sessions', agedBy: 'started_at', retention: 'P1Y' }, { now: new Date(), pageSize: 500 });
 */
export async function purgeAgedRows(
  project: Project,
  map: DataMap,
  target: AgedTarget,
  options: { readonly now: Date; readonly pageSize: number; readonly dryRun?: boolean },
): Promise<AgedRows> {
  const key = gdprKey();
  const cutoff = cutoffParameter(retentionCutoff(target.retention, options.now));
  const operator = currentActor().actor;
  const requestId = randomUUID();
  let after: unknown;
  let rows = 0;
  let action: AgedRows['action'] = 'delete';
  let receipt: RetentionReceipt | undefined;
  for (;;) {
    const page = await inLockedTransaction(project, async (conn, dialect) => {
      const started = Date.now();
      const { plan, heads } = await requestContext(conn, dialect, map);
      const t = agedPlan(plan, target);
      const done = await eraseAgedPage({ conn, dialect, gdprKey: key, now: cutoffParameter(options.now) }, t, target, cutoff, after, options.pageSize, Boolean(options.dryRun));
      if (done.changed && !options.dryRun) {
        receipt = {
          requestId, kind: 'retention', ...target, cutoff, counts: [{ table: target.table, strategy: done.action, rows: rows + done.changed }],
          revision: heads, at: new Date().toISOString(), operator,
        };
        const details = { ...receipt, counts: [{ table: target.table, strategy: done.action, rows: done.changed }] };
        await new AuditTrail(conn, dialect).append({ event: 'gdpr-retention', revision: null, durationMs: Date.now() - started, checksum: null, actor: operator, details });
      }
      return done;
    });
    action = page.action;
    rows += page.changed;
    after = page.last;
    if (page.rows < options.pageSize) break;
  }
  if (receipt) writeReceiptFile(defaultReceiptPath(project.dir, requestId), receipt);
  return { ...target, cutoff, action, rows };
}
