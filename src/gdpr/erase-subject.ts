import { DihyaError } from '../core/errors.js';
import { redactValues } from '../core/redaction.js';
import type { Connection, Dialect } from '../dialects/dialect.js';
import type { ErasePlan, TablePlan } from './erase-plan.js';
import { erasedValue, UNCHANGED, type ErasureContext } from './erase-values.js';
import { subjectRows, type SubjectRow } from './subject-rows.js';

/** Rows of one table touched by one strategy (`keep` counts the rows left as they are). */
export interface StrategyCount {
  readonly table: string;
  readonly strategy: string;
  readonly rows: number;
}

/** What erasing one subject did (or, in a dry run, would do). */
export interface SubjectErasure {
  /** False when the subject table has no row with this id: nothing was read or changed. */
  readonly found: boolean;
  readonly counts: readonly StrategyCount[];
}

/** The session the engine works in; the caller holds the transaction. */
export interface EraseSession {
  readonly conn: Connection;
  readonly dialect: Dialect;
  readonly gdprKey: string;
  /** `YYYY-MM-DD HH:MM:SS` UTC. */
  readonly now: string;
}

/**
 * Erases one subject along the plan, in the caller's transaction: every table is read through its
 * subject path, then rows are deleted or updated with bound values, children before parents. A dry
 * run reads and counts only. After a real run the subject's rows are read again, and a value the
 * policy does not keep that is still there is a VALIDATION_FAILED error (exit 3) so the caller rolls
 * back. Database errors come back as one line with every bound value redacted.
 *
 * @example const { counts } = await eraseSubject(session, plan, '42', { dryRun: false });
 */
export async function eraseSubject(s: EraseSession, plan: ErasePlan, subjectId: string, options: { dryRun: boolean }): Promise<SubjectErasure> {
  const rootPlan = plan.tables.find((t) => t.table === plan.root.table)!;
  const exists = await read(s, rootPlan, plan, subjectId);
  if (exists.length === 0) return { found: false, counts: plan.tables.flatMap((t) => strategiesOf(t).map((strategy) => ({ table: t.table, strategy, rows: 0 }))) };
  const counts: StrategyCount[] = [];
  const before = new Map<string, SubjectRow[]>();
  for (const t of plan.tables) {
    const rows = await read(s, t, plan, subjectId);
    before.set(t.table, rows);
    for (const strategy of strategiesOf(t)) counts.push({ table: t.table, strategy, rows: rows.length });
    if (!options.dryRun && rows.length) await apply(s, t, rows);
  }
  if (!options.dryRun) await postCheck(s, plan, subjectId, before);
  return { found: true, counts };
}

/** The strategies a table's erasure applies, as the receipt counts them. */
function strategiesOf(t: TablePlan): string[] {
  if (t.action === 'delete') return ['delete'];
  if (t.action === 'keep') return ['keep'];
  return [...new Set(t.columns.map((c) => c.strategy))];
}

async function read(s: EraseSession, t: TablePlan, plan: ErasePlan, subjectId: string): Promise<SubjectRow[]> {
  const columns = [t.key, ...t.columns.map((c) => c.name).filter((c) => c !== t.key)];
  return guarded(t.table, [subjectId], () => subjectRows(s.conn, s.dialect, t.path, plan.root, columns, subjectId));
}

async function apply(s: EraseSession, t: TablePlan, rows: readonly SubjectRow[]): Promise<void> {
  const q = (n: string) => s.dialect.quoteIdent(n);
  const p = (n: number) => s.dialect.placeholder(n);
  if (t.action === 'delete') {
    const keys = rows.map((r) => r[t.key]);
    await run(s, t.table, `DELETE FROM ${q(t.table)} WHERE ${q(t.key)} IN (${keys.map((_, i) => p(i + 1)).join(', ')})`, keys);
    return;
  }
  if (t.action === 'keep') return;
  for (const row of rows) {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const c of t.columns) {
      const value = erasedValue(t.table, c, { key: row[t.key], value: row[c.name], gdprKey: s.gdprKey, now: s.now } satisfies ErasureContext);
      if (value === UNCHANGED) continue;
      params.push(value);
      sets.push(`${q(c.name)} = ${p(params.length)}`);
    }
    if (!sets.length) continue;
    params.push(row[t.key]);
    const sql = `UPDATE ${q(t.table)} SET ${sets.join(', ')} WHERE ${q(t.key)} = ${p(params.length)}`;
    // The row's current values are redacted too: a database may quote the row it refused.
    await guarded(t.table, [...params, ...Object.values(row)], () => s.conn.query(sql, params));
  }
}

/**
 * Reads the subject again: deleted tables must be empty, emptied columns NULL, and every replaced
 * value must differ from what was there (unless it already was the replacement: an erased person
 * erased again). The message names the column, never a value.
 */
async function postCheck(s: EraseSession, plan: ErasePlan, subjectId: string, before: Map<string, SubjectRow[]>): Promise<void> {
  for (const t of plan.tables) {
    if (t.action === 'keep') continue;
    const after = await read(s, t, plan, subjectId);
    if (t.action === 'delete') {
      if (after.length) throw remaining(`${after.length} row${after.length === 1 ? '' : 's'} of ${t.table} (strategy delete)`);
      continue;
    }
    const old = new Map((before.get(t.table) ?? []).map((r) => [text(r[t.key]), r]));
    for (const row of after) {
      const was = old.get(text(row[t.key]));
      for (const c of t.columns) {
        if (c.strategy === 'keep' || c.strategy === 'soft-delete') continue;
        const now = row[c.name];
        if (c.strategy === 'null' || c.strategy === 'delete') {
          if (now !== null && now !== undefined) throw remaining(`${t.table}.${c.name} (strategy ${c.strategy}) is not empty`);
          continue;
        }
        const prior = was?.[c.name];
        if (prior === null || prior === undefined || now === null || now === undefined) continue;
        const expected = erasedValue(t.table, c, { key: row[t.key], value: prior, gdprKey: s.gdprKey, now: s.now });
        if (text(now) === text(prior) && text(prior) !== text(expected)) throw remaining(`${t.table}.${c.name} (strategy ${c.strategy}) still holds its value`);
      }
    }
  }
}

function remaining(what: string): DihyaError {
  return new DihyaError('VALIDATION_FAILED', `gdpr erase: after erasure ${what}; the erasure was rolled back — check for triggers or defaults that rewrite that column, then run it again`);
}

/** A comparable text of a driver value (SQLite and MySQL return booleans as 0/1). */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return String(v.getTime());
  if (Buffer.isBuffer(v)) return v.toString('hex');
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

async function run(s: EraseSession, table: string, sql: string, params: readonly unknown[]): Promise<void> {
  await guarded(table, params, () => s.conn.query(sql, params));
}

/** Runs a statement; a database error becomes one line naming the table, with every bound value redacted. */
async function guarded<T>(table: string, params: readonly unknown[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DihyaError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new DihyaError('STATEMENT_FAILED', `gdpr: a statement on table ${table} failed: ${redactValues(message.split('\n')[0]!, params)}; nothing was changed`);
  }
}
