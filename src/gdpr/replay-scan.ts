import type { Connection, Dialect } from '../dialects/dialect.js';

/** Which subjects to read: the root table, its identifying column, and an optional bound filter. */
export interface SubjectScan {
  readonly table: string;
  readonly column: string;
  /** A condition on the root's columns, written with the dialect's quoting and placeholders for `params`. */
  readonly where?: (placeholder: (n: number) => string, quote: (name: string) => string) => string;
  readonly params?: readonly unknown[];
}

/**
 * Reads the subject ids of the root table page by page (keyset on the identifying column, so a
 * large table is never held in one result), as strings: the form a subject id takes in a request
 * and in its HMAC. `onPage` sees each page before the next is read.
 *
 * @example await scanSubjectIds(conn, dialect, { table: 'users', column: 'id' }, 1000, (ids) => all.push(...ids));
 */
export async function scanSubjectIds(
  conn: Connection,
  dialect: Dialect,
  scan: SubjectScan,
  pageSize: number,
  onPage: (ids: string[]) => void | Promise<void>,
): Promise<void> {
  const q = (name: string) => dialect.quoteIdent(name);
  const col = q(scan.column);
  const params = scan.params ?? [];
  const filter = scan.where ? scan.where((n) => dialect.placeholder(n), q) : '';
  let last: unknown;
  for (;;) {
    const after = last === undefined ? '' : `${col} > ${dialect.placeholder(params.length + 1)}`;
    const conditions = [filter, after].filter((c) => c !== '');
    const sql = `SELECT ${col} AS subject_id FROM ${q(scan.table)}${conditions.length ? ` WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : ''} ORDER BY ${col} LIMIT ${pageSize}`;
    const rows = await conn.query<{ subject_id: unknown }>(sql, last === undefined ? params : [...params, last]);
    if (rows.length === 0) return;
    await onPage(rows.map((r) => String(r.subject_id)));
    if (rows.length < pageSize) return;
    last = rows[rows.length - 1]!.subject_id;
  }
}
