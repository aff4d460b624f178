import type { ColumnModel, SchemaModel, TableModel } from '../schema/schema-model.js';
import type { SchemaNormalizer } from '../schema/schema-normalizer.js';
import { diffKeys } from './diff-keys.js';
import type { ColumnField, SchemaChange, SchemaDiff } from './schema-change.js';

/** Renames the target declares (`renamedFrom`): new name → old name. Nothing else is a rename. */
export interface RenameHints {
  readonly tables?: ReadonlyMap<string, string>;
  /** Per table (its new name): new column name → old column name. */
  readonly columns?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/**
 * Compares two schema models, after putting both in the dialect's canonical forms, and lists the
 * changes that turn `current` into `target`. A rename is made only where a hint says so; a table or
 * column that disappears while another appears is a drop and an add, with a note saying how to make
 * it a rename.
 */
export function diffSchemas(current: SchemaModel, target: SchemaModel, normalizer: SchemaNormalizer, hints: RenameHints = {}): SchemaDiff {
  const changes: SchemaChange[] = [];
  const notes: string[] = [];
  const currentByName = new Map(current.tables.map((t) => [t.name, t]));
  const targetNames = new Set(target.tables.map((t) => t.name));
  const matched = new Set<string>();
  const added: TableModel[] = [];
  for (const t of target.tables) {
    let before = currentByName.get(t.name);
    const old = hints.tables?.get(t.name);
    if (!before && old && currentByName.has(old) && !targetNames.has(old)) {
      before = currentByName.get(old)!;
      changes.push({ kind: 'renameTable', from: old, to: t.name });
    }
    if (!before) {
      added.push(t);
      continue;
    }
    matched.add(before.name);
    diffTable({ ...before, name: t.name }, t, normalizer, hints.columns?.get(t.name), changes, notes);
  }
  const dropped = current.tables.filter((t) => !matched.has(t.name));
  for (const t of added) changes.push({ kind: 'addTable', table: t });
  for (const t of dropped) changes.push({ kind: 'dropTable', table: t });
  if (added.length && dropped.length) {
    notes.push(
      `table${dropped.length > 1 ? 's' : ''} ${dropped.map((t) => t.name).join(', ')} dropped and ${added.map((t) => t.name).join(', ')} created: ` +
        "if one is a rename, add `renamedFrom: '<old name>'` to the new table in the schema, or the rows are lost",
    );
  }
  return { changes, notes };
}

function diffTable(
  before: TableModel,
  after: TableModel,
  n: SchemaNormalizer,
  renames: ReadonlyMap<string, string> | undefined,
  changes: SchemaChange[],
  notes: string[],
): void {
  const table = after.name;
  const beforeCols = new Map(before.columns.map((c) => [c.name, c]));
  const afterNames = new Set(after.columns.map((c) => c.name));
  const seen = new Set<string>();
  const addedCols: ColumnModel[] = [];
  for (const c of after.columns) {
    let old = beforeCols.get(c.name);
    const from = renames?.get(c.name);
    if (!old && from && beforeCols.has(from) && !afterNames.has(from)) {
      old = beforeCols.get(from)!;
      changes.push({ kind: 'renameColumn', table, from, to: c.name });
    }
    if (!old) {
      addedCols.push(c);
      continue;
    }
    seen.add(old.name);
    const fields = columnFields(old, c, n);
    if (fields.length) changes.push({ kind: 'alterColumn', table, from: { ...old, name: c.name }, to: c, fields });
    if (n.comments && (old.comment ?? null) !== (c.comment ?? null)) {
      changes.push({ kind: 'setColumnComment', table, column: c.name, from: old.comment ?? null, to: c.comment ?? null });
    }
  }
  const droppedCols = before.columns.filter((c) => !seen.has(c.name));
  for (const c of addedCols) changes.push({ kind: 'addColumn', table, column: c });
  for (const c of droppedCols) changes.push({ kind: 'dropColumn', table, column: c });
  if (addedCols.length && droppedCols.length) {
    notes.push(
      `${table}: column${droppedCols.length > 1 ? 's' : ''} ${droppedCols.map((c) => c.name).join(', ')} dropped and ${addedCols.map((c) => c.name).join(', ')} added: ` +
        "if one is a rename, add `renamedFrom: '<old name>'` to the new column in the schema, or its data is lost",
    );
  }
  const renamedCols = new Map<string, string>();
  for (const ch of changes) if (ch.kind === 'renameColumn' && ch.table === table) renamedCols.set(ch.from, ch.to);
  diffKeys(renameColumnsIn(before, renamedCols), after, n, changes);
  if (n.comments && (before.comment ?? null) !== (after.comment ?? null)) {
    changes.push({ kind: 'setTableComment', table, from: before.comment ?? null, to: after.comment ?? null });
  }
}

function columnFields(a: ColumnModel, b: ColumnModel, n: SchemaNormalizer): ColumnField[] {
  const fields: ColumnField[] = [];
  if (n.canonicalType(a.type) !== n.canonicalType(b.type)) fields.push('type');
  if (a.notNull !== b.notNull) fields.push('notNull');
  if (n.canonicalDefault(a.default, a.type) !== n.canonicalDefault(b.default, b.type)) fields.push('default');
  if (a.identity !== b.identity) fields.push('identity');
  return fields;
}

/** The old table with renamed columns under their new names, so keys on them compare equal. */
function renameColumnsIn(t: TableModel, renamed: ReadonlyMap<string, string>): TableModel {
  if (renamed.size === 0) return t;
  const r = (c: string) => renamed.get(c) ?? c;
  return {
    ...t,
    primaryKey: t.primaryKey ? { ...t.primaryKey, columns: t.primaryKey.columns.map(r) } : null,
    uniques: t.uniques.map((u) => ({ ...u, columns: u.columns.map(r) })),
    foreignKeys: t.foreignKeys.map((f) => ({ ...f, columns: f.columns.map(r) })),
    indexes: t.indexes.map((i) => ({ ...i, columns: i.columns.map(r) })),
  };
}
