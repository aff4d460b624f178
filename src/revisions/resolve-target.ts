import { TargetError } from '../core/errors.js';
import { parseTarget, type TargetExpr } from './parse-target.js';
import type { RevisionGraph } from './revision-graph.js';
import { filterForLineage, resolveRevision, resolveRevisions } from './resolve-symbol.js';
import { BELOW_BASES, walk, type WalkPosition } from './walk.js';

export { parseTarget, type TargetExpr } from './parse-target.js';

/**
 * Where a downgrade goes: a revision, or `null` for base; `branch` narrows what is removed.
 *
 * @example
 * { branch: 'net', revision: null } // from 'net@base'
 */
export interface DowngradeTarget {
  readonly branch?: string;
  readonly revision: string | null;
}

/**
 * Parses a target; a text that is exactly a revision id or branch label always means that
 * revision, even if it looks like a relative step (an id such as `2024-01`).
 *
 * @example
 * readTarget(graph, 'ae10+2'); // { kind: 'relative', symbol: 'ae10', delta: 2 }
 */
export function readTarget(graph: RevisionGraph, text: string): TargetExpr {
  if (graph.has(text) || graph.labelOwner(text) !== undefined) return { kind: 'absolute', symbol: text };
  return parseTarget(text);
}

/**
 * The revisions an upgrade must reach, with Alembic's rules: `heads`, `head`, an id, prefix or
 * label, `+N` from the current heads (one current head, or `label@+N` to pick a branch),
 * `ID+N`, `ID-N`, `label@head`. `current` is the version table rows. A list instead of a text
 * names revisions directly. Walking off the graph fails unless `strict` is false.
 *
 * @example
 * upgradeTargets(graph, ['b2'], '+1'); // ['c3']
 */
export function upgradeTargets(
  graph: RevisionGraph,
  current: readonly string[],
  target: string | readonly string[],
  strict = true,
): string[] {
  if (typeof target !== 'string') return target.flatMap((name) => resolveRevisions(graph, name));
  const expr = readTarget(graph, target);
  if (expr.kind === 'absolute') return resolveRevisions(graph, expr.symbol, expr.branch);
  const options = { ...(expr.branch !== undefined && { branch: expr.branch }), strict, target };
  if (expr.delta > 0) {
    const start = expr.symbol === undefined ? upgradeStart(graph, current, target, expr.branch) : resolveRevision(graph, expr.symbol);
    return [landed(walk(graph, start, expr.delta, options), target, expr.delta)];
  }
  if (expr.symbol === undefined) {
    throw new TargetError('TARGET_INVALID', `cannot upgrade to '${target}': a step below the current revision is a downgrade; use \`dihya downgrade ${target}\``);
  }
  const start = resolveRevision(graph, expr.symbol, expr.branch);
  return [landed(walk(graph, start, expr.delta, { strict, target }), target, expr.delta)];
}

/**
 * Where a downgrade goes, with Alembic's rules: an id, prefix or label, `base`, `label@base`,
 * `-N` from the current heads (the first row when there are several), `label@-N`, `ID-N`.
 * `current` is the version table rows, in table order.
 *
 * @example
 * downgradeTarget(graph, ['c3'], '-1'); // { branch: 'c3', revision: 'b2' }
 */
export function downgradeTarget(
  graph: RevisionGraph,
  current: readonly string[],
  target: string,
  strict = true,
): DowngradeTarget {
  const expr = readTarget(graph, target);
  const branched = (branch: string | undefined, revision: string | null): DowngradeTarget =>
    branch !== undefined ? { branch, revision } : { revision };
  if (expr.kind === 'absolute') return branched(expr.branch, resolveRevision(graph, expr.symbol));
  if (expr.delta >= 0) {
    if (expr.symbol === undefined) {
      throw new TargetError('TARGET_INVALID', `cannot downgrade to '${target}': that is above the current revision; use \`dihya upgrade ${target}\``);
    }
    const options = { ...(expr.branch !== undefined && { branch: expr.branch }), strict, target };
    const end = walk(graph, resolveRevision(graph, expr.symbol), expr.delta, options);
    if (end === undefined || end === null) throw walkedTooFar(target);
    return branched(expr.branch, end === BELOW_BASES ? null : end);
  }
  let { symbol, branch } = expr;
  if (symbol === undefined) {
    if (branch !== undefined) {
      symbol = currentOnBranch(graph, current, branch, target);
    } else {
      if (current.length === 0) throw nothingApplied(target);
      symbol = current[0]!;
      branch = symbol;
    }
  }
  const start = resolveRevision(graph, symbol, branch);
  const end = walk(graph, start, expr.delta, { strict, target });
  if (end === undefined || end === null) throw walkedTooFar(target);
  return branched(branch, end === BELOW_BASES ? null : end);
}

/** The current revision `+N` starts from: the single row, or the branch's tip for `label@+N`. */
function upgradeStart(graph: RevisionGraph, current: readonly string[], target: string, branch?: string): string | null {
  if (branch === undefined) {
    if (current.length > 1) {
      throw new TargetError(
        'TARGET_AMBIGUOUS',
        `cannot resolve '${target}': several revisions are current (${current.join(', ')}); name a target or use 'label${target}'`,
      );
    }
    return current.length === 0 ? null : resolveRevision(graph, current[0]!);
  }
  const revisions = current.flatMap((row) => resolveRevisions(graph, row));
  let starts = filterForLineage(graph, revisions, branch);
  if (starts.length === 0) {
    // The branch has no current head of its own: start from its highest applied revision.
    const applied = filterForLineage(graph, [...graph.ancestors(revisions, true)], branch);
    const below = new Set(applied.flatMap((id) => graph.requirementsOf(id)));
    starts = applied.filter((id) => !below.has(id));
  }
  if (starts.length > 1) {
    throw new TargetError(
      'TARGET_AMBIGUOUS',
      `cannot resolve '${target}': branch '${branch}' has several current revisions (${starts.join(', ')}); name the target revision`,
    );
  }
  return starts[0] ?? null;
}

/** The current revision on `branch` that `label@-N` counts down from. */
function currentOnBranch(graph: RevisionGraph, current: readonly string[], branch: string, target: string): string {
  let onBranch = filterForLineage(graph, current, branch);
  if (onBranch.length === 0) {
    const applied = graph.ancestors(current, true);
    const tips = [...applied].filter((id) => ![...graph.branchDescendants([id])].some((d) => applied.has(d)));
    onBranch = filterForLineage(graph, tips, branch);
  }
  if (onBranch.length !== 1) {
    const found = onBranch.length === 0 ? 'no current revision' : `several current revisions (${onBranch.join(', ')})`;
    throw new TargetError('TARGET_INVALID', `cannot resolve '${target}': branch '${branch}' has ${found}; name the target revision`);
  }
  return onBranch[0]!;
}

function landed(end: WalkPosition | undefined, target: string, delta: number): string {
  if (typeof end === 'string') return end;
  if (end === undefined) {
    throw new TargetError(
      'TARGET_INVALID',
      `cannot resolve '${target}': there are fewer than ${Math.abs(delta)} revisions in that direction; use a smaller step or name the revision`,
    );
  }
  throw new TargetError('TARGET_INVALID', `cannot upgrade to '${target}': it lands below the base; use \`dihya downgrade base\``);
}

function walkedTooFar(target: string): TargetError {
  return new TargetError(
    'TARGET_INVALID',
    `cannot resolve '${target}': it walks past the first or last revision; use a smaller step or name the revision`,
  );
}

function nothingApplied(target: string): TargetError {
  return new TargetError('TARGET_INVALID', `cannot resolve '${target}': no revision is applied, so there is nothing to step down from`);
}
