import { buildDataMap } from '../gdpr/data-map.js';
import { cutoffParameter, retentionCutoff } from '../gdpr/purge-cutoff.js';
import { purgeTargets, type PurgeTargets, type SoftDeletedTarget } from '../gdpr/purge.js';
import { scanSubjectIds, type SubjectScan } from '../gdpr/replay-scan.js';
import { DEFAULT_BATCH_SIZE, eraseInBatches } from './gdpr-bulk.js';
import type { ErasureReceipt } from './gdpr-erase.js';
import { purgeAgedRows, type AgedRows } from './gdpr-retention.js';
import type { Project } from './project.js';

export type { AgedRows } from './gdpr-retention.js';

/** Options of {@link gdprPurge}. */
export interface PurgeOptions {
  /** Count what would go and change nothing. */
  readonly dryRun?: boolean;
  /** The instant retention is measured from (default: now). */
  readonly now?: Date;
  /** Subjects, or aged rows, per transaction (default 500). */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a purge erased (or, dry, would erase). */
export interface PurgeResult {
  readonly dryRun: boolean;
  /** The soft-deleted subjects' retention and cutoff, when the root declares soft-delete. */
  readonly softDeleted: { readonly table: string; readonly retention: string; readonly cutoff: string } | null;
  /** Tables whose rows outlive the subject: a purge keeps them (erased) and the subject row they need. */
  readonly retained: readonly string[];
  /**
   * One receipt per soft-deleted subject past retention (kind 'purge'): an HMAC and counts, never an
   * id. `mode: 'purge'` when every row of the subject went, its subject row included; without it,
   * rows of a retained table still point to the subject, whose row stays erased until they age out.
   */
  readonly receipts: readonly ErasureReceipt[];
  /** Rows past their table's retention (`agedBy`), erased table by table before the subjects. */
  readonly aged: readonly AgedRows[];
  readonly skipped: readonly string[];
}

/**
 * Enforces retention. First, rows of tables that declare `agedBy` and are older than their table's
 * retention are erased (deleted, or their personal values replaced where the table keeps its rows),
 * children before parents. Then every subject whose root row was soft-deleted longer ago than the
 * retention is purged: all its rows are deleted for good, the subject row last, except rows of
 * tables kept longer than the subject (and the rows those lead back through), which stay erased.
 * One transaction per batch, one receipt each. Cutoffs are computed here and bound, so the
 * comparison is the same on every database.
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
  if (!conn) return { dryRun: Boolean(options.dryRun), softDeleted: null, retained: [], receipts: [], aged: [], skipped: [] };
  let targets: PurgeTargets;
  let order: string[];
  // The soft-deleted subjects are read now: erasing aged rows below never touches the subject table.
  const ids: string[] = [];
  try {
    const live = await dialect.introspect(conn);
    targets = purgeTargets(map, live);
    order = childrenFirst(live.tables.map((t) => ({ name: t.name, refs: t.foreignKeys.map((f) => f.refTable) })));
    if (targets.softDeleted) await scanSubjectIds(conn, dialect, softDeletedScan(targets.softDeleted, now), 1000, (page) => void ids.push(...page));
  } finally {
    await conn.close();
  }
  const pageSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const aged: AgedRows[] = [];
  for (const t of [...targets.aged].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table))) {
    aged.push(await purgeAgedRows(project, map, t, { now, pageSize, ...(options.dryRun ? { dryRun: true } : {}) }));
  }
  const s = targets.softDeleted;
  const retained = new Set(targets.retained);
  const receipts = ids.length ? await eraseInBatches(project, ids, { ...options, kind: 'purge', purge: { retained } }) : [];
  return {
    dryRun: Boolean(options.dryRun),
    softDeleted: s ? { table: s.table, retention: s.retention, cutoff: cutoffParameter(retentionCutoff(s.retention, now)) } : null,
    retained: targets.retained,
    receipts,
    aged,
    skipped: targets.skipped,
  };
}

/** Table names with every referencing table before the table it references (cycles broken by name). */
function childrenFirst(tables: ReadonlyArray<{ name: string; refs: readonly string[] }>): string[] {
  const referencedBy = new Map<string, string[]>();
  for (const t of tables) for (const r of t.refs) if (r !== t.name) referencedBy.set(r, [...(referencedBy.get(r) ?? []), t.name]);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const child of (referencedBy.get(name) ?? []).sort()) visit(child);
    out.push(name);
  };
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t.name);
  return out;
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
