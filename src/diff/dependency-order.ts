import type { ForeignKeyModel, TableModel } from '../schema/schema-model.js';

/**
 * Orders tables so that each comes after the tables its foreign keys reference (within the set).
 * A foreign key that closes a cycle cannot be satisfied that way: it is returned in `deferred`, to
 * be added after every table exists (or dropped before any goes). Self-references need nothing.
 */
export function dependencyOrder(tables: readonly TableModel[]): { order: TableModel[]; deferred: Set<ForeignKeyModel> } {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: TableModel[] = [];
  const deferred = new Set<ForeignKeyModel>();
  const visit = (t: TableModel) => {
    state.set(t.name, 'visiting');
    for (const f of t.foreignKeys) {
      const target = byName.get(f.refTable);
      if (!target || target === t) continue;
      const s = state.get(target.name);
      if (s === 'visiting') deferred.add(f);
      else if (s === undefined) visit(target);
    }
    state.set(t.name, 'done');
    order.push(t);
  };
  for (const t of tables) if (!state.has(t.name)) visit(t);
  return { order, deferred };
}
