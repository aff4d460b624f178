import type { CheckModel, ColumnModel, ForeignKeyModel, IndexModel, TableModel, UniqueModel } from '../schema/schema-model.js';

/** A column property the differ compares. */
export type ColumnField = 'type' | 'notNull' | 'default' | 'identity';

/**
 * One difference between the current schema (the database) and the target (the declared schema,
 * or another database), as a change that would turn the first into the second.
 */
export type SchemaChange =
  | { readonly kind: 'addTable'; readonly table: TableModel }
  | { readonly kind: 'dropTable'; readonly table: TableModel }
  | { readonly kind: 'renameTable'; readonly from: string; readonly to: string }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: ColumnModel }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: ColumnModel }
  | { readonly kind: 'renameColumn'; readonly table: string; readonly from: string; readonly to: string }
  | { readonly kind: 'alterColumn'; readonly table: string; readonly from: ColumnModel; readonly to: ColumnModel; readonly fields: readonly ColumnField[] }
  | { readonly kind: 'changePrimaryKey'; readonly table: string; readonly from: TableModel['primaryKey']; readonly to: TableModel['primaryKey'] }
  | { readonly kind: 'addIndex'; readonly table: string; readonly index: IndexModel }
  | { readonly kind: 'dropIndex'; readonly table: string; readonly index: IndexModel }
  | { readonly kind: 'addUnique'; readonly table: string; readonly unique: UniqueModel }
  | { readonly kind: 'dropUnique'; readonly table: string; readonly unique: UniqueModel }
  | { readonly kind: 'addForeignKey'; readonly table: string; readonly foreignKey: ForeignKeyModel }
  | { readonly kind: 'dropForeignKey'; readonly table: string; readonly foreignKey: ForeignKeyModel }
  | { readonly kind: 'addCheck'; readonly table: string; readonly check: CheckModel }
  | { readonly kind: 'dropCheck'; readonly table: string; readonly check: CheckModel }
  | { readonly kind: 'setTableComment'; readonly table: string; readonly from: string | null; readonly to: string | null }
  | { readonly kind: 'setColumnComment'; readonly table: string; readonly column: string; readonly from: string | null; readonly to: string | null };

/** What `diffSchemas` returns: the changes, and advice where it declined to guess (renames). */
export interface SchemaDiff {
  readonly changes: readonly SchemaChange[];
  readonly notes: readonly string[];
}
