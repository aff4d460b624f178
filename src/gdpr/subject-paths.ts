import type { SchemaModel } from '../schema/schema-model.js';
import { holdsPersonalData, type DataMap } from './data-map.js';

/** One join towards the subject: rows of `from` whose `fromColumns` equal `to`.`toColumns`. */
export interface JoinStep {
  readonly from: string;
  readonly fromColumns: readonly string[];
  readonly to: string;
  readonly toColumns: readonly string[];
  /** A real foreign key of the database, or a `via` the map declares. */
  readonly source: 'foreign-key' | 'declared';
}

/** How one table reaches the subject root; an empty path for the root itself. */
export interface SubjectPath {
  readonly table: string;
  readonly steps: readonly JoinStep[];
}

/** The subject root and the path of every table that holds personal data. */
export interface SubjectPaths {
  /** The subject table and its identifying column, when the map names exactly one. */
  readonly root: { readonly table: string; readonly column: string } | undefined;
  /** Per table with personal data, sorted by table name. */
  readonly paths: readonly SubjectPath[];
  /** Tables with personal data that no chain of joins links to the root, sorted. */
  readonly unreachable: readonly string[];
}

/**
 * Finds, for each table that holds personal data, the shortest chain of joins to the subject root,
 * following the database's real foreign keys (from the referencing table to the referenced one) and
 * the `via` links the map declares where there is none. Among equally short chains the choice is
 * stable: real foreign keys before declared links, then by table and column names. Export and
 * erasure select a subject's rows along these paths.
 *
 * @example
 * const { paths } = subjectPaths(map, await dialect.introspect(conn));
 * // orders: orders.user_id → users.id
 */
export function subjectPaths(map: DataMap, live: SchemaModel): SubjectPaths {
  const roots = map.tables.filter((t) => t.personal?.subject !== undefined);
  const root = roots.length === 1 ? { table: roots[0]!.name, column: roots[0]!.personal!.subject! } : undefined;
  const personal = map.tables.filter((t) => t.name !== root?.table && holdsPersonalData(t)).map((t) => t.name);
  const wanted = [...new Set([...(root ? [root.table] : []), ...personal])].sort(byName);
  if (!root) return { root, paths: [], unreachable: personal.sort(byName) };
  const edges = joinEdges(map, live);
  const distance = distancesTo(root.table, edges);
  const paths: SubjectPath[] = [];
  const unreachable: string[] = [];
  for (const table of wanted) {
    if (!distance.has(table)) {
      unreachable.push(table);
      continue;
    }
    const steps: JoinStep[] = [];
    for (let at = table; at !== root.table; ) {
      const d = distance.get(at)!;
      const next = (edges.get(at) ?? []).find((e) => distance.get(e.to) === d - 1)!;
      steps.push(next);
      at = next.to;
    }
    paths.push({ table, steps });
  }
  return { root, paths, unreachable };
}

/** Outgoing joins per table, in the order ties are broken. */
function joinEdges(map: DataMap, live: SchemaModel): Map<string, JoinStep[]> {
  const edges = new Map<string, JoinStep[]>();
  const add = (step: JoinStep) => {
    if (step.from === step.to) return; // a self-reference (manager_id → id) leads nowhere new
    const list = edges.get(step.from) ?? [];
    list.push(step);
    edges.set(step.from, list);
  };
  for (const table of live.tables) {
    for (const fk of table.foreignKeys) add({ from: table.name, fromColumns: fk.columns, to: fk.refTable, toColumns: fk.refColumns, source: 'foreign-key' });
  }
  for (const table of map.tables) {
    const via = table.personal?.via;
    if (via) add({ from: table.name, fromColumns: [via.column], to: via.references.table, toColumns: [via.references.column], source: 'declared' });
  }
  for (const list of edges.values()) list.sort((a, b) => byName(edgeKey(a), edgeKey(b)));
  return edges;
}

function edgeKey(e: JoinStep): string {
  return [e.source === 'foreign-key' ? '0' : '1', e.to, e.fromColumns.join(','), e.toColumns.join(',')].join('\u0000');
}

/** Breadth-first over reversed joins: how many joins each table is from the root. */
function distancesTo(root: string, edges: Map<string, JoinStep[]>): Map<string, number> {
  const incoming = new Map<string, string[]>();
  for (const [from, list] of edges) {
    for (const e of list) incoming.set(e.to, [...(incoming.get(e.to) ?? []), from]);
  }
  const distance = new Map([[root, 0]]);
  const queue = [root];
  while (queue.length) {
    const at = queue.shift()!;
    for (const from of incoming.get(at) ?? []) {
      if (distance.has(from)) continue;
      distance.set(from, distance.get(at)! + 1);
      queue.push(from);
    }
  }
  return distance;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
