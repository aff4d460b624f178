import { constraintName } from '../../operations/constraint-names.js';
import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, SchemaModel, TableModel, UniqueModel } from '../../schema/schema-model.js';
import type { Connection } from '../dialect.js';
import { mysqlString } from './mysql-types.js';

const BOOKKEEPING = new Set(['dihya_version', 'dihya_history', 'dihya_audit']);

/** `(? IS NULL OR … = ?)`: the whole database, or the one table asked for. */
const ONE_TABLE = (column: string) => `(? IS NULL OR ${column} = ?)`;

interface ColumnRow { t: string; name: string; type: string; nullable: string; dflt: string | null; extra: string; comment: string; table_comment: string | null }
interface KeyRow { t: string; name: string; type: string; col: string | null; ref_table: string | null; ref_col: string | null; upd: string | null; del: string | null }
interface CheckRow { t: string; name: string; clause: string }
interface IndexRow { t: string; name: string; col: string | null; expr: string | null; non_unique: number | string }

/**
 * Reads the tables of the connection's database in five queries whatever their number (the server
 * version, columns, keys, checks, indexes); with `only`, just that table. The model follows the
 * other dialects: a primary key carries the conventional `<table>_pkey` name (MySQL calls every one
 * PRIMARY), unique indexes are unique constraints (MySQL does not tell them apart) unless they index
 * an expression, comments are null when empty (how MySQL stores none), and the index
 * MySQL adds by itself for a foreign key is not listed.
 */
export async function introspectMysql(conn: Connection, only?: string): Promise<SchemaModel> {
  const [version] = await conn.query<{ v: string }>('SELECT VERSION() AS v');
  const mariadb = /mariadb/i.test(version?.v ?? '');
  const p = [only ?? null, only ?? null];
  const columns = await conn.query<ColumnRow>(
    `SELECT c.TABLE_NAME AS t, c.COLUMN_NAME AS name, c.COLUMN_TYPE AS type, c.IS_NULLABLE AS nullable, c.COLUMN_DEFAULT AS dflt, c.EXTRA AS extra,
            c.COLUMN_COMMENT AS comment, x.TABLE_COMMENT AS table_comment
       FROM information_schema.COLUMNS c
       JOIN information_schema.TABLES x ON x.TABLE_SCHEMA = c.TABLE_SCHEMA AND x.TABLE_NAME = c.TABLE_NAME AND x.TABLE_TYPE = 'BASE TABLE'
      WHERE c.TABLE_SCHEMA = DATABASE() AND ${ONE_TABLE('c.TABLE_NAME')}
      ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`, p);
  const keys = await conn.query<KeyRow>(
    `SELECT tc.TABLE_NAME AS t, tc.CONSTRAINT_NAME AS name, tc.CONSTRAINT_TYPE AS type, k.COLUMN_NAME AS col,
            k.REFERENCED_TABLE_NAME AS ref_table, k.REFERENCED_COLUMN_NAME AS ref_col, rc.UPDATE_RULE AS upd, rc.DELETE_RULE AS del
       FROM information_schema.TABLE_CONSTRAINTS tc
       LEFT JOIN information_schema.KEY_COLUMN_USAGE k
         ON k.TABLE_SCHEMA = tc.TABLE_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
       LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc
         ON rc.CONSTRAINT_SCHEMA = tc.TABLE_SCHEMA AND rc.TABLE_NAME = tc.TABLE_NAME AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
      WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY') AND ${ONE_TABLE('tc.TABLE_NAME')}
      ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION`, p);
  // MariaDB names checks per table and says which; MySQL 8 names them per database and does not.
  const checks = await conn.query<CheckRow>(
    mariadb
      ? `SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
          WHERE CONSTRAINT_SCHEMA = DATABASE() AND ${ONE_TABLE('TABLE_NAME')} ORDER BY TABLE_NAME, CONSTRAINT_NAME`
      : `SELECT tc.TABLE_NAME AS t, cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause
           FROM information_schema.TABLE_CONSTRAINTS tc
           JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
          WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE = 'CHECK' AND ${ONE_TABLE('tc.TABLE_NAME')}
          ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`, p);
  // A unique index over an expression (MySQL 8) is listed as a UNIQUE constraint with no column:
  // MySQL's unique indexes are read here too, and one with an expression becomes a unique index in
  // the model, as on PostgreSQL (MariaDB has no expression indexes).
  const indexes = await conn.query<IndexRow>(
    `SELECT TABLE_NAME AS t, INDEX_NAME AS name, COLUMN_NAME AS col, ${mariadb ? 'NULL' : 'EXPRESSION'} AS expr, NON_UNIQUE AS non_unique
       FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND ${mariadb ? 'NON_UNIQUE = 1' : "INDEX_NAME <> 'PRIMARY'"} AND ${ONE_TABLE('TABLE_NAME')}
      ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`, p);
  return buildModel(columns, keys, checks, indexes, mariadb);
}

type Draft = {
  -readonly [K in keyof TableModel]: K extends 'name' | 'primaryKey' | 'comment' ? TableModel[K] : Array<TableModel[K] extends readonly (infer E)[] ? E : never>;
};

function buildModel(columns: ColumnRow[], keys: KeyRow[], checks: CheckRow[], indexes: IndexRow[], mariadb: boolean): SchemaModel {
  const tables = new Map<string, Draft>();
  for (const c of columns) {
    if (BOOKKEEPING.has(c.t)) continue;
    let t = tables.get(c.t);
    if (!t) {
      t = { name: c.t, columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [], comment: c.table_comment || null };
      tables.set(c.t, t);
    }
    t.columns.push(column(c, mariadb));
  }
  const fksOf = new Map<string, ForeignKeyModel[]>();
  const expressionUniques = new Set(indexes.filter((i) => Number(i.non_unique) === 0 && i.expr !== null).map((i) => `${i.t}\u0000${i.name}`));
  for (const group of grouped(keys, (k) => `${k.t}\u0000${k.name}`)) {
    const first = group[0]!;
    const t = tables.get(first.t);
    if (!t || (first.type === 'UNIQUE' && expressionUniques.has(`${first.t}\u0000${first.name}`))) continue;
    const cols = group.map((k) => k.col ?? '');
    if (first.type === 'PRIMARY KEY') t.primaryKey = { name: constraintName.primaryKey(first.t), columns: cols };
    if (first.type === 'UNIQUE') t.uniques.push({ name: first.name, columns: cols } satisfies UniqueModel);
    if (first.type === 'FOREIGN KEY') {
      const fk: ForeignKeyModel = {
        name: first.name, columns: cols, refTable: first.ref_table ?? '', refColumns: group.map((k) => k.ref_col ?? ''),
        onDelete: (first.del ?? 'NO ACTION').toLowerCase(), onUpdate: (first.upd ?? 'NO ACTION').toLowerCase(),
      };
      t.foreignKeys.push(fk);
      fksOf.set(first.t, [...(fksOf.get(first.t) ?? []), fk]);
    }
  }
  for (const c of checks) {
    const t = tables.get(c.t);
    if (!t) continue;
    // MariaDB's JSON is LONGTEXT with a check named after the column: the model says json instead.
    const i = t.columns.findIndex((x) => x.name === c.name && x.type === 'longtext');
    if (i !== -1 && c.clause.trim().toLowerCase() === `json_valid(\`${c.name.replace(/`/g, '``')}\`)`.toLowerCase()) {
      t.columns[i] = { ...t.columns[i]!, type: 'json' };
      continue;
    }
    t.checks.push({ name: c.name, expression: c.clause } satisfies CheckModel);
  }
  for (const group of grouped(indexes, (i) => `${i.t}\u0000${i.name}`)) {
    const first = group[0]!;
    if (Number(first.non_unique) === 0 && !expressionUniques.has(`${first.t}\u0000${first.name}`)) continue;
    const t = tables.get(first.t);
    const cols = group.map((i) => i.col ?? i.expr ?? '');
    if (!t || (fksOf.get(first.t) ?? []).some((fk) => implicitForeignKeyIndex(first.name, cols, fk))) continue;
    t.indexes.push({ name: first.name, columns: cols, unique: Number(first.non_unique) === 0, where: null } satisfies IndexModel);
  }
  return { tables: [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) as TableModel[] };
}

/**
 * An index MySQL made by itself for a foreign key whose columns no index covered: named after the
 * key, or (MariaDB, for a REFERENCES in a column's definition) after its column. It comes and goes
 * with the key, so the model leaves it out, as PostgreSQL has none.
 */
export function implicitForeignKeyIndex(name: string, columns: readonly string[], fk: { name: string; columns: readonly string[] }): boolean {
  const sameColumns = columns.length === fk.columns.length && columns.every((c, i) => c === fk.columns[i]);
  return sameColumns && (name === fk.name || (fk.columns.length === 1 && name === fk.columns[0]));
}

function grouped<T>(rows: T[], key: (r: T) => string): T[][] {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k) ?? [];
    list.push(r);
    out.set(k, list);
  }
  return [...out.values()];
}

const NUMERIC = /^(tinyint|smallint|mediumint|int|bigint|decimal|float|double|bit)\b/;

function column(c: ColumnRow, mariadb: boolean): ColumnModel {
  const identity = /auto_increment/i.test(c.extra);
  return {
    name: c.name, type: normaliseType(c), notNull: c.nullable === 'NO', default: identity ? null : normaliseDefault(c, mariadb), identity,
    comment: c.comment || null,
  };
}

/** Lower case, without the display widths MariaDB still prints (`int(11)`), except BOOLEAN's `tinyint(1)`. */
function normaliseType(c: ColumnRow): string {
  const type = c.type.toLowerCase();
  return type === 'tinyint(1)' ? type : type.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1');
}

/**
 * The default as SQL text. MariaDB prints literals quoted and `NULL` for "none"; MySQL 8 prints
 * literals bare and marks expressions DEFAULT_GENERATED.
 */
function normaliseDefault(c: ColumnRow, mariadb: boolean): string | null {
  const d = c.dflt;
  if (d === null || d === undefined) return null;
  if (mariadb) return d === 'NULL' ? null : d;
  if (/DEFAULT_GENERATED/i.test(c.extra) || NUMERIC.test(c.type.toLowerCase())) return d;
  return mysqlString(d);
}
