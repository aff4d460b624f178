import type { Connection, Dialect } from '../dialects/dialect.js';
import { matchAny } from './match-any.js';
import type { SubjectPath } from './subject-paths.js';

/** One row of a subject in one table: its key and the requested columns, as the driver returned them. */
export type SubjectRow = Readonly<Record<string, unknown>>;

/** A row of {@link rowsOfSubjects}: the requested columns and the subject it belongs to, as text. */
export interface OwnedRow {
  readonly subject: string;
  readonly row: SubjectRow;
}

/** Subject ids bound in one statement: well under every supported database's parameter limit. */
export const IDS_PER_STATEMENT = 500;

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
  return (await rowsOfSubjects(conn, dialect, path, root, columns, [subjectId])).map((r) => r.row);
}

/**
 * The rows of `path.table` that belong to any of `subjectIds`, each with the subject it belongs to
 * (the root's column read back as text): one statement per {@link IDS_PER_STATEMENT} ids, so a
 * batch of subjects costs one read per table instead of one per person. Ordered by subject, then key.
 *
 * @example
 * const rows = await rowsOfSubjects(conn, dialect, plan.path, root, ['id', 'email'], ['42', '43']);
 * rows[0]; // { subject: '42', row: { id: 7, email: '…' } }
 */
export async function rowsOfSubjects(
  conn: Connection,
  dialect: Dialect,
  path: SubjectPath,
  root: { readonly table: string; readonly column: string },
  columns: readonly string[],
  subjectIds: readonly string[],
): Promise<OwnedRow[]> {
  const q = (n: string) => dialect.quoteIdent(n);
  const last = `t${path.steps.length}`;
  const owner = q('dihya_subject');
  const select = [...columns.map((c) => `t0.${q(c)} AS ${q(c)}`), `${last}.${q(root.column)} AS ${owner}`].join(', ');
  const joins = path.steps.map((step, i) => {
    const on = step.fromColumns.map((c, k) => `t${i}.${q(c)} = t${i + 1}.${q(step.toColumns[k]!)}`).join(' AND ');
    return ` JOIN ${q(step.to)} t${i + 1} ON ${on}`;
  });
  const out: OwnedRow[] = [];
  for (let at = 0; at < subjectIds.length; at += IDS_PER_STATEMENT) {
    const ids = subjectIds.slice(at, at + IDS_PER_STATEMENT);
    const match = matchAny(dialect, ids, 1);
    const sql = `SELECT ${select} FROM ${q(path.table)} t0${joins.join('')} WHERE ${last}.${q(root.column)} ${match.sql} ORDER BY ${last}.${q(root.column)}, t0.${q(columns[0]!)}`;
    for (const r of await conn.query<Record<string, unknown>>(sql, match.params)) {
      const { dihya_subject: subject, ...row } = r;
      out.push({ subject: String(subject), row });
    }
  }
  return out;
}
