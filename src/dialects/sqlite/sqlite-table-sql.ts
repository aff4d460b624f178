import type { ColumnSpec } from '../../operations/column-spec.js';
import { constraintName } from '../../operations/constraint-names.js';
import type { ColumnModel, ForeignKeyModel, TableModel } from '../../schema/schema-model.js';
import { quoteDoubleQuoted as q } from '../sql-literal.js';
import { sqliteDefault, sqliteType } from './sqlite-types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
export type MutableTable = Mutable<TableModel>;

/** Copies a table model so a rebuild can change it. */
export function cloneTable(t: TableModel): MutableTable {
  return {
    name: t.name,
    columns: t.columns.map((c) => ({ ...c })),
    primaryKey: t.primaryKey ? { name: t.primaryKey.name, columns: [...t.primaryKey.columns] } : null,
    uniques: t.uniques.map((u) => ({ name: u.name, columns: [...u.columns] })),
    foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: [...f.columns], refColumns: [...f.refColumns] })),
    checks: t.checks.map((c) => ({ ...c })),
    indexes: t.indexes.map((i) => ({ ...i, columns: [...i.columns] })),
    comment: t.comment,
  };
}

/** Adds one `op` column (and the constraints its spec declares) to a table model; SQLite keeps no comment. */
export function addSpecColumn(t: MutableTable, name: string, spec: ColumnSpec, pkColumns: readonly string[]): void {
  const column: ColumnModel = {
    name,
    type: sqliteType(spec.type, spec.identity && pkColumns.length === 1 && spec.primaryKey),
    notNull: Boolean(spec.notNull || spec.primaryKey),
    default: spec.default === undefined ? null : sqliteDefault(spec.default),
    identity: Boolean(spec.identity && spec.primaryKey && pkColumns.length === 1),
    comment: null,
  };
  t.columns.push(column);
  if (spec.primaryKey && !t.primaryKey) t.primaryKey = { name: constraintName.primaryKey(t.name), columns: [...pkColumns] };
  if (spec.unique) t.uniques.push({ name: constraintName.unique(t.name, [name]), columns: [name] });
  if (spec.references) {
    const r = spec.references;
    t.foreignKeys.push({
      name: r.name ?? constraintName.foreignKey(t.name, [name]),
      columns: [name],
      refTable: r.table,
      refColumns: [r.column],
      onDelete: r.onDelete ?? 'no action',
      onUpdate: r.onUpdate ?? 'no action',
    });
  }
}

function fkClause(f: ForeignKeyModel): string {
  const act = (what: string, a: string) => (a && a !== 'no action' ? ` ON ${what} ${a.toUpperCase()}` : '');
  return `CONSTRAINT ${q(f.name)} FOREIGN KEY (${f.columns.map(q).join(', ')}) REFERENCES ${q(f.refTable)} (${f.refColumns.map(q).join(', ')})${act('DELETE', f.onDelete)}${act('UPDATE', f.onUpdate)}`;
}

/** CREATE TABLE text for a model, under `name` (a rebuild creates it under a temporary name). */
export function createTableSql(t: TableModel, name = t.name): string {
  const pk = t.primaryKey;
  const inlinePk = pk && pk.columns.length === 1 && t.columns.find((c) => c.name === pk.columns[0])?.identity;
  const lines = t.columns.map((c) => {
    const parts = [q(c.name), c.type.toUpperCase()];
    if (inlinePk && c.name === pk.columns[0]) parts.push(`CONSTRAINT ${q(pk.name)} PRIMARY KEY AUTOINCREMENT`);
    if (c.notNull && !(inlinePk && c.name === pk.columns[0])) parts.push('NOT NULL');
    if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
    return parts.join(' ');
  });
  if (pk && !inlinePk) lines.push(`CONSTRAINT ${q(pk.name)} PRIMARY KEY (${pk.columns.map(q).join(', ')})`);
  for (const u of t.uniques) lines.push(`CONSTRAINT ${q(u.name)} UNIQUE (${u.columns.map(q).join(', ')})`);
  for (const f of t.foreignKeys) lines.push(fkClause(f));
  for (const c of t.checks) lines.push(`CONSTRAINT ${q(c.name)} CHECK (${c.expression})`);
  return `CREATE TABLE ${q(name)} (\n  ${lines.join(',\n  ')}\n)`;
}
