import { UsageError } from '../core/errors.js';
import type { ColumnModel, TableModel } from '../schema/schema-model.js';
import type { OperationOf } from './operation.js';

/** The column an `anonymizeColumn` rewrites and the primary-key column its batches are ranged by. */
export interface AnonymizeTarget {
  readonly column: ColumnModel;
  readonly key: string;
  /** A UNIQUE key or index covers the column alone, so every row must get a different value. */
  readonly unique: boolean;
}

/**
 * Checks an `anonymizeColumn` against the table as the database holds it, so a wrong name or a
 * table the batches cannot walk is refused in one line before any row changes.
 *
 * @example
 * const { key, column } = anonymizeTarget(op, await ctx.introspectTable(op.table));
 */
export function anonymizeTarget(op: OperationOf<'anonymizeColumn'>, table: TableModel | undefined): AnonymizeTarget {
  const call = `anonymizeColumn('${op.table}', '${op.column}', '${op.strategy}')`;
  if (!table) throw new UsageError(`${call}: table ${op.table} does not exist; check the name or create it in an earlier revision`);
  const column = table.columns.find((c) => c.name === op.column);
  if (!column) throw new UsageError(`${call}: table ${op.table} has no column ${op.column}; check the name`);
  const pk = table.primaryKey?.columns ?? [];
  if (pk.length !== 1) {
    throw new UsageError(`${call}: table ${op.table} needs a single-column primary key to be changed in batches; add one, or use op.execute`);
  }
  if (pk[0] === op.column) throw new UsageError(`${call}: ${op.column} is the primary key of ${op.table}; anonymize the columns that hold the personal data instead`);
  if (op.strategy === 'null' && column.notNull) {
    throw new UsageError(`${call}: column ${op.table}.${op.column} is NOT NULL; use 'anonymize', or allow NULL first with op.alterColumn`);
  }
  const alone = (cols: readonly string[]) => cols.length === 1 && cols[0] === op.column;
  const unique = table.uniques.some((u) => alone(u.columns)) || table.indexes.some((i) => i.unique && i.where === null && alone(i.columns));
  return { column, key: pk[0]!, unique };
}
