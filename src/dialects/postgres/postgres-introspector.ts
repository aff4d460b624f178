import type { Connection } from '../dialect.js';
import type { ColumnModel, SchemaModel, TableModel } from '../../schema/schema-model.js';

const BOOKKEEPING = ['dihya_version', 'dihya_history', 'dihya_audit'];

/** The three catalogue reads: columns, constraints and indexes of the current schema (or one table). */
async function readCatalogue(conn: Connection, only: string | undefined) {
  const params = [only ?? null];
  // Comments come joined in (the table's on each of its columns), so they cost no query of their own.
  const columns = await conn.query<{
    table: string; name: string; type: string; not_null: boolean; dflt: string | null; identity: string; comment: string | null; table_comment: string | null;
  }>(
    `SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity AS identity,
            cd.description AS comment, td.description AS table_comment
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       LEFT JOIN pg_description cd ON cd.objoid = c.oid AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = a.attnum
       LEFT JOIN pg_description td ON td.objoid = c.oid AND td.classoid = 'pg_class'::regclass AND td.objsubid = 0
      WHERE a.attnum > 0 AND NOT a.attisdropped AND ($1::text IS NULL OR c.relname = $1)
      ORDER BY c.relname, a.attnum`,
    params,
  );
  const constraints = await conn.query<{ table: string; name: string; type: string; cols: string[]; ref_table: string | null; ref_cols: string[] | null; del: string; upd: string; def: string }>(
    `SELECT c.relname AS "table", k.conname AS name, k.contype AS type,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS cols,
            r.relname AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS ref_cols,
            k.confdeltype AS del, k.confupdtype AS upd, pg_get_constraintdef(k.oid) AS def
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
       LEFT JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype IN ('p', 'u', 'f', 'c') AND ($1::text IS NULL OR c.relname = $1)
      ORDER BY c.relname, k.conname`,
    params,
  );
  const indexes = await conn.query<{ table: string; name: string; unique: boolean; cols: string[]; pred: string | null; def: string }>(
    `SELECT t.relname AS "table", i.relname AS name, x.indisunique AS unique,
            ARRAY(SELECT CASE WHEN x.indkey[k - 1] <> 0 THEN a.attname::text ELSE pg_get_indexdef(x.indexrelid, k, true) END
                    FROM generate_series(1, x.indnkeyatts) k
                    LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k - 1]
                   ORDER BY k) AS cols,
            pg_get_expr(x.indpred, x.indrelid, true) AS pred, pg_get_indexdef(x.indexrelid) AS def
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
      WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
        AND ($1::text IS NULL OR t.relname = $1)
      ORDER BY t.relname, i.relname`,
    params,
  );
  return { columns, constraints, indexes };
}

/**
 * Reads the tables of the current schema in three catalogue queries, whatever the number of tables;
 * with `only`, just that table (renderers that need one table's columns do not read the whole schema).
 * Index columns are the stored names, unquoted, and expressions as PostgreSQL prints them (int2vector
 * `indkey` counts from 0 while pg_get_indexdef counts key columns from 1).
 */
export async function introspectPostgres(conn: Connection, only?: string): Promise<SchemaModel> {
  const { columns, constraints, indexes } = await readCatalogue(conn, only);
  const tables = new Map<string, { columns: ColumnModel[] } & Omit<TableModel, 'columns' | 'name'> & { primaryKey: TableModel['primaryKey'] }>();
  const table = (name: string, comment: string | null = null) => {
    let t = tables.get(name);
    if (!t) {
      t = { columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [], comment };
      tables.set(name, t);
    }
    return t;
  };
  for (const c of columns) {
    if (BOOKKEEPING.includes(c.table)) continue;
    table(c.table, c.table_comment).columns.push({
      name: c.name, type: c.type, notNull: c.not_null, default: c.identity ? null : c.dflt, identity: c.identity !== '', comment: c.comment,
    });
  }
  for (const k of constraints) {
    if (!tables.has(k.table)) continue;
    const t = table(k.table) as { -readonly [K in keyof TableModel]: TableModel[K] } & { columns: ColumnModel[] };
    if (k.type === 'p') t.primaryKey = { name: k.name, columns: k.cols };
    if (k.type === 'u') (t.uniques as unknown[]).push({ name: k.name, columns: k.cols });
    if (k.type === 'c') (t.checks as unknown[]).push({ name: k.name, expression: k.def.replace(/^CHECK \((.*)\)$/s, '$1') });
    if (k.type === 'f') {
      (t.foreignKeys as unknown[]).push({
        name: k.name, columns: k.cols, refTable: k.ref_table ?? '', refColumns: k.ref_cols ?? [],
        onDelete: ACTIONS[k.del] ?? 'no action', onUpdate: ACTIONS[k.upd] ?? 'no action',
      });
    }
  }
  for (const i of indexes) {
    if (!tables.has(i.table)) continue;
    (table(i.table).indexes as unknown[]).push({ name: i.name, columns: i.cols, unique: i.unique, where: i.pred, definition: i.def });
  }
  return {
    tables: [...tables.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, t]) => ({ name, ...t })),
  };
}

const ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
