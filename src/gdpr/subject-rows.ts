import type { Connection, Dialect } from '../dialects/dialect.js';
import type { SubjectPath } from './subject-paths.js';

/** One row of a subject in one table: its key and the requested columns, as the driver returned them. */
export type SubjectRow = Readonly<Record<string, unknown>>;

/**
 * The rows of `path.table` that belong to one subject: the table joined along its path to the root,
 * `WHERE root.<subject column> = ?` with the id bound, never inlined. Returns `columns` (the key
 * first) ordered by the key, so exports and receipts are stable.
 *
 * @example
 * const rows = await subjectRows(conn, dialect, plan.path, root, ['id', 'email'], '42');
 */
export async function subjectRows(
  conn: Connection,
  dialect: Dialect,
  path: SubjectPath,
  root: { readonly table: string; readonly column: string },
  columns: readonly string[],
  subjectId: string,
): Promise<SubjectRow[]> {
  const q = (n: string) => dialect.quoteIdent(n);
  const select = columns.map((c) => `t0.${q(c)} AS ${q(c)}`).join(', ');
  const joins = path.steps.map((step, i) => {
    const on = step.fromColumns.map((c, k) => `t${i}.${q(c)} = t${i + 1}.${q(step.toColumns[k]!)}`).join(' AND ');
    return ` JOIN ${q(step.to)} t${i + 1} ON ${on}`;
  });
  const last = `t${path.steps.length}`;
  const sql = `SELECT ${select} FROM ${q(path.table)} t0${joins.join('')} WHERE ${last}.${q(root.column)} = ${dialect.placeholder(1)} ORDER BY t0.${q(columns[0]!)}`;
  return conn.query<SubjectRow>(sql, [subjectId]);
}
