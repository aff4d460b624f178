import type { OperationOf } from '../operations/operation.js';
import type { CheckModel, ForeignKeyModel, UniqueModel } from '../schema/schema-model.js';

/**
 * The table-level unique keys, foreign keys and CHECKs of a createTable as introspection reads
 * them back (an unstated action is `no action`), for the dialects that follow a table as a model:
 * SQLite writes CREATE TABLE from one, MySQL's offline SQL tracks what it created.
 */
export function tableKeysModel(op: OperationOf<'createTable'>): { uniques: UniqueModel[]; foreignKeys: ForeignKeyModel[]; checks: CheckModel[] } {
  return {
    uniques: (op.uniques ?? []).map((u) => ({ name: u.name, columns: [...u.columns] })),
    foreignKeys: (op.foreignKeys ?? []).map((f) => ({
      name: f.name, columns: [...f.columns], refTable: f.refTable, refColumns: [...f.refColumns],
      onDelete: f.onDelete ?? 'no action', onUpdate: f.onUpdate ?? 'no action',
    })),
    checks: (op.checks ?? []).map((c) => ({ name: c.name, expression: c.expression })),
  };
}
