import { randomUUID } from 'node:crypto';
import { buildDataMap } from '../gdpr/data-map.js';
import { eraseSubject } from '../gdpr/erase-subject.js';
import { cutoffParameter } from '../gdpr/purge-cutoff.js';
import { defaultReceiptPath, writeReceiptFile } from '../gdpr/receipt.js';
import { requestContext } from '../gdpr/request-context.js';
import { gdprKey, subjectHmac } from '../gdpr/subject-hmac.js';
import { currentActor } from '../runner/actor.js';
import { AuditTrail } from '../runner/audit-trail.js';
import { inLockedTransaction } from './locked-session.js';
import type { Project } from './project.js';

/** Rows touched in one table by one strategy. */
export interface ErasureCount { readonly table: string; readonly strategy: string; readonly rows: number }

/** What an erasure request did: never the subject's id, never a value. */
export interface ErasureReceipt {
  readonly requestId: string;
  readonly kind: 'erase' | 'purge' | 'replay';
  /** subjectHmac(id, DIHYA_GDPR_KEY). */
  readonly subject: string;
  readonly counts: readonly ErasureCount[];
  /** The database's current heads. */
  readonly revision: readonly string[];
  readonly at: string;
  readonly operator: string;
}

/** Options of {@link eraseSubjects}. */
export interface EraseSubjectsOptions {
  readonly dryRun?: boolean;
  readonly kind?: 'erase' | 'purge' | 'replay';
  readonly onProgress?: (done: number) => void;
  /**
   * Where receipt files go: a file path (one subject only), `false` for none, or by default
   * `gdpr-receipts/<requestId>.json` beside the migrations folder.
   */
  readonly receiptPath?: string | false;
}

/**
 * Erases each subject (ids as strings) in one transaction per call, holding the migration lock;
 * dryRun counts and changes nothing. Writes one audit row per subject (event 'gdpr-erase', details =
 * the receipt) and one receipt file unless dryRun. A subject with no row in the subject table gets a
 * receipt with zero counts and no audit row or file: there was nothing to erase. Any failure (a
 * database error, or the post-check finding data the policy does not keep) rolls back the whole call.
 *
 * @example
 * const [receipt] = await eraseSubjects(await Project.open(), ['42'], {});
 * receipt.counts; // [{ table: 'health_records', strategy: 'delete', rows: 2 }, …]
 */
export async function eraseSubjects(project: Project, subjectIds: readonly string[], options: EraseSubjectsOptions = {}): Promise<ErasureReceipt[]> {
  const key = gdprKey();
  const map = buildDataMap(project.config.schema, project.config.dataMap);
  const dryRun = options.dryRun ?? false;
  const operator = currentActor().actor;
  const done = await inLockedTransaction(project, async (conn, dialect) => {
    const { plan, heads } = await requestContext(conn, dialect, map);
    const trail = new AuditTrail(conn, dialect);
    const session = { conn, dialect, gdprKey: key, now: cutoffParameter(new Date()) };
    const out: Array<{ receipt: ErasureReceipt; found: boolean }> = [];
    for (const [i, id] of subjectIds.entries()) {
      const started = Date.now();
      const { found, counts } = await eraseSubject(session, plan, id, { dryRun });
      const receipt: ErasureReceipt = {
        requestId: randomUUID(), kind: options.kind ?? 'erase', subject: subjectHmac(id, key), counts, revision: heads, at: new Date().toISOString(), operator,
      };
      if (found && !dryRun) {
        await trail.append({ event: 'gdpr-erase', revision: null, durationMs: Date.now() - started, checksum: null, actor: operator, details: { ...receipt } });
      }
      out.push({ receipt, found });
      options.onProgress?.(i + 1);
    }
    return out;
  });
  if (!dryRun && options.receiptPath !== false) {
    for (const { receipt, found } of done) {
      if (!found) continue;
      const single = typeof options.receiptPath === 'string' && subjectIds.length === 1;
      writeReceiptFile(single ? (options.receiptPath as string) : defaultReceiptPath(project.dir, receipt.requestId), receipt);
    }
  }
  return done.map((d) => d.receipt);
}
