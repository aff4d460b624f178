import { DihyaError } from '../core/errors.js';
import { redactValues } from '../core/redaction.js';
import type { Connection, Dialect } from '../dialects/dialect.js';
import type { TablePlan } from './erase-plan.js';
import { matchAny } from './match-any.js';
import { erasedValue, UNCHANGED } from './erase-values.js';
import type { SubjectRow } from './subject-rows.js';

/** The session the engine works in; the caller holds the transaction. */
export interface EraseSession {
  readonly conn: Connection;
  readonly dialect: Dialect;
  readonly gdprKey: string;
  /** `YYYY-MM-DD HH:MM:SS` UTC. */
  readonly now: string;
}

/** Keys bound in one DELETE. */
const KEYS_PER_DELETE = 500;
/** Rows changed by one UPDATE: each binds its key and, per varying column, the key and the value again. */
const ROWS_PER_UPDATE = 200;

/**
 * Deletes rows of `t` by primary key, a few hundred keys per statement.
 *
 * @example await deleteRows(session, plan, [7, 8, 9]);
 */
export async function deleteRows(s: EraseSession, t: TablePlan, keys: readonly unknown[]): Promise<void> {
  const q = (n: string) => s.dialect.quoteIdent(n);
  for (let at = 0; at < keys.length; at += KEYS_PER_DELETE) {
    const chunk = keys.slice(at, at + KEYS_PER_DELETE);
    const match = matchAny(s.dialect, chunk, 1);
    await guarded(t.table, chunk, () => s.conn.query(`DELETE FROM ${q(t.table)} WHERE ${q(t.key)} ${match.sql}`, match.params));
  }
}

/**
 * Applies each personal column's strategy to `rows` of `t`, a few hundred rows per UPDATE. A column
 * every row of the statement sets to one value is `SET c = ?`; one whose value differs per row (an
 * `anon-<key>` replacement, a pseudonym) is `SET c = CASE key WHEN ? THEN ? … ELSE c END`, so each
 * database types the bound values from the column itself. A value already in place is not written
 * again: an erased person erased again costs a read, not a rewrite. Returns the rows changed.
 *
 * @example const changed = await updateRows(session, plan, rows);
 */
export async function updateRows(s: EraseSession, t: TablePlan, rows: readonly SubjectRow[]): Promise<number> {
  const changes = changesOf(s, t, rows);
  for (let at = 0; at < changes.length; at += ROWS_PER_UPDATE) await updateChunk(s, t, changes.slice(at, at + ROWS_PER_UPDATE));
  return changes.length;
}

/** A row and the new value of each of its columns that an erasure changes. */
export interface RowChange {
  readonly row: SubjectRow;
  readonly values: ReadonlyMap<string, unknown>;
}

/**
 * The rows among `rows` whose erasure changes a value, with the new values: what
 * {@link updateRows} writes, and what a dry run counts.
 *
 * @example changesOf(session, plan, rows).length // rows an erasure would rewrite
 */
export function changesOf(s: EraseSession, t: TablePlan, rows: readonly SubjectRow[]): RowChange[] {
  const changes: RowChange[] = [];
  for (const row of rows) {
    const values = new Map<string, unknown>();
    for (const c of t.columns) {
      const value = erasedValue(t.table, c, { key: row[t.key], value: row[c.name], gdprKey: s.gdprKey, now: s.now });
      if (value === UNCHANGED || sameValue(value, row[c.name])) continue;
      values.set(c.name, value);
    }
    if (values.size) changes.push({ row, values });
  }
  return changes;
}

async function updateChunk(s: EraseSession, t: TablePlan, chunk: readonly RowChange[]): Promise<void> {
  const q = (n: string) => s.dialect.quoteIdent(n);
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return s.dialect.placeholder(params.length);
  };
  const sets: string[] = [];
  for (const c of t.columns) {
    const changing = chunk.filter((x) => x.values.has(c.name));
    if (!changing.length) continue;
    const first = changing[0]!.values.get(c.name);
    if (changing.length === chunk.length && changing.every((x) => sameValue(x.values.get(c.name), first))) {
      sets.push(`${q(c.name)} = ${bind(first)}`);
      continue;
    }
    const whens = changing.map((x) => `WHEN ${bind(x.row[t.key])} THEN ${bind(x.values.get(c.name))}`);
    sets.push(`${q(c.name)} = CASE ${q(t.key)} ${whens.join(' ')} ELSE ${q(c.name)} END`);
  }
  const match = matchAny(s.dialect, chunk.map((x) => x.row[t.key]), params.length + 1);
  params.push(...match.params);
  const sql = `UPDATE ${q(t.table)} SET ${sets.join(', ')} WHERE ${q(t.key)} ${match.sql}`;
  // The rows' current values are redacted too: a database may quote the row it refused.
  await guarded(t.table, [...params, ...chunk.flatMap((x) => Object.values(x.row))], () => s.conn.query(sql, params));
}

/** Whether two driver values are the same value (SQLite and MySQL return booleans as 0/1, dates vary in form). */
export function sameValue(a: unknown, b: unknown): boolean {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull && bNull;
  return comparable(a) === comparable(b);
}

/** A comparable text of a driver value. */
export function comparable(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return String(v.getTime());
  if (Buffer.isBuffer(v)) return v.toString('hex');
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** Runs a statement; a database error becomes one line naming the table, with every bound value redacted. */
export async function guarded<T>(table: string, params: readonly unknown[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DihyaError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new DihyaError('STATEMENT_FAILED', `gdpr: a statement on table ${table} failed: ${redactValues(message.split('\n')[0]!, params)}; nothing was changed`);
  }
}
