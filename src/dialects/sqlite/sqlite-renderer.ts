import { DihyaError } from '../../core/errors.js';
import type { Operation, OperationKind, OperationOf } from '../../operations/operation.js';
import { bare } from '../../operations/constraint-names.js';
import { renderAnonymizeColumn, type AnonymizeSyntax } from '../anonymize-sql.js';
import { renderBulkInsert } from '../bulk-insert.js';
import { tableKeysModel } from '../table-keys-model.js';
import type { RenderContext, Statement } from '../dialect.js';
import { isPlainIdentifier, quoteDoubleQuoted as q, quoteLiteral } from '../sql-literal.js';
import { mentionsColumn, rebuildTable, withConstraint, withoutColumn, withoutConstraint } from './sqlite-rebuild.js';
import { addSpecColumn, createTableSql, type MutableTable } from './sqlite-table-sql.js';
import { sqliteDefault, sqliteType } from './sqlite-types.js';

/** SQLite's default limit on bound parameters (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
const MAX_PARAMS = 32_766;

type Renderers = { [K in OperationKind]: (op: OperationOf<K>, ctx: RenderContext) => Promise<Statement[]> | Statement[] };

/** The SQL pieces of `anonymizeColumn` (booleans are 0/1 in SQLite). */
const anonymizeSyntax: AnonymizeSyntax = {
  dialect: 'sqlite',
  quoteIdent: q,
  literal: (v) => quoteLiteral(v, { true: '1', false: '0' }),
  placeholder: () => '?',
  concat: (parts) => parts.join(' || '),
  asText: (e) => `CAST(${e} AS TEXT)`,
};

function emptyTable(name: string): MutableTable {
  return { name, columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [], comment: null };
}

/** The table a createTable makes: column flags first, then the table-level keys and CHECKs (comments are not kept). */
function createdTable(op: OperationOf<'createTable'>): MutableTable {
  const t = emptyTable(op.table);
  const flagged = Object.entries(op.columns).filter(([, s]) => s.primaryKey).map(([n]) => n);
  const pk = op.primaryKey?.columns ?? flagged;
  if (op.primaryKey) t.primaryKey = { name: op.primaryKey.name, columns: [...pk] };
  for (const [name, spec] of Object.entries(op.columns)) addSpecColumn(t, name, pk.includes(name) ? { ...spec, primaryKey: true } : spec, pk);
  const keys = tableKeysModel(op);
  t.uniques.push(...keys.uniques);
  t.foreignKeys.push(...keys.foreignKeys);
  t.checks.push(...keys.checks);
  return t;
}

/** One function per operation kind; what SQLite cannot alter in place becomes a table rebuild. */
export const sqliteRenderers: Renderers = {
  createTable: (op) => [{ sql: createTableSql(createdTable(op)) }],
  dropTable: (op) => [{ sql: `DROP TABLE ${q(op.table)}` }],
  renameTable: (op) => [{ sql: `ALTER TABLE ${q(op.from)} RENAME TO ${q(bare(op.to))}` }],
  addColumn(op, ctx) {
    const s = op.spec;
    // ADD COLUMN refuses keys and non-constant defaults; those take a rebuild.
    if (s.primaryKey || s.unique || (s.default !== null && typeof s.default === 'object')) {
      return rebuildTable(ctx, op.table, (t) => addSpecColumn(t, op.column, s, t.primaryKey?.columns ?? [op.column]));
    }
    const parts = [q(op.column), sqliteType(s.type)];
    if (s.notNull) parts.push('NOT NULL');
    if (s.default !== undefined) parts.push(`DEFAULT ${sqliteDefault(s.default)}`);
    if (s.references) {
      const r = s.references;
      parts.push(`CONSTRAINT ${q(r.name ?? `${bare(op.table)}_${op.column}_fkey`)} REFERENCES ${q(r.table)} (${q(r.column)})`);
      if (r.onDelete) parts.push(`ON DELETE ${r.onDelete.toUpperCase()}`);
      if (r.onUpdate) parts.push(`ON UPDATE ${r.onUpdate.toUpperCase()}`);
    }
    return [{ sql: `ALTER TABLE ${q(op.table)} ADD COLUMN ${parts.join(' ')}` }];
  },
  async dropColumn(op, ctx) {
    const t = await ctx.introspectTable(op.table);
    // SQLite's own DROP COLUMN refuses a column that a key, index or CHECK uses; those take a rebuild.
    const uses = (cols: readonly string[]) => cols.some((x) => mentionsColumn(x, op.column));
    const involved =
      !t ||
      uses(t.primaryKey?.columns ?? []) ||
      t.uniques.some((u) => uses(u.columns)) ||
      t.foreignKeys.some((f) => uses(f.columns)) ||
      t.indexes.some((i) => uses(i.columns) || i.where) ||
      t.checks.length > 0;
    if (!involved) return [{ sql: `ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column)}` }];
    return rebuildTable(ctx, op.table, (m) => withoutColumn(m, op.column));
  },
  renameColumn: (op) => [{ sql: `ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}` }],
  alterColumn: (op, ctx) =>
    rebuildTable(ctx, op.table, (t) => {
      const i = t.columns.findIndex((c) => c.name === op.column);
      const col = t.columns[i];
      if (!col) throw new DihyaError('STATEMENT_FAILED', `column ${op.table}.${op.column} does not exist`);
      const ch = op.change;
      t.columns[i] = {
        ...col,
        type: ch.type !== undefined ? sqliteType(ch.type).toLowerCase() : col.type,
        notNull: ch.notNull ?? col.notNull,
        default: 'default' in ch ? (ch.default === null || ch.default === undefined ? null : sqliteDefault(ch.default)) : col.default,
      };
    }),
  createIndex(op) {
    const cols = op.columns.map((c) => (isPlainIdentifier(c) ? q(c) : `(${c})`)).join(', ');
    return [{ sql: `CREATE ${op.unique ? 'UNIQUE ' : ''}INDEX ${q(op.name)} ON ${q(op.table)} (${cols})${op.where ? ` WHERE ${op.where}` : ''}` }];
  },
  dropIndex: (op) => [{ sql: `DROP INDEX ${q(op.name)}` }],
  addForeignKey: (op, ctx) =>
    rebuildTable(ctx, op.table, (t) =>
      withConstraint(t, op.name, (m) =>
        m.foreignKeys.push({
          name: op.name, columns: [...op.columns], refTable: op.refTable, refColumns: [...op.refColumns],
          onDelete: op.onDelete ?? 'no action', onUpdate: op.onUpdate ?? 'no action',
        }),
      ),
    ),
  addUniqueConstraint: (op, ctx) =>
    rebuildTable(ctx, op.table, (t) => withConstraint(t, op.name, (m) => m.uniques.push({ name: op.name, columns: [...op.columns] }))),
  addCheckConstraint: (op, ctx) =>
    rebuildTable(ctx, op.table, (t) => withConstraint(t, op.name, (m) => m.checks.push({ name: op.name, expression: op.expression }))),
  dropConstraint: (op, ctx) => rebuildTable(ctx, op.table, (t) => withoutConstraint(t, op.name)),
  // SQLite has nowhere to keep a comment: nothing to run.
  setTableComment: () => [],
  setColumnComment: () => [],
  execute: (op) => [{ sql: op.sql, params: op.params }],
  bulkInsert: (op) => renderBulkInsert(op.table, op.rows, q, () => '?', MAX_PARAMS),
  anonymizeColumn: (op, ctx) => renderAnonymizeColumn(op, ctx, anonymizeSyntax),
};

/** Renders any operation for SQLite. */
export async function renderSqlite(op: Operation, ctx: RenderContext): Promise<Statement[]> {
  return (sqliteRenderers[op.kind] as (o: Operation, c: RenderContext) => Promise<Statement[]> | Statement[])(op, ctx);
}
