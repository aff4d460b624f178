import { buildDataMap } from '../gdpr/data-map.js';
import { cutoffParameter, retentionCutoff } from '../gdpr/purge-cutoff.js';
import { purgeTargets, type SoftDeletedTarget } from '../gdpr/purge.js';
import { scanSubjectIds, type SubjectScan } from '../gdpr/replay-scan.js';
import { eraseInBatches } from './gdpr-bulk.js';
import type { ErasureReceipt } from './gdpr-erase.js';
import type { Project } from './project.js';

/** Options of {@link gdprPurge}. */
export interface PurgeOptions {
  /** Count what would go and change nothing. */
  readonly dryRun?: boolean;
  /** The instant retention is measured from (default: now). */
  readonly now?: Date;
  /** Subjects per transaction (default 500). */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Rows of a table older than its retention, dated by its `agedBy` column. */
export interface AgedRows {
  readonly table: string;
  readonly agedBy: string;
  readonly retention: string;
  readonly cutoff: string;
  readonly rows: number;
}

/** What a purge erased (or, dry, would erase). */
export interface PurgeResult {
  readonly dryRun: boolean;
  /** The soft-deleted subjects' retention and cutoff, when the root declares soft-delete. */
  readonly softDeleted: { readonly table: string; readonly retention: string; readonly cutoff: string } | null;
  /** One receipt per subject erased for good (kind 'purge'): an HMAC and counts, never an id. */
  readonly receipts: readonly ErasureReceipt[];
  /**
   * Rows past their table's retention. The erasure engine acts on whole subjects, not single rows,
   * so these are counted and reported, not yet erased.
   */
  readonly aged: readonly AgedRows[];
  readonly skipped: readonly string[];
}

/**
 * Enforces retention: every subject whose root row was soft-deleted longer ago than the retention
 * is erased for good by the erasure engine (kind 'purge', one transaction per batch, one receipt
 * each). The cutoff is computed here and bound, so the comparison is the same on every database.
 *
 * @example
 * const result = await gdprPurge(await Project.open({ env: 'production' }), { dryRun: true });
 * const count = result.receipts.length; // subjects that would be purged
 */
export async function gdprPurge(project: Project, options: PurgeOptions = {}): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const map = buildDataMap(project.config.schema, project.config.dataMap);
  const dialect = await project.dialect();
  const conn = await project.connect({ readOnly: true });
  if (!conn) return { dryRun: Boolean(options.dryRun), softDeleted: null, receipts: [], aged: [], skipped: [] };
  const ids: string[] = [];
  const aged: AgedRows[] = [];
  let targets;
  try {
    targets = purgeTargets(map, await dialect.introspect(conn));
    const q = (n: string) => dialect.quoteIdent(n);
    if (targets.softDeleted) {
      await scanSubjectIds(conn, dialect, softDeletedScan(targets.softDeleted, now), 1000, (page) => void ids.push(...page));
    }
    for (const t of targets.aged) {
      const cutoff = cutoffParameter(retentionCutoff(t.retention, now));
      const [row] = await conn.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${q(t.table)} WHERE ${q(t.agedBy)} < ${dialect.placeholder(1)}`, [cutoff]);
      aged.push({ ...t, cutoff, rows: Number(row?.n ?? 0) });
    }
  } finally {
    await conn.close();
  }
  const receipts = ids.length ? await eraseInBatches(project, ids, { ...options, kind: 'purge' }) : [];
  const s = targets.softDeleted;
  return {
    dryRun: Boolean(options.dryRun),
    softDeleted: s ? { table: s.table, retention: s.retention, cutoff: cutoffParameter(retentionCutoff(s.retention, now)) } : null,
    receipts,
    aged,
    skipped: targets.skipped,
  };
}

/** Root rows flagged as erased before the cutoff. */
function softDeletedScan(t: SoftDeletedTarget, now: Date): SubjectScan {
  return {
    table: t.table,
    column: t.column,
    // TRUE reads the same on SQLite (1), PostgreSQL and MySQL (tinyint 1).
    where: (p, q) => `${q(t.flag)} = TRUE AND ${q(t.deletedAt)} IS NOT NULL AND ${q(t.deletedAt)} < ${p(1)}`,
    params: [cutoffParameter(retentionCutoff(t.retention, now))],
  };
}
