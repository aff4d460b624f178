import { TargetError } from '../core/errors.js';
import type { RevisionGraph } from './revision-graph.js';
import { resolveRevision, resolveRevisions } from './resolve-symbol.js';
import { downgradeTarget, readTarget, upgradeTargets } from './resolve-target.js';
import { BELOW_BASES, walk } from './walk.js';

/** A position in a range: a target text, or revision ids taken as they are (version rows). @example 'heads' or ['c3', 'd4'] */
export type RangeEnd = string | readonly string[];

/** How to collect. @example { inclusive: true, anyBranch: false, strict: false } // history */
export interface CollectOptions {
  /** Also include the `lower` revisions themselves (history ranges are inclusive). */
  readonly inclusive: boolean;
  /**
   * true (upgrade): bring in every missing ancestor of the targets, on any branch.
   * false (history): `lower` must be an ancestor of `upper`, and only its descendants count.
   */
  readonly anyBranch: boolean;
  /** Whether a relative step that runs off the graph is an error. */
  readonly strict: boolean;
}

/** What lies between two positions: the revisions, and the targets they lead up to. @example { revisions: new Set(['c3']), targets: ['c3'] } */
export interface Collected {
  readonly revisions: Set<string>;
  readonly targets: string[];
}

/**
 * The revisions needed to go from `lower` up to `upper` (Alembic's upgrade collection, shared by
 * `upgrade` and `history -r`).
 *
 * @example
 * collectUpgrade(graph, 'heads', ['b2'], { inclusive: false, anyBranch: true, strict: true });
 */
export function collectUpgrade(graph: RevisionGraph, upper: RangeEnd, lower: RangeEnd, options: CollectOptions): Collected {
  const current = typeof lower === 'string' ? [lower] : lower;
  let targets = upgradeTargets(graph, current, upper, options.strict);
  if (typeof lower === 'string' && lower.includes('@')) targets = onLowerBranch(graph, targets, lower);
  const required = ancestorsOf(graph, targets, upper);
  const found = lowerPositions(graph, lower);
  if (!options.anyBranch && found.some((p) => p !== undefined && (p === BELOW_BASES || !required.has(p)))) {
    throw new TargetError(
      'TARGET_INVALID',
      `range ${show(lower)}:${show(upper)} does not go from an ancestor to a descendant on one branch; swap or change its ends`,
    );
  }
  const lowerRevisions = settleLower(graph, found, lower, upper);
  const done = ancestorsOf(graph, lowerRevisions, lower);
  const revisions = new Set([...required].filter((id) => !done.has(id)));
  if (options.inclusive) lowerRevisions.forEach((id) => revisions.add(id));
  if (lowerRevisions.length > 0 && !options.anyBranch) {
    checkOverlap(graph, lowerRevisions, lower, (id) => graph.branchDescendants([id]));
    const above = graph.branchDescendants(lowerRevisions, true);
    for (const id of revisions) if (!above.has(id)) revisions.delete(id);
  }
  return { revisions, targets };
}

type LowerPosition = string | typeof BELOW_BASES | undefined;

/** What the lower end names. `-N` there counts down from every head of the graph. */
function lowerPositions(graph: RevisionGraph, lower: RangeEnd): LowerPosition[] {
  if (typeof lower !== 'string') return lower.flatMap((id) => resolveRevisions(graph, id));
  const expr = readTarget(graph, lower);
  if (expr.kind === 'absolute') return resolveRevisions(graph, expr.symbol, expr.branch);
  if (expr.symbol !== undefined || expr.delta >= 0) {
    throw new TargetError('TARGET_INVALID', `range start '${lower}' is not supported; use a revision, 'base', or '-N' (N below the heads)`);
  }
  const branch = expr.branch;
  const heads = graph.realHeads().filter((id) => branch === undefined || graph.labelsOf(id).has(branch));
  return heads.map((id) => {
    const end = walk(graph, id, expr.delta, { strict: true, target: lower });
    return end === null ? undefined : end;
  });
}

/**
 * When `-N` runs off the graph, Alembic counts down from the upper end instead and stops at
 * base; any other end that is not a revision by now is unusable.
 */
function settleLower(graph: RevisionGraph, found: readonly LowerPosition[], lower: RangeEnd, upper: RangeEnd): string[] {
  if (typeof lower === 'string' && found.length > 0 && found[0] === undefined) {
    const end = downgradeTarget(graph, typeof upper === 'string' ? [upper] : upper, lower, false).revision;
    return end === null ? [] : [end];
  }
  const ids = found.filter((p): p is string => typeof p === 'string');
  if (ids.length !== found.length) {
    throw new TargetError('TARGET_INVALID', `range start ${show(lower)} runs past the base on some branch; use a smaller step`);
  }
  return ids;
}

/** `label@...` as the lower end keeps only targets on that branch (a revision stands for its one label). */
function onLowerBranch(graph: RevisionGraph, targets: readonly string[], lower: string): string[] {
  let branch = lower.slice(0, lower.indexOf('@'));
  const named = resolveRevision(graph, branch);
  if (named !== null && named === branch) {
    const labels = [...graph.labelsOf(named)];
    if (labels.length !== 1) {
      throw new TargetError(
        'TARGET_INVALID',
        `'${lower}' uses revision '${branch}' as a branch, but it carries ${labels.length === 0 ? 'no branch label' : 'several branch labels'}; use a branch label`,
      );
    }
    branch = labels[0]!;
  }
  return targets.filter((id) => graph.labelsOf(id).has(branch));
}

/** Ancestors of several revisions, refusing a set where one is an ancestor of another, as Alembic does. */
function ancestorsOf(graph: RevisionGraph, ids: readonly string[], end: RangeEnd): Set<string> {
  checkOverlap(graph, ids, end, (id) => graph.ancestors([id]));
  return graph.ancestors(ids, true);
}

function checkOverlap(graph: RevisionGraph, ids: readonly string[], end: RangeEnd, related: (id: string) => Set<string>): void {
  for (const id of new Set(ids)) {
    const other = ids.find((x) => x !== id && related(id).has(x));
    if (other !== undefined) {
      throw new TargetError(
        'TARGET_INVALID',
        `${show(end)} names both '${id}' and '${other}', which lie on one line; name only the later one (or fix the version table with \`dihya stamp\`)`,
      );
    }
  }
}

function show(end: RangeEnd): string {
  return typeof end === 'string' ? `'${end}'` : `(${end.join(', ')})`;
}
