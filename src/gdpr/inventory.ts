import type { SchemaModel } from '../schema/schema-model.js';
import { holdsPersonalData, type DataMap } from './data-map.js';
import { mapProblems } from './map-problems.js';
import type { LawfulBasis } from './personal-data.js';
import { subjectPaths, type JoinStep } from './subject-paths.js';

/** One personal column of the inventory; basis and retention fall back to the table's. */
export interface InventoryColumn {
  readonly name: string;
  readonly category: string;
  readonly basis: LawfulBasis | null;
  readonly retention: string | null;
  readonly strategy: string;
}

/** One table of the inventory: its personal columns and how its rows reach the subject. */
export interface InventoryTable {
  readonly name: string;
  readonly root: boolean;
  /** False for a table the map lists only to mark columns `personal: false`. */
  readonly holdsPersonalData: boolean;
  /** Joins to the subject root (empty for the root), or null when none links it. */
  readonly path: readonly JoinStep[] | null;
  readonly basis: LawfulBasis | null;
  readonly retention: string | null;
  /** `delete` when erasing a subject deletes the table's rows. */
  readonly strategy: 'delete' | null;
  readonly columns: readonly InventoryColumn[];
  /** Columns the map marks as holding no personal data. */
  readonly notPersonal: readonly string[];
}

/** What `dihya gdpr map` reports. `ok` is false when `problems` is not empty. */
export interface GdprMapResult {
  readonly ok: boolean;
  readonly root: { readonly table: string; readonly column: string } | null;
  readonly tables: readonly InventoryTable[];
  readonly problems: readonly string[];
}

/**
 * The inventory of a map against a schema, without a database (what `dihya gdpr map` prints).
 *
 * @example inventory(buildDataMap(schema, undefined), await dialect.introspect(conn));
 */
export function inventory(map: DataMap, live: SchemaModel): GdprMapResult {
  const paths = subjectPaths(map, live);
  const problems = mapProblems(map, live, paths);
  const pathOf = new Map(paths.paths.map((p) => [p.table, p.steps]));
  const tables = map.tables.map((t): InventoryTable => {
    const basis = t.personal?.basis ?? null;
    const retention = t.personal?.retention ?? null;
    return {
      name: t.name,
      root: paths.root?.table === t.name,
      holdsPersonalData: holdsPersonalData(t),
      path: pathOf.get(t.name) ?? null,
      basis,
      retention,
      strategy: t.personal?.strategy ?? null,
      columns: t.columns.flatMap((c) =>
        c.personal === false ? [] : [{ name: c.name, category: c.personal.category, basis: c.personal.basis ?? basis, retention: c.personal.retention ?? retention, strategy: c.personal.strategy }],
      ),
      notPersonal: t.columns.filter((c) => c.personal === false).map((c) => c.name),
    };
  });
  return { ok: problems.length === 0, root: paths.root ?? null, tables, problems };
}

/**
 * A path as people read it: `orders.user_id → users.id`; the root reads `subject root`.
 *
 * @example pathText([{ from: 'orders', fromColumns: ['user_id'], to: 'users', toColumns: ['id'], source: 'foreign-key' }]);
 */
export function pathText(steps: readonly JoinStep[] | null): string {
  if (steps === null) return 'unreachable';
  if (steps.length === 0) return 'subject root';
  return steps.map((s) => `${s.from}.${cols(s.fromColumns)} → ${s.to}.${cols(s.toColumns)}${s.source === 'declared' ? ' (declared via)' : ''}`).join(', ');
}

const cols = (c: readonly string[]) => (c.length === 1 ? c[0]! : `(${c.join(', ')})`);

/**
 * A table's link to the subject as people read it: its path, or `no personal data` for a table the
 * map lists only for its `personal: false` columns.
 *
 * @example linkText(result.tables[0]); // 'orders.user_id → users.id'
 */
export function linkText(table: InventoryTable): string {
  return table.holdsPersonalData || table.root ? pathText(table.path) : 'no personal data';
}
