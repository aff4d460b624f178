import type { ColumnSpec, Operation, OperationOf } from '../../operations/operation.js';
import { bare, constraintName } from '../../operations/constraint-names.js';
import type { ColumnModel, TableModel } from '../../schema/schema-model.js';
import type { RenderContext } from '../dialect.js';
import { isPlainIdentifier } from '../sql-literal.js';
import { tableKeysModel } from '../table-keys-model.js';
import { mysqlDefault, mysqlType } from './mysql-types.js';

type Table = {
  -readonly [K in keyof TableModel]: K extends 'name' | 'primaryKey' | 'comment' ? TableModel[K] : Array<TableModel[K] extends readonly (infer E)[] ? E : never>;
};

/**
 * Offline SQL has no database to ask, yet MySQL must restate a whole column to change it and must
 * know what kind of constraint it drops. The tables the rendered operations build are followed
 * here, as introspection would have read them; tables made by raw SQL stay unknown.
 */
export class OfflineSchema {
  readonly #tables = new Map<string, Table>();

  table(name: string): TableModel | undefined {
    return this.#tables.get(name);
  }

  /** The table holding index `name`, when exactly one does. */
  tableOfIndex(name: string): string | undefined {
    const owners = [...this.#tables.values()].filter((t) => t.indexes.some((i) => i.name === name) || t.uniques.some((u) => u.name === name));
    return owners.length === 1 ? owners[0]!.name : undefined;
  }

  /** Follows one rendered operation. */
  apply(op: Operation): void {
    const t = 'table' in op && op.table ? this.#tables.get(op.table) : undefined;
    switch (op.kind) {
      case 'createTable':
        this.#tables.set(op.table, createdTable(op));
        return;
      case 'dropTable':
        this.#tables.delete(op.table);
        return;
      case 'renameTable': {
        const from = this.#tables.get(op.from);
        this.#tables.delete(op.from);
        if (from) this.#tables.set(op.to, { ...from, name: op.to });
        return;
      }
      default:
        if (t) applyToTable(t, op);
        else if (op.kind === 'dropIndex') for (const x of this.#tables.values()) applyToTable(x, op);
    }
  }
}

/** The table a createTable makes, as introspection would read it (MySQL calls every primary key PRIMARY). */
function createdTable(op: OperationOf<'createTable'>): Table {
  const table: Table = { name: op.table, columns: [], primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [], comment: op.comment || null };
  const pk = op.primaryKey?.columns ?? Object.entries(op.columns).filter(([, s]) => s.primaryKey).map(([n]) => n);
  if (pk.length > 0) table.primaryKey = { name: constraintName.primaryKey(op.table), columns: [...pk] };
  for (const [name, spec] of Object.entries(op.columns)) addColumn(table, name, pk.includes(name) ? { ...spec, notNull: true } : spec);
  const keys = tableKeysModel(op);
  table.uniques.push(...keys.uniques);
  table.foreignKeys.push(...keys.foreignKeys);
  table.checks.push(...keys.checks);
  return table;
}

function addColumn(t: Table, name: string, spec: ColumnSpec): void {
  const type = mysqlType(spec.type);
  t.columns.push({
    name, type, notNull: Boolean(spec.notNull || spec.primaryKey), identity: Boolean(spec.identity),
    default: spec.default === undefined || spec.default === null ? null : mysqlDefault(spec.default, type),
    comment: spec.comment || null,
  });
  if (spec.unique) t.uniques.push({ name: constraintName.unique(t.name, [name]), columns: [name] });
  if (spec.references) {
    const r = spec.references;
    t.foreignKeys.push({
      name: r.name ?? constraintName.foreignKey(t.name, [name]), columns: [name], refTable: r.table, refColumns: [r.column],
      onDelete: r.onDelete ?? 'no action', onUpdate: r.onUpdate ?? 'no action',
    });
  }
}

function applyToTable(t: Table, op: Operation): void {
  const named = (name: string) => <T extends { name: string }>(x: T) => x.name !== name;
  switch (op.kind) {
    case 'addColumn':
      addColumn(t, op.column, op.spec);
      if (op.spec.primaryKey) t.primaryKey = { name: constraintName.primaryKey(t.name), columns: [op.column] };
      return;
    case 'dropColumn':
      t.columns = t.columns.filter((c) => c.name !== op.column);
      t.foreignKeys = t.foreignKeys.filter((f) => !f.columns.includes(op.column));
      t.uniques = t.uniques.filter((u) => !u.columns.includes(op.column));
      t.indexes = t.indexes.filter((i) => !i.columns.includes(op.column));
      return;
    case 'renameColumn': {
      const rename = (cols: readonly string[]) => cols.map((c) => (c === op.from ? op.to : c));
      t.columns = t.columns.map((c) => (c.name === op.from ? { ...c, name: op.to } : c));
      if (t.primaryKey) t.primaryKey = { ...t.primaryKey, columns: rename(t.primaryKey.columns) };
      t.uniques = t.uniques.map((u) => ({ ...u, columns: rename(u.columns) }));
      t.indexes = t.indexes.map((i) => ({ ...i, columns: rename(i.columns) }));
      t.foreignKeys = t.foreignKeys.map((f) => ({ ...f, columns: rename(f.columns) }));
      return;
    }
    case 'alterColumn':
      t.columns = t.columns.map((c): ColumnModel => {
        if (c.name !== op.column) return c;
        const type = op.change.type !== undefined ? mysqlType(op.change.type) : c.type;
        const d = op.change.default;
        const dflt = 'default' in op.change ? (d === null || d === undefined ? null : mysqlDefault(d, type)) : c.default;
        return { ...c, type, notNull: op.change.notNull ?? c.notNull, default: dflt };
      });
      return;
    case 'createIndex':
      // As introspection reads them: a unique index over plain columns is a unique constraint.
      if (op.unique && op.columns.every(isPlainIdentifier)) t.uniques.push({ name: bare(op.name), columns: [...op.columns] });
      else t.indexes.push({ name: bare(op.name), columns: [...op.columns], unique: op.unique, where: null });
      return;
    case 'dropIndex':
      t.indexes = t.indexes.filter(named(op.name));
      t.uniques = t.uniques.filter(named(op.name));
      return;
    case 'addForeignKey':
      t.foreignKeys.push({
        name: op.name, columns: [...op.columns], refTable: op.refTable, refColumns: [...op.refColumns],
        onDelete: op.onDelete ?? 'no action', onUpdate: op.onUpdate ?? 'no action',
      });
      return;
    case 'addUniqueConstraint':
      t.uniques.push({ name: op.name, columns: [...op.columns] });
      return;
    case 'addCheckConstraint':
      t.checks.push({ name: op.name, expression: op.expression });
      return;
    case 'setTableComment':
      t.comment = op.comment || null;
      return;
    case 'setColumnComment':
      t.columns = t.columns.map((c) => (c.name === op.column ? { ...c, comment: op.comment || null } : c));
      return;
    case 'dropConstraint':
      if (t.primaryKey?.name === op.name) t.primaryKey = null;
      t.uniques = t.uniques.filter(named(op.name));
      t.foreignKeys = t.foreignKeys.filter(named(op.name));
      t.checks = t.checks.filter(named(op.name));
      return;
    default:
  }
}

const schemas = new WeakMap<RenderContext, OfflineSchema>();

/** The schema followed for one offline render context (one printed script). */
export function offlineSchema(ctx: RenderContext): OfflineSchema {
  let s = schemas.get(ctx);
  if (!s) {
    s = new OfflineSchema();
    schemas.set(ctx, s);
  }
  return s;
}
