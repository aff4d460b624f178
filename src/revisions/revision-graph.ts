import { TargetError } from '../core/errors.js';
import type { RevisionNode } from './revision.js';
import { indexGraph, type GraphIndex } from './graph-index.js';
import { headFirstOrder } from './topo-order.js';

const MIN_PREFIX = 4;

/**
 * The revision graph: revisions linked by their down revisions (parents) and by `dependsOn`
 * (requirements on other branches). Pure data, no file or database access.
 *
 * Follows Alembic's model. A revision's down revisions decide where it sits in its branch and
 * what `heads()` shows; `dependsOn` only adds ordering, so a revision that others merely depend
 * on is still listed as a head (Alembic's "effective head") but never appears in the version
 * table while a dependent is applied.
 *
 * @example
 * const graph = RevisionGraph.build([
 *   { id: 'a1', downRevisions: [], dependsOn: [], branchLabels: [] },
 *   { id: 'b2', downRevisions: ['a1'], dependsOn: [], branchLabels: ['core'] },
 * ]);
 * graph.heads(); // ['b2']
 * graph.resolveId('core'); // 'b2'
 */
export class RevisionGraph<R extends RevisionNode = RevisionNode> {
  private readonly index: GraphIndex<R>;
  private order: readonly R[] | undefined;
  private topoRanks: Map<string, number> | undefined;

  private constructor(index: GraphIndex<R>) {
    this.index = index;
  }

  /**
   * Builds and validates the graph: duplicate ids, a down revision or `dependsOn` naming no
   * revision, cycles through either kind of edge, and a branch label used twice all throw a
   * {@link RevisionGraphError}. `dependsOn` may name a revision id or a branch label.
   *
   * @example
   * RevisionGraph.build(revisions).heads();
   */
  static build<R extends RevisionNode>(revisions: readonly R[]): RevisionGraph<R> {
    return new RevisionGraph(indexGraph(revisions));
  }

  /** Whether a revision with exactly this id exists. @example graph.has('a1') */
  has(id: string): boolean {
    return this.index.nodes.has(id);
  }

  /** The revision with this exact id; throws TARGET_UNKNOWN when absent. @example graph.get('a1').downRevisions */
  get(id: string): R {
    const node = this.index.nodes.get(id);
    if (!node) throw unknownRevision(id);
    return node;
  }

  /** Number of revisions. @example graph.size */
  get size(): number {
    return this.index.ids.length;
  }

  /**
   * All revisions in topological order, base first. Ties follow Alembic's history order, which
   * finishes one branch before starting the next; revisions are considered in id order, so the
   * result does not depend on the order files were read in.
   *
   * @example
   * graph.all().map((r) => r.id); // ['a1', 'b2']
   */
  all(): readonly R[] {
    if (!this.order) {
      const ids = headFirstOrder(this, new Set(this.index.ids), this.realHeads()).reverse();
      this.order = ids.map((id) => this.get(id));
    }
    return this.order;
  }

  /** Revisions that no revision names as a down revision (`dependsOn` does not count), in id order. @example graph.heads() */
  heads(): string[] {
    return this.index.ids.filter((id) => this.children(id).length === 0);
  }

  /** Revisions nothing points at, neither as down revision nor through `dependsOn`. @example graph.realHeads() */
  realHeads(): string[] {
    return this.index.ids.filter((id) => this.dependents(id).length === 0);
  }

  /** Revisions without down revisions (they may still have `dependsOn`). @example graph.bases() */
  bases(): string[] {
    return this.index.ids.filter((id) => this.downRevisionsOf(id).length === 0);
  }

  /** Revisions whose down revisions include `id`. @example graph.children('a1') // ['b2'] */
  children(id: string): string[] {
    return [...(this.index.children.get(this.get(id).id) ?? [])];
  }

  /** Revisions that name `id` as a down revision or through `dependsOn`. @example graph.dependents('a1') */
  dependents(id: string): string[] {
    return [...(this.index.dependents.get(this.get(id).id) ?? [])];
  }

  /** The down revisions of `id`, without duplicates. @example graph.downRevisionsOf('b2') // ['a1'] */
  downRevisionsOf(id: string): readonly string[] {
    return this.index.parents.get(this.get(id).id) ?? [];
  }

  /**
   * Everything `id` must be applied on top of: its down revisions followed by the `dependsOn`
   * entries (labels resolved) that no ancestor already depends on. This is Alembic's
   * "normalized" list and decides how the version table changes when `id` is applied or removed.
   *
   * @example
   * graph.requirementsOf('e5'); // ['c3', 'd4'] for e5 (down c3, dependsOn d4)
   */
  requirementsOf(id: string): readonly string[] {
    return this.index.requirements.get(this.get(id).id) ?? [];
  }

  /** Branch labels that apply to `id`: its own and those inherited along its branch. @example graph.labelsOf('c3') */
  labelsOf(id: string): ReadonlySet<string> {
    return this.index.lineageLabels.get(this.get(id).id) ?? new Set();
  }

  /** The revision carrying branch label `label`, if any. @example graph.labelOwner('core') // 'b2' */
  labelOwner(label: string): string | undefined {
    return this.index.labelOwner.get(label);
  }

  /** Position of `id` in id order; used to break ties deterministically. @example graph.rank('a1') // 0 */
  rank(id: string): number {
    const rank = this.index.rank.get(id);
    if (rank === undefined) throw unknownRevision(id);
    return rank;
  }

  /**
   * Ancestors through down revisions and `dependsOn`; `inclusive` adds the ids themselves.
   *
   * @example
   * graph.ancestors(['c3'], true); // Set { 'c3', 'b2', 'a1' }
   */
  ancestors(ids: Iterable<string>, inclusive = false): Set<string> {
    return this.reach(ids, inclusive, (id) => this.requirementsOf(id));
  }

  /** Descendants through down revisions and `dependsOn`. @example graph.descendants(['a1']) */
  descendants(ids: Iterable<string>, inclusive = false): Set<string> {
    return this.reach(ids, inclusive, (id) => this.dependents(id));
  }

  /** Ancestors through down revisions only (branch membership). @example graph.branchAncestors(['c3'], true) */
  branchAncestors(ids: Iterable<string>, inclusive = false): Set<string> {
    return this.reach(ids, inclusive, (id) => this.downRevisionsOf(id));
  }

  /** Descendants through down revisions only (branch membership). @example graph.branchDescendants(['a1'], true) */
  branchDescendants(ids: Iterable<string>, inclusive = false): Set<string> {
    return this.reach(ids, inclusive, (id) => this.children(id));
  }

  /** Revisions with more than one child, with those children, in topological order. @example graph.branchPoints() */
  branchPoints(): Array<{ revision: string; children: string[] }> {
    return this.all()
      .filter((r) => this.children(r.id).length > 1)
      .map((r) => ({ revision: r.id, children: this.children(r.id) }));
  }

  /**
   * The applied revisions implied by the version table: every row and all its ancestors.
   *
   * @example
   * graph.appliedSet(['c3', 'd4']); // Set { 'a1', 'b2', 'c3', 'd4' }
   */
  appliedSet(versionHeads: readonly string[]): Set<string> {
    for (const row of versionHeads) {
      if (!this.has(row)) throw unknownRow(row);
    }
    return this.ancestors(versionHeads, true);
  }

  /**
   * The version table rows for an applied set: the applied revisions that no other applied
   * revision requires (through down revisions or `dependsOn`), in topological order. This is
   * what Alembic's version table holds after any upgrade or downgrade step.
   *
   * @example
   * graph.versionHeads(new Set(['a1', 'b2', 'd4'])); // ['b2', 'd4']
   */
  versionHeads(applied: ReadonlySet<string>): string[] {
    const required = new Set<string>();
    for (const id of applied) for (const parent of this.requirementsOf(id)) required.add(parent);
    const covered = this.ancestors(required, true);
    return [...applied]
      .filter((id) => !covered.has(id))
      .sort((a, b) => this.topoRank(a) - this.topoRank(b));
  }

  /**
   * The version rows after `id` is applied (`up`) or removed (`down`), given the rows before and
   * the applied set after. Applying a revision whose requirements are all current rows replaces
   * them, the common case of a long run, in time independent of the graph's size; any other case
   * is computed in full by `versionHeads`.
   *
   * @example
   * graph.versionHeadsAfter(['b2'], 'c3', 'up', applied); // ['c3']
   */
  versionHeadsAfter(rows: readonly string[], id: string, direction: 'up' | 'down', applied: ReadonlySet<string>): string[] {
    const requirements = this.requirementsOf(id);
    if (direction === 'up' && requirements.every((r) => rows.includes(r))) {
      return [...rows.filter((r) => !requirements.includes(r)), id].sort((a, b) => this.topoRank(a) - this.topoRank(b));
    }
    return this.versionHeads(applied);
  }

  /**
   * Resolves a full id, a branch label, or a unique prefix of at least four characters.
   * Throws TARGET_UNKNOWN, TARGET_AMBIGUOUS (naming the candidates) or TARGET_INVALID.
   *
   * @example
   * graph.resolveId('ae10'); // 'ae1027a6acf'
   */
  resolveId(text: string): string {
    if (this.has(text)) return text;
    const owner = this.labelOwner(text);
    if (owner !== undefined) return owner;
    if (text.length < MIN_PREFIX) {
      throw new TargetError(
        'TARGET_INVALID',
        `unknown revision '${text}'; give the full id or at least ${MIN_PREFIX} characters of it (run \`dihya history\` to list revisions)`,
      );
    }
    const matches = this.index.ids.filter((id) => id.startsWith(text));
    if (matches.length === 0) throw unknownRevision(text);
    if (matches.length > 1) {
      throw new TargetError(
        'TARGET_AMBIGUOUS',
        `revision prefix '${text}' matches ${matches.join(', ')}; give more characters`,
      );
    }
    return matches[0]!;
  }

  private topoRank(id: string): number {
    this.topoRanks ??= new Map(this.all().map((r, i) => [r.id, i]));
    return this.topoRanks.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  private reach(ids: Iterable<string>, inclusive: boolean, next: (id: string) => readonly string[]): Set<string> {
    const seen = new Set<string>();
    const todo: string[] = [];
    for (const id of ids) {
      this.get(id);
      if (inclusive) seen.add(id);
      todo.push(...next(id));
    }
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...next(id));
    }
    return seen;
  }
}

function unknownRevision(id: string): TargetError {
  return new TargetError('TARGET_UNKNOWN', `unknown revision '${id}'; run \`dihya history\` to list revisions`);
}

function unknownRow(id: string): TargetError {
  return new TargetError(
    'TARGET_UNKNOWN',
    `the version table holds unknown revision '${id}'; restore its revision file or fix the table with \`dihya stamp\``,
  );
}
