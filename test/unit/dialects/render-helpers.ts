/**
 * Renders what an `op` callback records, without a database: the render context answers from
 * hand-written table models, as introspection would.
 */
import type { Dialect, RenderContext, Statement } from '../../../src/dialects/dialect.js';
import { OperationBuilder } from '../../../src/operations/operation-builder.js';
import type { ColumnModel, TableModel } from '../../../src/schema/schema-model.js';

export async function renderOps(dialect: Dialect, record: (op: OperationBuilder) => void, tables: TableModel[] = []): Promise<Statement[]> {
  const op = new OperationBuilder();
  record(op);
  const ctx: RenderContext = { introspectTable: async (name) => tables.find((t) => t.name === name) };
  const out: Statement[] = [];
  for (const operation of op.operations) out.push(...(await dialect.render(operation, ctx)));
  return out;
}

/** Only the SQL text of each statement. */
export async function renderSql(dialect: Dialect, record: (op: OperationBuilder) => void, tables: TableModel[] = []): Promise<string[]> {
  return (await renderOps(dialect, record, tables)).map((s) => s.sql);
}

export function column(name: string, type: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, notNull: false, default: null, identity: false, comment: null, ...extra };
}

export function table(name: string, extra: Partial<TableModel> = {}): TableModel {
  return { name, columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [], comment: null, ...extra };
}
