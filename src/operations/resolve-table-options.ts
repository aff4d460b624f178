import { UsageError } from '../core/errors.js';
import type { ColumnSpec } from './column-spec.js';
import { constraintName } from './constraint-names.js';
import type { CreateTableOptions } from './create-table-options.js';
import type { OperationOf } from './operation.js';

type TableParts = Pick<OperationOf<'createTable'>, 'primaryKey' | 'uniques' | 'foreignKeys' | 'checks' | 'comment'>;

/**
 * Checks the third argument of `op.createTable` against the table's columns and fills in the
 * default constraint names. Only what was given is returned, so a two-argument call records the
 * same operation as before.
 */
export function resolveTableOptions(table: string, columns: Readonly<Record<string, ColumnSpec>>, options: CreateTableOptions): TableParts {
  const where = `createTable('${table}')`;
  const known = (list: readonly string[] | undefined, what: string): string[] => {
    if (!Array.isArray(list) || list.length === 0) throw new UsageError(`${where}: the ${what} needs at least one column`);
    const missing = list.filter((c) => !Object.hasOwn(columns, c));
    if (missing.length > 0) throw new UsageError(`${where}: the ${what} names ${missing.join(', ')}, which the table does not have`);
    return [...list];
  };
  const out: { -readonly [K in keyof TableParts]: TableParts[K] } = {};
  if (options.primaryKey) {
    const flagged = Object.entries(columns).filter(([, s]) => s.primaryKey).map(([n]) => n);
    if (flagged.length > 0) {
      throw new UsageError(`${where} declares its primary key twice (options.primaryKey and primaryKey: true on ${flagged.join(', ')}); keep one`);
    }
    const cols = known(options.primaryKey.columns, 'primary key');
    out.primaryKey = { name: options.primaryKey.name ?? constraintName.primaryKey(table), columns: cols };
  }
  if (options.uniques?.length) {
    out.uniques = options.uniques.map((u) => {
      const cols = known(u.columns, `unique key ${u.name ?? ''}`.trim());
      return { name: u.name ?? constraintName.unique(table, cols), columns: cols };
    });
  }
  if (options.foreignKeys?.length) {
    out.foreignKeys = options.foreignKeys.map((f) => {
      const cols = known(f.columns, `foreign key ${f.name ?? ''}`.trim());
      const name = f.name ?? constraintName.foreignKey(table, cols);
      const refColumns = [...(f.references?.columns ?? [])];
      if (!f.references?.table || refColumns.length !== cols.length) {
        throw new UsageError(`${where}: foreign key ${name} needs references: { table, columns } with as many columns as it has (${cols.length})`);
      }
      return { name, columns: cols, refTable: f.references.table, refColumns, onDelete: f.onDelete, onUpdate: f.onUpdate };
    });
  }
  if (options.checks?.length) {
    out.checks = options.checks.map((c) => {
      if (!c.name || typeof c.expression !== 'string' || c.expression.trim() === '') {
        throw new UsageError(`${where}: every check needs a name and an expression, e.g. { name: '${table}_price_check', expression: 'price >= 0' }`);
      }
      return { name: c.name, expression: c.expression };
    });
  }
  if (options.comment !== undefined) {
    if (typeof options.comment !== 'string') throw new UsageError(`${where}: the comment must be a string`);
    out.comment = options.comment;
  }
  return out;
}
