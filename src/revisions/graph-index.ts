import { RevisionGraphError } from '../core/errors.js';
import type { RevisionNode } from './revision.js';

/** The lookup tables behind a `RevisionGraph`; built once, never mutated. @example indexGraph(revisions).children.get('a1') */
export interface GraphIndex<R extends RevisionNode> {
  readonly nodes: ReadonlyMap<string, R>;
  /** Ids sorted by code unit, the tie-break order for everything else. */
  readonly ids: readonly string[];
  readonly rank: ReadonlyMap<string, number>;
  readonly parents: ReadonlyMap<string, readonly string[]>;
  readonly requirements: ReadonlyMap<string, readonly string[]>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  readonly labelOwner: ReadonlyMap<string, string>;
  readonly lineageLabels: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Validates revisions and builds the lookup tables of a graph.
 *
 * @example
 * const index = indexGraph([{ id: 'a1', downRevisions: [], dependsOn: [], branchLabels: [] }]);
 * index.ids; // ['a1']
 */
export function indexGraph<R extends RevisionNode>(revisions: readonly R[]): GraphIndex<R> {
  const nodes = collectNodes(revisions);
  const ids = [...nodes.keys()].sort(compareIds);
  const rank = new Map(ids.map((id, i) => [id, i]));
  const labelOwner = collectLabels(ids, nodes);
  const parents = new Map<string, readonly string[]>();
  const deps = new Map<string, readonly string[]>();
  for (const id of ids) {
    const node = nodes.get(id)!;
    parents.set(id, unique(node.downRevisions.map((p) => checkParent(id, p, nodes))));
    deps.set(id, unique(node.dependsOn.map((d) => resolveDependency(id, d, nodes, labelOwner))));
  }
  const byRank = (a: string, b: string): number => rank.get(a)! - rank.get(b)!;
  const children = invert(ids, parents, byRank);
  const dependents = invert(ids, mergeLists(ids, parents, deps), byRank);
  detectCycle(ids, mergeLists(ids, parents, deps));
  const requirements = normalizeRequirements(ids, parents, deps);
  const lineageLabels = propagateLabels(ids, nodes, parents, children, dependents);
  return { nodes, ids, rank, parents, requirements, children, dependents, labelOwner, lineageLabels };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function collectNodes<R extends RevisionNode>(revisions: readonly R[]): Map<string, R> {
  const nodes = new Map<string, R>();
  const duplicates = new Set<string>();
  for (const revision of revisions) {
    if (nodes.has(revision.id)) duplicates.add(revision.id);
    nodes.set(revision.id, revision);
  }
  if (duplicates.size > 0) {
    const list = [...duplicates].sort(compareIds);
    throw new RevisionGraphError(
      'REVISION_DUPLICATE',
      `revision id${list.length > 1 ? 's' : ''} ${list.map((id) => `'${id}'`).join(', ')} used by more than one revision; give each revision its own id`,
      list,
    );
  }
  return nodes;
}

function collectLabels<R extends RevisionNode>(ids: readonly string[], nodes: ReadonlyMap<string, R>): Map<string, string> {
  const owner = new Map<string, string>();
  for (const id of ids) {
    for (const label of nodes.get(id)!.branchLabels) {
      const clash = nodes.has(label) ? label : owner.get(label);
      if (clash !== undefined) {
        const what = nodes.has(label) ? 'is also a revision id' : `is already used by revision '${clash}'`;
        throw new RevisionGraphError(
          'BRANCH_LABEL_DUPLICATE',
          `branch label '${label}' of revision '${id}' ${what}; rename the label`,
          unique([id, clash]),
        );
      }
      owner.set(label, id);
    }
  }
  return owner;
}

function checkParent<R extends RevisionNode>(id: string, parent: string, nodes: ReadonlyMap<string, R>): string {
  if (!nodes.has(parent)) {
    throw new RevisionGraphError(
      'REVISION_MISSING_PARENT',
      `revision '${id}' names down revision '${parent}', which does not exist; fix its down revision or restore the missing revision file`,
      [id, parent],
    );
  }
  return parent;
}

function resolveDependency<R extends RevisionNode>(
  id: string,
  dependency: string,
  nodes: ReadonlyMap<string, R>,
  labelOwner: ReadonlyMap<string, string>,
): string {
  if (nodes.has(dependency)) return dependency;
  const owner = labelOwner.get(dependency);
  if (owner !== undefined) return owner;
  throw new RevisionGraphError(
    'REVISION_MISSING_PARENT',
    `revision '${id}' depends on '${dependency}', which is neither a revision nor a branch label; fix its dependsOn or restore the missing revision file`,
    [id, dependency],
  );
}

function mergeLists(
  ids: readonly string[],
  a: ReadonlyMap<string, readonly string[]>,
  b: ReadonlyMap<string, readonly string[]>,
): Map<string, readonly string[]> {
  return new Map(ids.map((id) => [id, unique([...a.get(id)!, ...b.get(id)!])]));
}

function invert(
  ids: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
  order: (a: string, b: string) => number,
): Map<string, readonly string[]> {
  const inverted = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const id of ids) for (const target of edges.get(id)!) inverted.get(target)!.push(id);
  for (const list of inverted.values()) list.sort(order);
  return inverted;
}

/** Kahn's algorithm; whatever cannot be ordered sits on or behind a cycle, so walk it to name the cycle. */
function detectCycle(ids: readonly string[], requires: ReadonlyMap<string, readonly string[]>): void {
  const pending = new Map(ids.map((id) => [id, requires.get(id)!.length]));
  const users = invert(ids, requires, compareIds);
  const ready = ids.filter((id) => pending.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.pop()!;
    pending.delete(id);
    for (const user of users.get(id)!) {
      const left = pending.get(user)! - 1;
      pending.set(user, left);
      if (left === 0) ready.push(user);
    }
  }
  if (pending.size === 0) return;
  const path: string[] = [];
  let current = [...pending.keys()].sort(compareIds)[0]!;
  while (!path.includes(current)) {
    path.push(current);
    current = requires.get(current)!.find((next) => pending.has(next))!;
  }
  const cycle = [...path.slice(path.indexOf(current)), current];
  throw new RevisionGraphError(
    'REVISION_CYCLE',
    `revisions form a cycle through down revisions and dependsOn (${cycle.join(' -> ')}); edit one of them to break it`,
    cycle.slice(0, -1),
  );
}

/**
 * Drops a dependency when a down-revision ancestor already depends on it, as Alembic does. The
 * result still reaches the same ancestors; it only decides which rows change in the version
 * table, so it must match Alembic even where it keeps a redundant entry.
 */
function normalizeRequirements(
  ids: readonly string[],
  parents: ReadonlyMap<string, readonly string[]>,
  deps: ReadonlyMap<string, readonly string[]>,
): Map<string, readonly string[]> {
  const result = new Map<string, readonly string[]>();
  for (const id of ids) {
    let own = deps.get(id)!;
    if (own.length > 0) {
      const inherited = new Set<string>();
      for (const ancestor of walk(parents.get(id)!, (x) => parents.get(x)!)) {
        for (const dep of deps.get(ancestor)!) inherited.add(dep);
      }
      own = own.filter((dep) => !inherited.has(dep));
    }
    result.set(id, unique([...parents.get(id)!, ...own]));
  }
  return result;
}

function walk(start: readonly string[], next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...next(id));
  }
  return seen;
}

/**
 * A branch label applies to its revision, that revision's descendants, and the plain chain
 * below it down to the nearest branch point or merge (Alembic's rule for `label@...` filters).
 */
function propagateLabels<R extends RevisionNode>(
  ids: readonly string[],
  nodes: ReadonlyMap<string, R>,
  parents: ReadonlyMap<string, readonly string[]>,
  children: ReadonlyMap<string, readonly string[]>,
  dependents: ReadonlyMap<string, readonly string[]>,
): Map<string, Set<string>> {
  const labels = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const id of ids) {
    const own = nodes.get(id)!.branchLabels;
    if (own.length === 0) continue;
    const tag = (x: string): void => own.forEach((label) => labels.get(x)!.add(label));
    walk([id], (x) => children.get(x)!).forEach(tag);
    let cursor: string | undefined = id;
    while (cursor !== undefined && dependents.get(cursor)!.length <= 1 && parents.get(cursor)!.length <= 1) {
      tag(cursor);
      cursor = parents.get(cursor)![0];
    }
  }
  return labels;
}
