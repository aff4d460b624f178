import { UsageError } from '../core/errors.js';
import { DEFAULT_ANONYMIZE_BATCH, type AnonymizeOptions, type AnonymizeStrategy } from './anonymize-options.js';
import type { ColumnChange, ColumnSpec, ReferentialAction } from './column-spec.js';
import { constraintName, indexColumnLabel } from './constraint-names.js';
import type { CreateTableOptions } from './create-table-options.js';
import type { Operation } from './operation.js';
import { resolveTableOptions } from './resolve-table-options.js';

/**
 * The `op` object a revision's `up`/`down` receives. Each call records one operation; nothing
 * touches the database until the runner renders and executes the list.
 *
 * @example
 * async up(op) {
 *   op.addColumn('users', 'is_rgpd_deleted', { type: 'boolean', notNull: true, default: false });
 * }
 */
export class OperationBuilder {
  readonly #ops: Operation[] = [];

  /** The operations recorded so far, in call order. */
  get operations(): readonly Operation[] {
    return this.#ops;
  }

  #push(op: Operation): void {
    this.#ops.push(Object.freeze(op));
  }

  /**
   * Creates a table; column order is key order. `options` declares keys over several columns,
   * CHECKs and a comment, all written inside the one CREATE TABLE (see CreateTableOptions).
   *
   * @example
   * op.createTable('order_lines', {
   *   order_id: { type: 'integer', references: { table: 'orders', column: 'id', onDelete: 'cascade' } },
   *   line: { type: 'integer' },
   *   quantity: { type: 'integer', notNull: true, comment: 'Units, never negative' },
   * }, { primaryKey: { columns: ['order_id', 'line'] }, checks: [{ name: 'order_lines_quantity_check', expression: 'quantity >= 0' }] });
   */
  createTable(table: string, columns: Record<string, ColumnSpec>, options: CreateTableOptions = {}): void {
    requireName(table, 'createTable', 'table');
    if (Object.keys(columns ?? {}).length === 0) throw new UsageError(`createTable('${table}') needs at least one column`);
    for (const [name, spec] of Object.entries(columns)) requireType(spec, `${table}.${name}`);
    this.#push({ kind: 'createTable', table, columns: { ...columns }, ...resolveTableOptions(table, columns, options ?? {}) });
  }
  dropTable(table: string): void {
    requireName(table, 'dropTable', 'table');
    this.#push({ kind: 'dropTable', table });
  }
  /** Renames a table in its schema; `to` may repeat the schema (`app.items` → `app.products`). */
  renameTable(from: string, to: string): void {
    requireName(from, 'renameTable', 'table');
    requireName(to, 'renameTable', 'new table');
    // RENAME TO takes a bare name, so a different schema in `to` would be silently dropped.
    if (to.includes('.') && schemaOf(to) !== schemaOf(from)) {
      throw new UsageError(`renameTable('${from}', '${to}') cannot move a table to another schema; use op.execute('ALTER TABLE … SET SCHEMA …')`);
    }
    this.#push({ kind: 'renameTable', from, to });
  }
  addColumn(table: string, column: string, spec: ColumnSpec): void {
    requireType(spec, `${table}.${column}`);
    this.#push({ kind: 'addColumn', table, column, spec });
  }
  dropColumn(table: string, column: string): void {
    this.#push({ kind: 'dropColumn', table, column });
  }
  renameColumn(table: string, from: string, to: string): void {
    this.#push({ kind: 'renameColumn', table, from, to });
  }
  /** Changes a column's type, nullability or default (`default: null` drops it). */
  alterColumn(table: string, column: string, change: ColumnChange): void {
    if (change.type === undefined && change.notNull === undefined && !('default' in change)) {
      throw new UsageError(`alterColumn('${table}', '${column}') needs type, notNull or default`);
    }
    this.#push({ kind: 'alterColumn', table, column, change: { ...change } });
  }
  createIndex(
    table: string,
    columns: string | string[],
    options: { name?: string; unique?: boolean; where?: string; concurrently?: boolean } = {},
  ): void {
    const cols = Array.isArray(columns) ? columns : [columns];
    this.#push({
      kind: 'createIndex',
      table,
      columns: cols,
      name: options.name ?? constraintName.index(table, cols.map(indexColumnLabel)),
      unique: options.unique ?? false,
      where: options.where,
      concurrently: options.concurrently ?? false,
    });
  }
  dropIndex(name: string, options: { table?: string } = {}): void {
    this.#push({ kind: 'dropIndex', name, table: options.table });
  }
  addForeignKey(
    table: string,
    columns: string | string[],
    references: { table: string; columns: string | string[] },
    options: { name?: string; onDelete?: ReferentialAction; onUpdate?: ReferentialAction } = {},
  ): void {
    const cols = Array.isArray(columns) ? columns : [columns];
    const refColumns = Array.isArray(references.columns) ? references.columns : [references.columns];
    this.#push({
      kind: 'addForeignKey',
      table,
      columns: cols,
      refTable: references.table,
      refColumns,
      name: options.name ?? constraintName.foreignKey(table, cols),
      onDelete: options.onDelete,
      onUpdate: options.onUpdate,
    });
  }
  addUniqueConstraint(table: string, columns: string | string[], options: { name?: string } = {}): void {
    const cols = Array.isArray(columns) ? columns : [columns];
    this.#push({ kind: 'addUniqueConstraint', table, columns: cols, name: options.name ?? constraintName.unique(table, cols) });
  }
  addCheckConstraint(table: string, name: string, sqlExpression: string): void {
    this.#push({ kind: 'addCheckConstraint', table, name, expression: sqlExpression });
  }
  dropConstraint(table: string, name: string): void {
    this.#push({ kind: 'dropConstraint', table, name });
  }
  /**
   * Sets the comment stored with a table; `null` removes it. SQLite keeps no comments: there this
   * renders no statement.
   *
   * @example op.setTableComment('users', 'One row per person who can sign in');
   */
  setTableComment(table: string, comment: string | null): void {
    requireName(table, 'setTableComment', 'table');
    this.#push({ kind: 'setTableComment', table, comment: requireComment(comment, `setTableComment('${table}')`) });
  }
  /**
   * Sets the comment stored with a column; `null` removes it. On MySQL the column is restated in
   * full (MODIFY COLUMN) with its current definition. SQLite keeps no comments: there this renders
   * no statement.
   *
   * @example op.setColumnComment('users', 'email', 'Personal data: erased on request');
   */
  setColumnComment(table: string, column: string, comment: string | null): void {
    requireName(table, 'setColumnComment', 'table');
    requireName(column, 'setColumnComment', 'column');
    this.#push({ kind: 'setColumnComment', table, column, comment: requireComment(comment, `setColumnComment('${table}', '${column}')`) });
  }
  /** Raw SQL. `params` are bound with the driver's own placeholders (`$1` on PostgreSQL, `?` on SQLite). */
  execute(sql: string, params?: unknown[]): void {
    this.#push({ kind: 'execute', sql, params });
  }
  /** Inserts rows; every value is a bound parameter. */
  bulkInsert(table: string, rows: Record<string, unknown>[]): void {
    this.#push({ kind: 'bulkInsert', table, rows: rows.map((r) => ({ ...r })) });
  }
  /**
   * Adds the soft-delete flag and timestamp of personal data: `is_rgpd_deleted boolean NOT NULL
   * DEFAULT false` and `rgpd_deleted_at timestamp` (NULL until the row is soft-deleted). Recorded
   * as two `addColumn` operations, so every dialect, lint rule and inverse already knows them.
   *
   * @example
   * async up(op) { op.addSoftDelete('users'); }
   * async down(op) { op.dropColumn('users', 'rgpd_deleted_at'); op.dropColumn('users', 'is_rgpd_deleted'); }
   */
  addSoftDelete(table: string): void {
    requireName(table, 'addSoftDelete', 'table');
    this.addColumn(table, 'is_rgpd_deleted', { type: 'boolean', notNull: true, default: false });
    this.addColumn(table, 'rgpd_deleted_at', { type: 'timestamp' });
  }
  /**
   * Irreversibly replaces the existing values of a personal-data column (see AnonymizeStrategy),
   * `batchSize` rows per statement (default 1,000) in primary-key order, so no statement touches the
   * whole table; `where` restricts the rows. The table needs a single-column primary key. The
   * revision's `rollback` text must say the change is irreversible, or the runner refuses it; its
   * `down()` cannot bring the values back. `'pseudonymize'` is computed when the revision runs,
   * with the key in `DIHYA_GDPR_KEY`, and so has no offline SQL.
   *
   * @example
   * // rollback: 'Irreversible: the e-mails of deleted accounts cannot be restored.'
   * async up(op) {
   *   op.anonymizeColumn('users', 'email', 'anonymize', { where: 'is_rgpd_deleted = true', batchSize: 500 });
   *   op.anonymizeColumn('users', 'phone', 'null', { where: 'is_rgpd_deleted = true' });
   * }
   */
  anonymizeColumn(table: string, column: string, strategy: AnonymizeStrategy, options: AnonymizeOptions = {}): void {
    requireName(table, 'anonymizeColumn', 'table');
    requireName(column, 'anonymizeColumn', 'column');
    const where = `anonymizeColumn('${table}', '${column}')`;
    if (!['null', 'anonymize', 'pseudonymize'].includes(strategy)) {
      throw new UsageError(`${where} needs the strategy 'null', 'anonymize' or 'pseudonymize', got '${String(strategy)}'`);
    }
    const batchSize = options.batchSize ?? DEFAULT_ANONYMIZE_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`${where} needs batchSize as a whole number of rows, at least 1`);
    if (options.where !== undefined && (typeof options.where !== 'string' || options.where.trim() === '')) {
      throw new UsageError(`${where} needs where as a SQL condition such as "is_rgpd_deleted = true"`);
    }
    this.#push({ kind: 'anonymizeColumn', table, column, strategy, batchSize, ...(options.where !== undefined ? { where: options.where } : {}) });
  }
}

function schemaOf(table: string): string {
  return table.includes('.') ? table.slice(0, table.lastIndexOf('.')) : '';
}

function requireName(name: unknown, fn: string, what: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new UsageError(`${fn}() needs a ${what} name`);
}

function requireComment(comment: unknown, where: string): string | null {
  if (typeof comment === 'string' || comment === null) return comment;
  throw new UsageError(`${where} needs the comment as a string, or null to remove it`);
}

function requireType(spec: ColumnSpec | undefined, where: string): void {
  if (!spec || typeof spec.type !== 'string' || spec.type.trim() === '') {
    throw new UsageError(`column ${where} needs a type, e.g. { type: 'text' }`);
  }
}
