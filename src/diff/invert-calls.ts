import type { SchemaModel, TableModel } from '../schema/schema-model.js';
import { specOfColumn, type BuilderCall } from './builder-call.js';
import { planCalls } from './plan-calls.js';

/**
 * The `down` of generated `up` calls: each call inverted, in reverse order, using the schema as it
 * was before `up` (`before`) for what a drop takes away. Where the inverse brings the structure back
 * but not the data (a dropped table or column, a narrowed type), the call carries a comment that
 * says so, rather than pretending the round trip is lossless.
 */
export function invertCalls(up: readonly BuilderCall[], before: SchemaModel): BuilderCall[] {
  const tables = new Map(before.tables.map((t) => [t.name, t]));
  const oldTable = new Map<string, string>();
  const oldColumn = new Map<string, string>();
  for (const c of up) {
    if (c.method === 'renameTable') oldTable.set(c.args[1], c.args[0]);
    if (c.method === 'renameColumn') oldColumn.set(`${c.args[0]}.${c.args[2]}`, c.args[1]);
  }
  const tableBefore = (name: string): TableModel | undefined => {
    const t = tables.get(oldTable.get(name) ?? name);
    return t ? { ...t, name } : undefined;
  };
  const columnBefore = (table: string, column: string) => tableBefore(table)?.columns.find((c) => c.name === (oldColumn.get(`${table}.${column}`) ?? column));
  const created = new Set(up.flatMap((c) => (c.method === 'createTable' ? [c.args[0]] : [])));
  const down: BuilderCall[] = [];
  for (const c of [...up].reverse()) if (!goesWithItsTable(c, created)) down.push(...invert(c, tableBefore, columnBefore));
  return down;
}

/**
 * Indexes, keys and comments added to a table that `up` creates disappear with the table in `down`;
 * undoing them one by one first is noise, and MySQL even refuses to drop an index a foreign key
 * uses. A foreign key to another table stays: it must go before the table it references.
 */
function goesWithItsTable(c: BuilderCall, created: ReadonlySet<string>): boolean {
  switch (c.method) {
    case 'createIndex':
    case 'addUniqueConstraint':
    case 'addCheckConstraint':
    case 'setTableComment':
    case 'setColumnComment':
      return created.has(c.args[0]);
    case 'addForeignKey':
      return created.has(c.args[0]) && c.args[2].table === c.args[0];
    default:
      return false;
  }
}

type Lookup = (name: string) => TableModel | undefined;
type ColumnLookup = (table: string, column: string) => TableModel['columns'][number] | undefined;

function invert(c: BuilderCall, tableBefore: Lookup, columnBefore: ColumnLookup): BuilderCall[] {
  const manual = (why: string): BuilderCall[] => [{ method: null, args: [], comment: [why] }];
  switch (c.method) {
    case null:
      return [{ method: null, args: [], comment: c.comment.map((l) => `(undo) ${l}`) }];
    case 'createTable':
      return [{ method: 'dropTable', args: [c.args[0]] }];
    case 'dropTable': {
      const t = tableBefore(c.args[0]);
      if (!t) return manual(`recreate table ${c.args[0]} by hand: its definition was not found`);
      const calls = planCalls([{ kind: 'addTable', table: t }]);
      const [first, ...rest] = calls;
      return [{ ...first!, comment: [`recreates ${t.name} empty: the rows it held are not restored`] } as BuilderCall, ...rest];
    }
    case 'renameTable':
      return [{ method: 'renameTable', args: [c.args[1], c.args[0]] }];
    case 'addColumn':
      return [{ method: 'dropColumn', args: [c.args[0], c.args[1]] }];
    case 'dropColumn': {
      const col = columnBefore(c.args[0], c.args[1]);
      if (!col) return manual(`re-add column ${c.args[0]}.${c.args[1]} by hand: its definition was not found`);
      const note = col.notNull && col.default === null ? '; NOT NULL with no default: this fails while the table has rows' : '';
      return [{ method: 'addColumn', args: [c.args[0], c.args[1], specOfColumn(col)], comment: [`re-adds ${c.args[0]}.${c.args[1]} empty: its values are not restored${note}`] }];
    }
    case 'renameColumn':
      return [{ method: 'renameColumn', args: [c.args[0], c.args[2], c.args[1]] }];
    case 'alterColumn': {
      const col = columnBefore(c.args[0], c.args[1]);
      if (!col) return manual(`restore column ${c.args[0]}.${c.args[1]} by hand: its definition was not found`);
      const change = c.args[2];
      const back: { type?: string; notNull?: boolean; default?: { sql: string } | null } = {};
      if (change.type !== undefined) back.type = col.type;
      if (change.notNull !== undefined) back.notNull = col.notNull;
      if ('default' in change) back.default = col.default === null ? null : { sql: col.default };
      const comment = change.type !== undefined ? [`restores the type ${col.type}: values the new type rounded or truncated stay as they are`] : undefined;
      return [{ method: 'alterColumn', args: [c.args[0], c.args[1], back], ...(comment ? { comment } : {}) }];
    }
    case 'createIndex':
      return [{ method: 'dropIndex', args: [c.args[2]?.name ?? '', { table: c.args[0] }] }];
    case 'dropIndex': {
      const table = c.args[1]?.table ?? '';
      const i = tableBefore(table)?.indexes.find((x) => x.name === c.args[0]);
      if (!i) return manual(`recreate index ${c.args[0]} by hand: its definition was not found`);
      return [{ method: 'createIndex', args: [table, [...i.columns], { name: i.name, ...(i.unique ? { unique: true } : {}), ...(i.where ? { where: i.where } : {}) }] }];
    }
    case 'addForeignKey':
    case 'addUniqueConstraint':
      return [{ method: 'dropConstraint', args: [c.args[0], (c.args[c.method === 'addForeignKey' ? 3 : 2] as { name?: string } | undefined)?.name ?? ''] }];
    case 'addCheckConstraint':
      return [{ method: 'dropConstraint', args: [c.args[0], c.args[1]] }];
    case 'dropConstraint':
      return readdConstraint(c.args[0], c.args[1], tableBefore) ?? manual(`re-add constraint ${c.args[1]} on ${c.args[0]} by hand: its definition was not found`);
    case 'setTableComment':
      return [{ method: 'setTableComment', args: [c.args[0], tableBefore(c.args[0])?.comment ?? null] }];
    case 'setColumnComment':
      return [{ method: 'setColumnComment', args: [c.args[0], c.args[1], columnBefore(c.args[0], c.args[1])?.comment ?? null] }];
    default:
      return manual(`undo op.${c.method}(…) by hand: it has no automatic inverse`);
  }
}

function readdConstraint(table: string, name: string, tableBefore: Lookup): BuilderCall[] | undefined {
  const t = tableBefore(table);
  const f = t?.foreignKeys.find((x) => x.name === name);
  if (f) return planCalls([{ kind: 'addForeignKey', table, foreignKey: f }]);
  const u = t?.uniques.find((x) => x.name === name);
  if (u) return planCalls([{ kind: 'addUnique', table, unique: u }]);
  const k = t?.checks.find((x) => x.name === name);
  if (k) return planCalls([{ kind: 'addCheck', table, check: k }]);
  return undefined;
}
