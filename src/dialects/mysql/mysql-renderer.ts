import { UnsupportedOperationError, UsageError } from '../../core/errors.js';
import type { Operation, OperationKind, OperationOf } from '../../operations/operation.js';
import { bare, constraintName } from '../../operations/constraint-names.js';
import type { TableModel } from '../../schema/schema-model.js';
import { renderAnonymizeColumn, type AnonymizeSyntax } from '../anonymize-sql.js';
import { renderBulkInsert } from '../bulk-insert.js';
import type { RenderContext, Statement } from '../dialect.js';
import { isPlainIdentifier } from '../sql-literal.js';
import { actions, columnDefinition, columnKeys, modifiedColumn, quoteBacktick, tableConstraints } from './mysql-column-sql.js';
import { implicitForeignKeyIndex } from './mysql-introspector.js';
import { offlineSchema } from './mysql-offline-schema.js';
import { isLongType, mysqlDefault, mysqlLiteral, mysqlString, mysqlType } from './mysql-types.js';

export { quoteBacktick };

/** MySQL's limit on the placeholders of one prepared statement. */
const MAX_PARAMS = 65_535;

const q = quoteBacktick;

/** The SQL pieces of `anonymizeColumn` (MySQL's `||` is OR unless PIPES_AS_CONCAT, so CONCAT). */
const anonymizeSyntax: AnonymizeSyntax = {
  dialect: 'mysql',
  quoteIdent: q,
  literal: mysqlLiteral,
  placeholder: () => '?',
  concat: (parts) => `CONCAT(${parts.join(', ')})`,
  asText: (e) => e,
};

/**
 * Online DDL clauses. Written only where MySQL 8 and MariaDB 10.11 both do the change without
 * copying the table, so a server that cannot refuses the statement instead of silently rebuilding
 * a big table under a lock.
 */
const INSTANT = ', ALGORITHM=INSTANT';
const INPLACE = ', ALGORITHM=INPLACE, LOCK=NONE';

/** A table holding a UNIQUE key over a TEXT/BLOB column: MariaDB keeps a hidden hash column, which forbids in-place changes. */
function hasHashedUniqueKey(t: TableModel | undefined): boolean {
  if (!t) return false;
  const long = new Set(t.columns.filter((c) => isLongType(c.type)).map((c) => c.name));
  return t.uniques.some((u) => u.columns.some((c) => long.has(c)));
}

/** `"o'clock"` or `` `o'clock` `` written as an index column is a quoted name, not an expression. */
function quotedName(column: string): string | undefined {
  const m = /^"((?:[^"]|"")*)"$/.exec(column) ?? /^`((?:[^`]|``)*)`$/.exec(column);
  if (!m) return undefined;
  return column.startsWith('"') ? m[1]!.replace(/""/g, '"') : m[1]!.replace(/``/g, '`');
}

const serverKinds = new WeakMap<RenderContext, Promise<'mariadb' | 'mysql'>>();

/** MariaDB or MySQL, asked once per render context; offline (no database) it is unknown. */
function serverKind(ctx: RenderContext): Promise<'mariadb' | 'mysql'> | undefined {
  if (!ctx.query) return undefined;
  let kind = serverKinds.get(ctx);
  if (!kind) {
    kind = ctx.query<{ v: string }>('SELECT VERSION() AS v').then(([row]) => (/mariadb/i.test(row?.v ?? '') ? 'mariadb' : 'mysql'));
    serverKinds.set(ctx, kind);
  }
  return kind;
}

async function indexColumns(op: OperationOf<'createIndex'>, ctx: RenderContext, table: TableModel | undefined): Promise<string> {
  const out: string[] = [];
  for (const c of op.columns) {
    const name = isPlainIdentifier(c) ? c : quotedName(c);
    if (name !== undefined) {
      const type = table?.columns.find((x) => x.name === name)?.type ?? '';
      // MySQL indexes a TEXT/BLOB column only by a prefix (MariaDB picks the same one by itself).
      out.push(isLongType(type) && !op.unique ? `${q(name)}(255)` : q(name));
      continue;
    }
    if ((await serverKind(ctx)) === 'mariadb') {
      throw new UnsupportedOperationError('mariadb', `index the expression ${c} (${op.name})`, 'add a generated column holding it with op.execute and index that column');
    }
    // A functional key part (MySQL 8.0.13+) takes the expression in its own parentheses.
    out.push(`(${c})`);
  }
  return out.join(', ');
}

/** The table as the database has it, or offline as the operations rendered so far built it. */
async function liveTable(ctx: RenderContext, table: string): Promise<TableModel | undefined> {
  return (await ctx.introspectTable(table)) ?? (ctx.query ? undefined : offlineSchema(ctx).table(table));
}

/** Which table holds index `name`, asked of the live catalogue when the revision did not say. */
async function tableOfIndex(op: OperationOf<'dropIndex'>, ctx: RenderContext): Promise<string> {
  if (op.table) return op.table;
  const known = ctx.query ? undefined : offlineSchema(ctx).tableOfIndex(op.name);
  if (known) return known;
  if (!ctx.query) throw new UsageError(`dropIndex('${op.name}') needs { table } on MySQL, where an index belongs to its table`);
  const rows = await ctx.query<{ t: string }>(
    'SELECT DISTINCT TABLE_NAME AS t FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME = ?', [op.name]);
  if (rows.length !== 1) {
    throw new UsageError(`dropIndex('${op.name}'): ${rows.length === 0 ? 'no table has this index' : `tables ${rows.map((r) => r.t).join(', ')} all have one`}; pass { table }`);
  }
  return rows[0]!.t;
}

/**
 * The index MySQL made by itself for a foreign key (see implicitForeignKeyIndex), which would
 * outlive the key; offline there is no telling.
 */
async function implicitIndex(ctx: RenderContext, table: string, fk: { name: string; columns: readonly string[] }): Promise<string | undefined> {
  if (!ctx.query) return undefined;
  const rows = await ctx.query<{ name: string; col: string }>(
    `SELECT INDEX_NAME AS name, COLUMN_NAME AS col FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND NON_UNIQUE = 1 AND INDEX_NAME IN (?, ?) ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [bare(table), fk.name, fk.columns[0] ?? fk.name],
  );
  const names = [...new Set(rows.map((r) => r.name))];
  return names.find((n) => implicitForeignKeyIndex(n, rows.filter((r) => r.name === n).map((r) => r.col), fk));
}

/** How to drop a constraint: from the live table, else (offline) from the naming conventions. */
async function dropConstraintClause(op: OperationOf<'dropConstraint'>, ctx: RenderContext): Promise<{ sql: string; online: boolean }> {
  const t = await liveTable(ctx, op.table);
  const name = op.name;
  if (t ? t.primaryKey?.name === name || name === 'PRIMARY' : /_pkey$/.test(name)) return { sql: 'DROP PRIMARY KEY', online: false };
  const fk = t?.foreignKeys.find((f) => f.name === name);
  if (fk || (!t && /_(fkey|fk)$/.test(name))) {
    // MySQL made an index for the key if none covered its columns; it goes with the key.
    const implicit = fk && (await implicitIndex(ctx, op.table, fk));
    return { sql: `DROP FOREIGN KEY ${q(name)}${implicit ? `, DROP INDEX ${q(implicit)}` : ''}`, online: !hasHashedUniqueKey(t) };
  }
  if (t ? t.uniques.some((u) => u.name === name) : /_(key|unique|uniq)$/.test(name)) {
    const hashed = t?.uniques.some((u) => u.name === name && u.columns.some((c) => isLongType(t.columns.find((x) => x.name === c)?.type ?? '')));
    return { sql: `DROP INDEX ${q(name)}`, online: !hashed && !hasHashedUniqueKey(t) };
  }
  const column = t?.columns.find((c) => c.name === name);
  if (column && (await isColumnCheck(ctx, op.table, name))) {
    // A CHECK written in a column's definition belongs to the column in MariaDB: restating the
    // column without it is the only way to drop it.
    return { sql: `MODIFY COLUMN ${modifiedColumn({ kind: 'alterColumn', table: op.table, column: name, change: {} }, column)}`, online: false };
  }
  return { sql: `DROP CONSTRAINT ${q(name)}`, online: false };
}

/** MariaDB says whether a CHECK was written in a column's definition (MySQL has none of those). */
async function isColumnCheck(ctx: RenderContext, table: string, name: string): Promise<boolean> {
  if (!ctx.query || (await serverKind(ctx)) !== 'mariadb') return false;
  const rows = await ctx.query<{ level: string }>(
    'SELECT LEVEL AS level FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?',
    [bare(table), name],
  );
  return rows[0]?.level === 'Column';
}

/**
 * What must go with a dropped column, as PostgreSQL drops it: MySQL refuses to drop a column that a
 * foreign key or a CHECK uses, and would keep a multi-column index with the column cut out of it.
 */
function dependents(t: TableModel | undefined, column: string): string[] {
  if (!t) return [];
  const quoted = q(column);
  const out = t.foreignKeys.filter((f) => f.columns.includes(column)).map((f) => `DROP FOREIGN KEY ${q(f.name)}`);
  const bareName = new RegExp(`(^|[^\\w\`])${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w\`])`);
  out.push(...t.checks.filter((c) => c.expression.includes(quoted) || bareName.test(c.expression)).map((c) => `DROP CONSTRAINT ${q(c.name)}`));
  for (const i of [...t.uniques, ...t.indexes]) if (i.columns.length > 1 && i.columns.includes(column)) out.push(`DROP INDEX ${q(i.name)}`);
  return out;
}

type Renderers = { [K in OperationKind]: (op: OperationOf<K>, ctx: RenderContext) => Promise<Statement[]> | Statement[] };

/** One function per operation kind: the compiler refuses a missing case. */
export const mysqlRenderers: Renderers = {
  createTable(op) {
    const entries = Object.entries(op.columns);
    const pk = op.primaryKey ?? { name: constraintName.primaryKey(op.table), columns: entries.filter(([, s]) => s.primaryKey).map(([n]) => n) };
    // MySQL refuses a key column stated NULL, which a table-level primary key leaves its columns.
    const cols = entries.map(([n, s]) => columnDefinition(n, pk.columns.includes(n) ? { ...s, notNull: true } : s));
    // MySQL names every primary key PRIMARY; the given or conventional name is written for the reader.
    if (pk.columns.length > 0) cols.push(`CONSTRAINT ${q(pk.name)} PRIMARY KEY (${pk.columns.map(q).join(', ')})`);
    for (const [n, s] of entries) cols.push(...columnKeys(op.table, n, s));
    cols.push(...tableConstraints(op));
    const comment = op.comment !== undefined ? ` COMMENT = ${mysqlString(op.comment)}` : '';
    return [{ sql: `CREATE TABLE ${q(op.table)} (\n  ${cols.join(',\n  ')}\n)${comment}` }];
  },
  dropTable: (op) => [{ sql: `DROP TABLE ${q(op.table)}` }],
  renameTable(op) {
    // RENAME TABLE reads a bare new name as one in the current database: keep the table's own.
    const dot = op.from.lastIndexOf('.');
    const to = op.to.includes('.') || dot === -1 ? op.to : `${op.from.slice(0, dot)}.${op.to}`;
    return [{ sql: `RENAME TABLE ${q(op.from)} TO ${q(to)}` }];
  },
  async addColumn(op, ctx) {
    const s = op.spec;
    const clauses = [`ADD COLUMN ${columnDefinition(op.column, s)}`, ...columnKeys(op.table, op.column, s).map((k) => `ADD ${k}`)];
    if (s.primaryKey) clauses.push(`ADD PRIMARY KEY (${q(op.column)})`);
    const plain = !s.primaryKey && !s.unique && !s.references && !s.identity;
    const online = plain && !hasHashedUniqueKey(await liveTable(ctx, op.table));
    return [{ sql: `ALTER TABLE ${q(op.table)} ${clauses.join(', ')}${online ? INSTANT : ''}` }];
  },
  async dropColumn(op, ctx) {
    const t = await liveTable(ctx, op.table);
    const clauses = [...dependents(t, op.column), `DROP COLUMN ${q(op.column)}`];
    return [{ sql: `ALTER TABLE ${q(op.table)} ${clauses.join(', ')}${hasHashedUniqueKey(t) ? '' : INPLACE}` }];
  },
  async renameColumn(op, ctx) {
    const online = !hasHashedUniqueKey(await liveTable(ctx, op.table));
    return [{ sql: `ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)}${online ? INPLACE : ''}` }];
  },
  async alterColumn(op, ctx) {
    const t = await liveTable(ctx, op.table);
    const current = t?.columns.find((c) => c.name === op.column);
    const ch = op.change;
    const hashed = hasHashedUniqueKey(t);
    if (ch.type === undefined && ch.notNull === undefined) {
      // Only the default changes: metadata alone, instant on both servers.
      const type = current?.type ?? '';
      const clause = ch.default === null || ch.default === undefined ? 'DROP DEFAULT' : `SET DEFAULT ${mysqlDefault(ch.default, type)}`;
      return [{ sql: `ALTER TABLE ${q(op.table)} ALTER COLUMN ${q(op.column)} ${clause}${hashed ? '' : INSTANT}` }];
    }
    // Nullability alone is rebuilt in place with concurrent writes allowed; a type change copies.
    const sameType = ch.type === undefined || (current !== undefined && mysqlType(ch.type) === current.type);
    return [{ sql: `ALTER TABLE ${q(op.table)} MODIFY COLUMN ${modifiedColumn(op, current)}${sameType && !hashed && current ? INPLACE : ''}` }];
  },
  async createIndex(op, ctx) {
    if (op.where) {
      throw new UnsupportedOperationError('mysql', `create the partial index ${op.name} (WHERE ${op.where})`, 'MySQL and MariaDB index every row; index a generated column instead');
    }
    const t = await liveTable(ctx, op.table);
    const cols = await indexColumns(op, ctx, t);
    const longUnique = op.unique && op.columns.some((c) => isLongType(t?.columns.find((x) => x.name === (quotedName(c) ?? c))?.type ?? ''));
    const online = !longUnique && !hasHashedUniqueKey(t) && (t !== undefined || !op.unique);
    return [
      { sql: `CREATE ${op.unique ? 'UNIQUE ' : ''}INDEX ${q(bare(op.name))} ON ${q(op.table)} (${cols})${online ? ' ALGORITHM=INPLACE LOCK=NONE' : ''}` },
    ];
  },
  async dropIndex(op, ctx) {
    const table = await tableOfIndex(op, ctx);
    const t = await liveTable(ctx, table);
    const hashed = hasHashedUniqueKey(t);
    return [{ sql: `ALTER TABLE ${q(table)} DROP INDEX ${q(op.name)}${hashed ? '' : INPLACE}` }];
  },
  addForeignKey: (op) => [
    {
      sql:
        `ALTER TABLE ${q(op.table)} ADD CONSTRAINT ${q(op.name)} FOREIGN KEY (${op.columns.map(q).join(', ')}) ` +
        `REFERENCES ${q(op.refTable)} (${op.refColumns.map(q).join(', ')})${actions(op.onDelete, op.onUpdate)}`,
    },
  ],
  async addUniqueConstraint(op, ctx) {
    const t = await liveTable(ctx, op.table);
    const long = op.columns.some((c) => isLongType(t?.columns.find((x) => x.name === c)?.type ?? ''));
    const online = t !== undefined && !long && !hasHashedUniqueKey(t);
    return [{ sql: `ALTER TABLE ${q(op.table)} ADD CONSTRAINT ${q(op.name)} UNIQUE (${op.columns.map(q).join(', ')})${online ? INPLACE : ''}` }];
  },
  addCheckConstraint: (op) => [{ sql: `ALTER TABLE ${q(op.table)} ADD CONSTRAINT ${q(op.name)} CHECK (${op.expression})` }],
  async dropConstraint(op, ctx) {
    const { sql, online } = await dropConstraintClause(op, ctx);
    return [{ sql: `ALTER TABLE ${q(op.table)} ${sql}${online ? INPLACE : ''}` }];
  },
  async setTableComment(op, ctx) {
    // An empty comment is how MySQL stores none.
    const online = !hasHashedUniqueKey(await liveTable(ctx, op.table));
    return [{ sql: `ALTER TABLE ${q(op.table)} COMMENT = ${mysqlString(op.comment ?? '')}${online ? INPLACE : ''}` }];
  },
  async setColumnComment(op, ctx) {
    // MySQL has no statement for a column's comment alone: MODIFY restates the column as it is.
    const t = await liveTable(ctx, op.table);
    const current = t?.columns.find((c) => c.name === op.column);
    if (!current) {
      throw new UsageError(
        t || ctx.query
          ? `setColumnComment('${op.table}', '${op.column}'): ${t ? `table ${op.table} has no column ${op.column}` : `table ${op.table} does not exist`}`
          : `setColumnComment('${op.table}', '${op.column}') restates the whole column on MySQL, and the column is not known here (offline SQL); create it in a revision first, or use op.execute`,
      );
    }
    const clause = modifiedColumn({ kind: 'alterColumn', table: op.table, column: op.column, change: {} }, { ...current, comment: op.comment });
    return [{ sql: `ALTER TABLE ${q(op.table)} MODIFY COLUMN ${clause}${hasHashedUniqueKey(t) ? '' : INPLACE}` }];
  },
  execute: (op) => [{ sql: op.sql, params: op.params }],
  bulkInsert: (op) => renderBulkInsert(op.table, op.rows, q, () => '?', MAX_PARAMS),
  // Offline, the columns come from the tables the earlier revisions built.
  anonymizeColumn: (op, ctx) => renderAnonymizeColumn(op, { ...ctx, introspectTable: (t) => liveTable(ctx, t) }, anonymizeSyntax),
};

/** Renders any operation for MySQL and MariaDB; offline, the schema it builds is followed for the next ones. */
export async function renderMysql(op: Operation, ctx: RenderContext): Promise<Statement[]> {
  const statements = await (mysqlRenderers[op.kind] as (o: Operation, c: RenderContext) => Promise<Statement[]> | Statement[])(op, ctx);
  if (!ctx.query) offlineSchema(ctx).apply(op);
  return statements;
}
