import type { Connection, Dialect } from '../dialects/dialect.js';
import type { ErasePlan, PlannedColumn } from './erase-plan.js';
import { subjectRows } from './subject-rows.js';

/** One table of a subject's export: its personal columns with their categories, and the rows. */
export interface ExportTable {
  readonly table: string;
  readonly columns: ReadonlyArray<{ readonly name: string; readonly category: string; readonly basis?: string; readonly retention?: string; readonly strategy: string }>;
  /** Each row's personal columns, as JSON values (dates as ISO 8601 text, binary as base64). */
  readonly rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/**
 * Every personal column of every row of one subject, table by table (GDPR Art. 15 and 20): rows
 * are found along the subject paths with the id bound; tables are listed by name. Tables where the
 * subject has no row are listed with none, so the answer also says where nothing is held.
 *
 * @example const tables = await exportSubject(conn, dialect, plan, '42');
 */
export async function exportSubject(conn: Connection, dialect: Dialect, plan: ErasePlan, subjectId: string): Promise<ExportTable[]> {
  const out: ExportTable[] = [];
  for (const t of [...plan.tables].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0))) {
    const names = t.columns.map((c) => c.name);
    const rows = await subjectRows(conn, dialect, t.path, plan.root, [t.key, ...names.filter((n) => n !== t.key)], subjectId);
    out.push({
      table: t.table,
      columns: t.columns.map(({ name, category, basis, retention, strategy }) => ({ name, category, ...(basis ? { basis } : {}), ...(retention ? { retention } : {}), strategy })),
      rows: rows.map((r) => Object.fromEntries(t.columns.map((c) => [c.name, jsonValue(c, r[c.name])]))),
    });
  }
  return out;
}

/** A driver value as plain JSON, whatever the database: 0/1 flags as booleans, dates as text. */
function jsonValue(c: PlannedColumn, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (/^(bool|boolean|tinyint\(1\))$/.test(c.type)) return v === true || v === 1 || v === '1' || v === 't';
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (typeof v === 'bigint') return v.toString();
  return v;
}
