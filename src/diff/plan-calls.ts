import type { ColumnSpec } from '../operations/column-spec.js';
import type { ReferentialAction } from '../operations/column-spec.js';
import type { ColumnModel, ForeignKeyModel, IndexModel, TableModel } from '../schema/schema-model.js';
import { specOfColumn, type BuilderCall } from './builder-call.js';
import type { SchemaChange } from './schema-change.js';
import { dependencyOrder } from './dependency-order.js';

/** Where a column's spec comes from when the target is a declared schema (portable types, literal defaults). */
export type SpecSource = (table: string, column: string) => ColumnSpec | undefined;

const action = (a: string) => (a && a !== 'no action' ? (a as ReferentialAction) : undefined);

function fkArgs(table: string, f: ForeignKeyModel): BuilderCall {
  const opts = { name: f.name, ...(action(f.onDelete) ? { onDelete: action(f.onDelete) } : {}), ...(action(f.onUpdate) ? { onUpdate: action(f.onUpdate) } : {}) };
  return { method: 'addForeignKey', args: [table, [...f.columns], { table: f.refTable, columns: [...f.refColumns] }, opts] };
}

function indexCall(table: string, i: IndexModel): BuilderCall {
  return { method: 'createIndex', args: [table, [...i.columns], { name: i.name, ...(i.unique ? { unique: true } : {}), ...(i.where ? { where: i.where } : {}) }] };
}

/**
 * Orders changes into `op` calls that a database can run one after the other: foreign keys and
 * indexes that go are dropped first, tables are created parents first (a foreign key to a table not
 * created yet, as in a cycle, is added at the end), columns are added before old ones are dropped,
 * tables are dropped children first, and new keys, indexes and foreign keys come last.
 */
export function planCalls(changes: readonly SchemaChange[], specOf: SpecSource = () => undefined): BuilderCall[] {
  const of = <K extends SchemaChange['kind']>(k: K) => changes.filter((c): c is Extract<SchemaChange, { kind: K }> => c.kind === k);
  const calls: BuilderCall[] = [];
  const spec = (table: string, c: ColumnModel) => specOf(table, c.name) ?? specOfColumn(c);

  for (const c of of('dropForeignKey')) calls.push({ method: 'dropConstraint', args: [c.table, c.foreignKey.name] });
  for (const c of of('dropIndex')) calls.push({ method: 'dropIndex', args: [c.index.name, { table: c.table }] });
  for (const c of of('dropUnique')) calls.push({ method: 'dropConstraint', args: [c.table, c.unique.name] });
  for (const c of of('dropCheck')) calls.push({ method: 'dropConstraint', args: [c.table, c.check.name] });
  for (const c of of('renameTable')) calls.push({ method: 'renameTable', args: [c.from, c.to] });
  for (const c of of('renameColumn')) calls.push({ method: 'renameColumn', args: [c.table, c.from, c.to] });

  const created = of('addTable').map((c) => c.table);
  const { order, deferred } = dependencyOrder(created);
  const createdNames = new Set(created.map((t) => t.name));
  const ready = new Set<string>();
  const newIndexes: BuilderCall[] = [];
  const lateForeignKeys: BuilderCall[] = [];
  for (const t of order) {
    const inline = t.foreignKeys.filter((f) => !deferred.has(f) && (f.refTable === t.name || ready.has(f.refTable) || !createdNames.has(f.refTable)));
    for (const f of t.foreignKeys) if (!inline.includes(f)) lateForeignKeys.push(fkArgs(t.name, f));
    calls.push(createTableCall(t, inline, spec));
    ready.add(t.name);
    for (const i of t.indexes) newIndexes.push(indexCall(t.name, i));
  }

  for (const c of of('addColumn')) calls.push({ method: 'addColumn', args: [c.table, c.column.name, spec(c.table, c.column)] });
  for (const c of of('alterColumn')) calls.push(...alterCalls(c, spec(c.table, c.to)));
  for (const c of of('changePrimaryKey')) {
    calls.push({
      method: null,
      args: [],
      comment: [`${c.table}: the primary key changes from (${c.from?.columns.join(', ') ?? 'none'}) to (${c.to?.columns.join(', ') ?? 'none'}); write that step by hand with op.execute`],
    });
  }
  for (const c of of('dropColumn')) calls.push({ method: 'dropColumn', args: [c.table, c.column.name] });
  const dropped = dependencyOrder(of('dropTable').map((c) => c.table));
  for (const t of [...dropped.order].reverse()) {
    for (const f of t.foreignKeys) if (dropped.deferred.has(f)) calls.push({ method: 'dropConstraint', args: [t.name, f.name] });
  }
  for (const t of [...dropped.order].reverse()) calls.push({ method: 'dropTable', args: [t.name] });

  for (const c of of('addUnique')) calls.push({ method: 'addUniqueConstraint', args: [c.table, [...c.unique.columns], { name: c.unique.name }] });
  for (const c of of('addCheck')) calls.push({ method: 'addCheckConstraint', args: [c.table, c.check.name, c.check.expression] });
  for (const c of of('addIndex')) calls.push(indexCall(c.table, c.index));
  calls.push(...newIndexes, ...lateForeignKeys);
  for (const c of of('addForeignKey')) calls.push(fkArgs(c.table, c.foreignKey));
  for (const c of of('setTableComment')) calls.push({ method: 'setTableComment', args: [c.table, c.to] });
  for (const c of of('setColumnComment')) calls.push({ method: 'setColumnComment', args: [c.table, c.column, c.to] });
  return calls;
}

function createTableCall(t: TableModel, foreignKeys: readonly ForeignKeyModel[], spec: (table: string, c: ColumnModel) => ColumnSpec): BuilderCall {
  const columns: Record<string, ColumnSpec> = {};
  for (const c of t.columns) columns[c.name] = spec(t.name, c);
  const options = {
    ...(t.primaryKey ? { primaryKey: { name: t.primaryKey.name, columns: [...t.primaryKey.columns] } } : {}),
    ...(t.uniques.length ? { uniques: t.uniques.map((u) => ({ name: u.name, columns: [...u.columns] })) } : {}),
    ...(foreignKeys.length
      ? {
          foreignKeys: foreignKeys.map((f) => ({
            name: f.name,
            columns: [...f.columns],
            references: { table: f.refTable, columns: [...f.refColumns] },
            ...(action(f.onDelete) ? { onDelete: action(f.onDelete) } : {}),
            ...(action(f.onUpdate) ? { onUpdate: action(f.onUpdate) } : {}),
          })),
        }
      : {}),
    ...(t.checks.length ? { checks: t.checks.map((c) => ({ name: c.name, expression: c.expression })) } : {}),
    ...(t.comment ? { comment: t.comment } : {}),
  };
  return { method: 'createTable', args: [t.name, columns, options] };
}

function alterCalls(c: Extract<SchemaChange, { kind: 'alterColumn' }>, target: ColumnSpec): BuilderCall[] {
  const change: { type?: string; notNull?: boolean; default?: ColumnSpec['default'] | null } = {};
  if (c.fields.includes('type')) change.type = target.type;
  if (c.fields.includes('notNull')) change.notNull = c.to.notNull;
  if (c.fields.includes('default')) change.default = target.default === undefined ? null : target.default;
  const calls: BuilderCall[] = [];
  if (Object.keys(change).length) calls.push({ method: 'alterColumn', args: [c.table, c.to.name, change] });
  if (c.fields.includes('identity')) {
    calls.push({
      method: null,
      args: [],
      comment: [`${c.table}.${c.to.name}: identity/auto-increment changes (${c.from.identity} → ${c.to.identity}); op.alterColumn cannot do it: write it by hand with op.execute`],
    });
  }
  return calls;
}
