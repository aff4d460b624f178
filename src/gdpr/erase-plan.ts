import { UsageError } from '../core/errors.js';
import type { SchemaModel, TableModel } from '../schema/schema-model.js';
import type { DataMap } from './data-map.js';
import type { ErasureStrategy } from './personal-data.js';
import type { SubjectPath, SubjectPaths } from './subject-paths.js';

/** A personal column as the erasure engine needs it: its annotation and what the database says of it. */
export interface PlannedColumn {
  readonly name: string;
  readonly category: string;
  readonly basis?: string;
  readonly retention?: string;
  readonly strategy: ErasureStrategy;
  /** The type as the database spells it, lower case. */
  readonly type: string;
  readonly notNull: boolean;
  /** A UNIQUE key or index covers the column alone. */
  readonly unique: boolean;
}

/** What erasing a subject does to one table's rows. */
export interface TablePlan {
  readonly table: string;
  readonly path: SubjectPath;
  /** The primary-key column the rows are targeted by. */
  readonly key: string;
  /** `delete` removes the rows; `update` applies each column's strategy; `keep` leaves them. */
  readonly action: 'delete' | 'update' | 'keep';
  /** Every personal column of the table, in the map's order. */
  readonly columns: readonly PlannedColumn[];
}

/** The subject root and the tables in the order erasure visits them (children before parents). */
export interface ErasePlan {
  readonly root: { readonly table: string; readonly column: string };
  readonly tables: readonly TablePlan[];
}

/**
 * Decides, table by table, what erasing a subject does: a table-level `delete`, or a table whose
 * personal columns all say `delete`, loses the rows; otherwise each column's strategy is applied by
 * an UPDATE and `keep` columns stay. Tables are ordered deepest path first so that a row is always
 * changed or deleted before the row it references. A map that cannot be applied (no subject root, a
 * table the paths cannot reach, no single-column primary key) is refused in one line before any row
 * is read.
 *
 * @example
 * const plan = erasePlan(map, subjectPaths(map, live), live);
 * plan.tables.map((t) => `${t.table}: ${t.action}`); // ['health_records: delete', …, 'users: update']
 */
export function erasePlan(map: DataMap, paths: SubjectPaths, live: SchemaModel): ErasePlan {
  if (!paths.root) throw new UsageError('the personal-data map names no subject table; mark one with personal: { subject: \'<column>\' } (see `dihya gdpr map`)');
  if (paths.unreachable.length) {
    throw new UsageError(`table ${paths.unreachable[0]} holds personal data but no foreign key or declared via leads to ${paths.root.table}; fix the map (see \`dihya gdpr map\`)`);
  }
  const tables = paths.paths.map((path) => tablePlan(map, path, live));
  // Deepest first; among equals by name, so the order (and each receipt) is stable.
  tables.sort((a, b) => b.path.steps.length - a.path.steps.length || (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  return { root: paths.root, tables };
}

function tablePlan(map: DataMap, path: SubjectPath, live: SchemaModel): TablePlan {
  const mapped = map.tables.find((t) => t.name === path.table)!;
  const table = live.tables.find((t) => t.name === path.table);
  if (!table) throw new UsageError(`table ${path.table} of the personal-data map does not exist in the database; upgrade it or fix the map`);
  const pk = table.primaryKey?.columns ?? [];
  if (pk.length !== 1) throw new UsageError(`table ${path.table} needs a single-column primary key for its rows to be exported and erased one by one; add one`);
  const columns: PlannedColumn[] = [];
  for (const c of mapped.columns) {
    if (c.personal === false) continue;
    const model = table.columns.find((m) => m.name === c.name);
    if (!model) throw new UsageError(`column ${path.table}.${c.name} of the personal-data map does not exist in the database; upgrade it or fix the map`);
    const { category, basis, retention, strategy } = c.personal;
    columns.push({ name: c.name, category, strategy, type: model.type, notNull: model.notNull, unique: isUnique(table, c.name),
      ...(basis ? { basis } : {}), ...(retention ? { retention } : {}) });
  }
  const action = mapped.personal?.strategy === 'delete' || (columns.length > 0 && columns.every((c) => c.strategy === 'delete'))
    ? 'delete'
    : columns.some((c) => c.strategy !== 'keep') ? 'update' : 'keep';
  if (action === 'update') for (const c of columns) checkUpdatable(path.table, c, pk[0]!);
  return { table: path.table, path, key: pk[0]!, action, columns };
}

/** Refuses, before any change, a column whose strategy its type or constraints cannot take. */
function checkUpdatable(table: string, c: PlannedColumn, key: string): void {
  const where = `${table}.${c.name} (strategy ${c.strategy})`;
  if (c.strategy !== 'keep' && c.name === key) throw new UsageError(`${where} is the primary key; erasure keeps row keys, so declare it 'keep' or the table strategy 'delete'`);
  if ((c.strategy === 'null' || c.strategy === 'delete') && c.notNull) {
    throw new UsageError(`${where}: the column is NOT NULL and the row is kept, so it cannot be emptied; use 'anonymize', or allow NULL first`);
  }
}

function isUnique(table: TableModel, column: string): boolean {
  const alone = (cols: readonly string[]) => cols.length === 1 && cols[0] === column;
  return table.uniques.some((u) => alone(u.columns)) || table.indexes.some((i) => i.unique && i.where === null && alone(i.columns));
}
