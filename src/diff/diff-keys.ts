import type { CheckModel, ForeignKeyModel, IndexModel, TableModel, UniqueModel } from '../schema/schema-model.js';
import type { SchemaNormalizer } from '../schema/schema-normalizer.js';
import type { SchemaChange } from './schema-change.js';

/**
 * Compares the keys, checks and indexes of one table. They are matched by name; one that only
 * changed name (same columns, same definition) is left alone, since a rename would gain nothing,
 * and a changed one is dropped and added again.
 */
export function diffKeys(before: TableModel, after: TableModel, n: SchemaNormalizer, changes: SchemaChange[]): void {
  const table = after.name;
  const pkSig = (pk: TableModel['primaryKey']) => (pk ? pk.columns.join(',') : '');
  if (pkSig(before.primaryKey) !== pkSig(after.primaryKey)) {
    changes.push({ kind: 'changePrimaryKey', table, from: before.primaryKey, to: after.primaryKey });
  }
  const uniqueSig = (u: UniqueModel) => u.columns.join(',');
  const fkSig = (f: ForeignKeyModel) =>
    `${f.columns.join(',')}>${f.refTable}(${f.refColumns.join(',')}) ${n.canonicalAction(f.onDelete)} ${n.canonicalAction(f.onUpdate)}`;
  const checkSig = (c: CheckModel) => n.canonicalExpression(c.expression);
  const indexSig = (i: IndexModel) =>
    `${i.unique ? 'unique ' : ''}${i.columns.map((c) => n.canonicalExpression(c)).join(',')}${i.where ? ` where ${n.canonicalExpression(i.where)}` : ''}`;
  for (const [drop, add] of pairs(before.uniques, after.uniques, uniqueSig)) {
    for (const u of drop) changes.push({ kind: 'dropUnique', table, unique: u });
    for (const u of add) changes.push({ kind: 'addUnique', table, unique: u });
  }
  for (const [drop, add] of pairs(before.foreignKeys, after.foreignKeys, fkSig)) {
    for (const f of drop) changes.push({ kind: 'dropForeignKey', table, foreignKey: f });
    for (const f of add) changes.push({ kind: 'addForeignKey', table, foreignKey: f });
  }
  for (const [drop, add] of pairs(before.checks, after.checks, checkSig)) {
    for (const c of drop) changes.push({ kind: 'dropCheck', table, check: c });
    for (const c of add) changes.push({ kind: 'addCheck', table, check: c });
  }
  for (const [drop, add] of pairs(before.indexes, after.indexes, indexSig)) {
    for (const i of drop) changes.push({ kind: 'dropIndex', table, index: i });
    for (const i of add) changes.push({ kind: 'addIndex', table, index: i });
  }
}

/** The items to drop and to add, matching by name, then by definition among the unmatched. */
function pairs<T extends { readonly name: string }>(before: readonly T[], after: readonly T[], sig: (x: T) => string): [T[], T[]][] {
  const drop: T[] = [];
  const add: T[] = [];
  const afterByName = new Map(after.map((x) => [x.name, x]));
  const beforeNames = new Set(before.map((x) => x.name));
  const unmatchedBefore: T[] = [];
  for (const b of before) {
    const a = afterByName.get(b.name);
    if (!a) unmatchedBefore.push(b);
    else if (sig(a) !== sig(b)) {
      drop.push(b);
      add.push(a);
    }
  }
  const unmatchedAfter = after.filter((a) => !beforeNames.has(a.name));
  const bySig = new Map<string, T[]>();
  for (const b of unmatchedBefore) bySig.set(sig(b), [...(bySig.get(sig(b)) ?? []), b]);
  for (const a of unmatchedAfter) {
    const same = bySig.get(sig(a));
    if (same?.length) same.shift();
    else add.push(a);
  }
  for (const rest of bySig.values()) drop.push(...rest);
  return [[drop, add]];
}
