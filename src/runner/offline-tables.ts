import type { Operation } from '../operations/operation.js';
import type { TableModel } from '../schema/schema-model.js';

type Table = { name: string; columns: TableModel['columns'][number][]; primaryKey: TableModel['primaryKey']; uniques: TableModel['uniques'][number][] };

/**
 * The columns, primary key and unique keys of the tables the rendered revisions built, for offline
 * SQL of `anonymizeColumn` where no database can be introspected (the replacement depends on the
 * column's type). Types stay in their portable spelling (`varchar(255)`, `integer`); tables made
 * by raw SQL stay unknown.
 */
export class OfflineTables {
  readonly #tables = new Map<string, Table>();

  /** The table as the operations so far left it, shaped as introspection would give it. */
  table(name: string): TableModel | undefined {
    const t = this.#tables.get(name);
    return t && { ...t, foreignKeys: [], checks: [], indexes: [], comment: null };
  }

  /** Follows one operation. */
  apply(op: Operation): void {
    if (op.kind === 'createTable') {
      const pk = op.primaryKey?.columns ?? Object.entries(op.columns).filter(([, s]) => s.primaryKey).map(([n]) => n);
      const t: Table = { name: op.table, columns: [], primaryKey: pk.length ? { name: `${op.table}_pkey`, columns: pk } : null, uniques: [...(op.uniques ?? [])] };
      for (const [name, spec] of Object.entries(op.columns)) this.#addColumn(t, name, spec.type, Boolean(spec.notNull || pk.includes(name)), Boolean(spec.unique));
      this.#tables.set(op.table, t);
      return;
    }
    if (op.kind === 'dropTable') this.#tables.delete(op.table);
    if (op.kind === 'renameTable') {
      const t = this.#tables.get(op.from);
      this.#tables.delete(op.from);
      if (t) this.#tables.set(op.to, { ...t, name: op.to });
    }
    const t = 'table' in op && op.table ? this.#tables.get(op.table) : undefined;
    if (!t) return;
    if (op.kind === 'addColumn') this.#addColumn(t, op.column, op.spec.type, Boolean(op.spec.notNull), Boolean(op.spec.unique));
    if (op.kind === 'dropColumn') t.columns = t.columns.filter((c) => c.name !== op.column);
    if (op.kind === 'renameColumn') t.columns = t.columns.map((c) => (c.name === op.from ? { ...c, name: op.to } : c));
    if (op.kind === 'alterColumn') {
      t.columns = t.columns.map((c) => (c.name === op.column ? { ...c, type: op.change.type ?? c.type, notNull: op.change.notNull ?? c.notNull } : c));
    }
    if (op.kind === 'addUniqueConstraint') t.uniques.push({ name: op.name, columns: op.columns });
  }

  #addColumn(t: Table, name: string, type: string, notNull: boolean, unique: boolean): void {
    t.columns.push({ name, type: type.trim().toLowerCase(), notNull, default: null, identity: false, comment: null });
    if (unique) t.uniques.push({ name: `${t.name}_${name}_key`, columns: [name] });
  }
}
