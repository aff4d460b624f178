import { UsageError } from '../core/errors.js';
import type { ErasePlan, TablePlan } from './erase-plan.js';
import { checkErased } from './erase-check.js';
import { changesOf, deleteRows, guarded, updateRows, type EraseSession } from './erase-writes.js';
import { matchAny } from './match-any.js';
import type { AgedTarget } from './purge.js';
import type { OwnedRow } from './subject-rows.js';

/** One page of rows past their table's retention, and what was done to them. */
export interface AgedPage {
  /** `delete`, or `update` when the table's strategies keep the rows and replace their personal values. */
  readonly action: 'delete' | 'update';
  /** Rows of the page: all past the retention. */
  readonly rows: number;
  /** Rows deleted, or whose personal values were replaced (in a dry run: would be). */
  readonly changed: number;
  /** The last key of the page: the next page starts after it. */
  readonly last: unknown;
}

/**
 * The table plan a purge of aged rows applies: the table's erasure, except that a table whose
 * columns all say `keep` is deleted, since its retention is what the keeping was bounded by.
 *
 * @example agedPlan(plan, { table: 'sessions', agedBy: 'started_at', retention: 'P1Y' }).action // 'delete'
 */
export function agedPlan(plan: ErasePlan, target: AgedTarget): TablePlan & { readonly action: 'delete' | 'update' } {
  const t = plan.tables.find((x) => x.table === target.table);
  if (!t) throw new UsageError(`table ${target.table} declares agedBy but holds no personal column of the map; annotate its personal columns or drop agedBy`);
  if (t.table === plan.root.table) throw new UsageError(`table ${t.table} is the subject table; its rows are purged by their soft-delete date, not by agedBy`);
  return { ...t, action: t.action === 'update' ? 'update' : 'delete' };
}

/**
 * Erases, in the caller's transaction, up to `pageSize` rows of one table dated before `cutoff` by
 * its `agedBy` column and keyed after `after`: the same statements and the same check afterwards
 * as a subject's erasure, on rows chosen by age instead of by person. A dry run reads only.
 *
 * @example const page = await eraseAgedPage(session, agedPlan(plan, target), target, '2021-03-01 00:00:00', undefined, 500, false);
 */
export async function eraseAgedPage(
  s: EraseSession,
  t: TablePlan & { readonly action: 'delete' | 'update' },
  target: AgedTarget,
  cutoff: string,
  after: unknown,
  pageSize: number,
  dryRun: boolean,
): Promise<AgedPage> {
  const q = (n: string) => s.dialect.quoteIdent(n);
  const p = (n: number) => s.dialect.placeholder(n);
  const columns = [t.key, ...t.columns.map((c) => c.name).filter((c) => c !== t.key)].map((c) => q(c)).join(', ');
  const read = (keys?: readonly unknown[]) => {
    const match = keys ? matchAny(s.dialect, keys, 1) : undefined;
    const params: unknown[] = match ? match.params : after === undefined ? [cutoff] : [cutoff, after];
    const where = match
      ? `${q(t.key)} ${match.sql}`
      : `${q(target.agedBy)} < ${p(1)}${after === undefined ? '' : ` AND ${q(t.key)} > ${p(2)}`}`;
    const sql = `SELECT ${columns} FROM ${q(t.table)} WHERE ${where} ORDER BY ${q(t.key)}${keys ? '' : ` LIMIT ${pageSize}`}`;
    return guarded(t.table, params, () => s.conn.query<Record<string, unknown>>(sql, params));
  };
  const rows = await read();
  const last = rows.length ? rows[rows.length - 1]![t.key] : after;
  if (!rows.length || dryRun) return { action: t.action, rows: rows.length, changed: t.action === 'delete' ? rows.length : changesOf(s, t, rows).length, last };
  const keys = rows.map((r) => r[t.key]);
  let changed = rows.length;
  if (t.action === 'delete') await deleteRows(s, t, keys);
  else changed = await updateRows(s, t, rows);
  const owned = (list: readonly Record<string, unknown>[]): OwnedRow[] => list.map((row) => ({ subject: '', row }));
  const only = { root: { table: '', column: '' }, tables: [t] } satisfies ErasePlan;
  checkErased(s, only, { before: new Map([[t.table, owned(rows)]]), after: new Map([[t.table, owned(await read(keys))]]), decide: () => t.action });
  return { action: t.action, rows: rows.length, changed, last };
}
