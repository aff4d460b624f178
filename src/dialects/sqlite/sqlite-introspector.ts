import type { Connection } from '../dialect.js';
import type { ColumnModel, IndexModel, SchemaModel, TableModel } from '../../schema/schema-model.js';
import { parseCreateTable, parseIndex } from './sqlite-create-table-parser.js';
import { defaultFromPragma } from './sqlite-types.js';
import { constraintName } from '../../operations/constraint-names.js';

const SKIP = `m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name NOT IN ('dihya_version', 'dihya_history', 'dihya_audit')`;

/**
 * Reads every table in five queries (SQLite's pragma table functions joined over sqlite_master),
 * plus the stored CREATE TABLE text for constraint names and CHECK expressions.
 */
export async function introspectSqlite(conn: Connection, only?: string): Promise<SchemaModel> {
  const filter = only === undefined ? '' : ' AND m.name = ?';
  const params = only === undefined ? [] : [only];
  const tables = await conn.query<{ name: string; sql: string }>(
    `SELECT m.name, m.sql FROM sqlite_master m WHERE m.type = 'table' AND ${SKIP}${filter} ORDER BY m.name`, params);
  if (tables.length === 0) return { tables: [] };
  const cols = await conn.query<{ t: string; name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }>(
    `SELECT m.name AS t, p.* FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND ${SKIP}${filter} ORDER BY m.name, p.cid`, params);
  const fks = await conn.query<{ t: string; id: number; seq: number; table: string; from: string; to: string | null; on_update: string; on_delete: string }>(
    `SELECT m.name AS t, p.* FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table' AND ${SKIP}${filter} ORDER BY m.name, p.id, p.seq`, params);
  const idx = await conn.query<{ t: string; name: string; unique: number; origin: string; partial: number; sql: string | null }>(
    `SELECT m.name AS t, p.name, p."unique", p.origin, p.partial, s.sql FROM sqlite_master m JOIN pragma_index_list(m.name) p
       LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = p.name
      WHERE m.type = 'table' AND ${SKIP}${filter} ORDER BY m.name, p.name`, params);
  const idxCols = await conn.query<{ i: string; seqno: number; name: string | null }>(
    `SELECT s.name AS i, p.seqno, p.name FROM sqlite_master s JOIN pragma_index_info(s.name) p
      WHERE s.type = 'index' ORDER BY s.name, p.seqno`);
  const columnsOfIndex = group(idxCols, (r) => r.i);
  const colsByTable = group(cols, (c) => c.t);
  const fksByTable = group(fks, (f) => f.t);
  const idxByTable = group(idx, (i) => i.t);
  return {
    tables: tables.map((t) => buildTable(t.name, t.sql, colsByTable.get(t.name) ?? [], fksByTable.get(t.name) ?? [], idxByTable.get(t.name) ?? [], columnsOfIndex)),
  };
}

function buildTable(
  name: string,
  sql: string,
  cols: Array<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }>,
  fks: Array<{ id: number; table: string; from: string; to: string | null; on_update: string; on_delete: string }>,
  idx: Array<{ name: string; unique: number; origin: string; partial: number; sql: string | null }>,
  columnsOfIndex: Map<string, Array<{ name: string | null }>>,
): TableModel {
  const parsed = parseCreateTable(sql);
  const named = (kind: string, columns: readonly string[]) =>
    parsed.constraints.find((c) => c.kind === kind && sameList(c.columns, columns))?.name ?? null;
  const pkCols = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const singleIntegerPk = pkCols.length === 1 && cols.find((c) => c.name === pkCols[0])?.type.toUpperCase() === 'INTEGER';
  const columns: ColumnModel[] = cols
    .filter((c) => c.hidden === 0)
    .map((c) => ({
      name: c.name,
      type: c.type.toLowerCase(),
      notNull: c.notnull === 1 || (c.pk > 0 && singleIntegerPk),
      default: defaultFromPragma(c.dflt_value),
      identity: parsed.autoincrement && singleIntegerPk && c.pk > 0,
      comment: null,
    }));
  const fkGroups = group(fks, (f) => String(f.id));
  const foreignKeys = [...fkGroups.values()].map((rows) => {
    const columns = rows.map((r) => r.from);
    return {
      name: named('foreignKey', columns) ?? constraintName.foreignKey(name, columns),
      columns,
      refTable: rows[0]!.table,
      refColumns: rows.map((r) => r.to ?? ''),
      onDelete: rows[0]!.on_delete.toLowerCase(),
      onUpdate: rows[0]!.on_update.toLowerCase(),
    };
  });
  const uniques = idx
    .filter((i) => i.origin === 'u')
    .map((i) => {
      const columns = (columnsOfIndex.get(i.name) ?? []).map((c) => c.name ?? '');
      return { name: named('unique', columns) ?? constraintName.unique(name, columns), columns };
    });
  const indexes = indexesOf(idx, columnsOfIndex);
  return {
    name,
    columns,
    primaryKey: pkCols.length ? { name: named('primaryKey', pkCols) ?? constraintName.primaryKey(name), columns: pkCols } : null,
    uniques,
    foreignKeys,
    checks: parsed.constraints
      .filter((c) => c.kind === 'check')
      .map((c, n) => ({ name: c.name ?? uncheckedName(name, c.columns, n), expression: c.expression ?? '' })),
    indexes,
    // SQLite keeps no comments.
    comment: null,
  };
}

/**
 * SQLite keeps no name for a constraint written without one; it is reported under the name
 * PostgreSQL would give it (`users_email_key`, `users_age_check`), so dropConstraint finds it by the
 * same name on both. A table-level CHECK, whose columns are not parsed, is numbered instead.
 */
function uncheckedName(table: string, columns: readonly string[], n: number): string {
  return columns.length === 1 ? `${table}_${columns[0]}_check` : `${table}_check${n + 1}`;
}

function indexesOf(
  idx: Array<{ name: string; unique: number; origin: string; partial: number; sql: string | null }>,
  columnsOfIndex: Map<string, Array<{ name: string | null }>>,
): IndexModel[] {
  return idx
    .filter((i) => i.origin === 'c')
    .map((i) => {
      // PRAGMA index_info names plain columns only; expressions and WHERE come from the stored SQL.
      const written = i.sql ? parseIndex(i.sql) : { columns: [], where: null };
      return {
        name: i.name,
        columns: (columnsOfIndex.get(i.name) ?? []).map((c, n) => c.name ?? written.columns[n] ?? '<expression>'),
        unique: i.unique === 1,
        where: i.partial ? written.where : null,
        definition: i.sql ?? undefined,
      };
    });
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]!.toLowerCase());
}
