import { randomUUID } from 'node:crypto';
import { buildDataMap } from '../gdpr/data-map.js';
import { eraseSubjectSet } from '../gdpr/erase-subjects.js';
import { cutoffParameter } from '../gdpr/purge-cutoff.js';
import { defaultReceiptPath, writeReceiptFiles } from '../gdpr/receipt.js';
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
  /** Present when a purge removed every row of the subject, its row in the subject table included. */
  readonly mode?: 'purge';
}

/** Options of {@link eraseSubjects}. */
export interface EraseSubjectsOptions {
  readonly dryRun?: boolean;
  readonly kind?: 'erase' | 'purge' | 'replay';
  readonly onProgress?: (done: number) => void;
  /** Purge instead of erase (see `eraseSubjectSet`): the tables whose rows outlive the subject's retention stay. */
  readonly purge?: { readonly retained: ReadonlySet<string> };
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
    const started = Date.now();
    const { plan, heads } = await requestContext(conn, dialect, map);
    const session = { conn, dialect, gdprKey: key, now: cutoffParameter(new Date()) };
    const erased = await eraseSubjectSet(session, plan, subjectIds, { dryRun, ...(options.purge ? { purge: options.purge } : {}) });
    const at = new Date().toISOString();
    const out = erased.map(({ subject, found, purged, counts }) => ({
      found,
      receipt: {
        requestId: randomUUID(), kind: options.kind ?? 'erase', subject: subjectHmac(subject, key), ...(purged ? { mode: 'purge' as const } : {}),
        counts, revision: heads, at, operator,
      } satisfies ErasureReceipt,
    }));
    if (!dryRun) {
      // Every receipt says how long the transaction that erased its subject took.
      const durationMs = Date.now() - started;
      await new AuditTrail(conn, dialect).appendAll(out.filter((o) => o.found).map(({ receipt }) => (
        { event: 'gdpr-erase', revision: null, durationMs, checksum: null, actor: operator, details: { ...receipt } })));
    }
    return out;
  });
  options.onProgress?.(done.length);
  if (!dryRun && options.receiptPath !== false) {
    const single = typeof options.receiptPath === 'string' && done.length === 1;
    await writeReceiptFiles(done.filter((d) => d.found).map(({ receipt }) => (
      { path: single ? (options.receiptPath as string) : defaultReceiptPath(project.dir, receipt.requestId), receipt })));
  }
  return done.map((d) => d.receipt);
}
