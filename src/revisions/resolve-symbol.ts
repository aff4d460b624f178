import { TargetError } from '../core/errors.js';
import type { RevisionGraph } from './revision-graph.js';

/**
 * Symbols name absolute positions: `head`, `heads`, `base`, an id, id prefix or branch label,
 * each optionally narrowed by a branch (`branch@symbol`). These functions give them Alembic's
 * meaning; relative steps are handled by `walk.ts` and `resolve-target.ts`.
 */

/** A symbol before its revisions are looked up: the raw names it stands for. @example { ids: ['e5'], branch: 'core' } */
export interface SymbolNames {
  readonly ids: readonly string[];
  readonly branch?: string;
}

/**
 * Expands `head`, `heads` and `base` (narrowed to `branch` if given); any other symbol is
 * returned as is, to be looked up by {@link identify}.
 *
 * @example
 * symbolNames(graph, 'heads'); // { ids: ['e5', 'm6'] }
 */
export function symbolNames(graph: RevisionGraph, symbol: string, branch?: string): SymbolNames {
  const narrowed = branch !== undefined && branch !== '' ? { branch } : {};
  const onBranch = (ids: readonly string[]): string[] => {
    const line = resolveBranch(graph, narrowed.branch!);
    return ids.filter((id) => sharesLineage(graph, id, [line]));
  };
  if (symbol === 'heads') {
    // Without a branch, revisions only depended on are left out: their dependents cover them.
    const ids = narrowed.branch ? onBranch(graph.heads()) : graph.realHeads();
    return { ids, ...narrowed };
  }
  if (symbol === 'head') {
    const heads = narrowed.branch ? onBranch(graph.heads()) : graph.heads();
    if (heads.length > 1) throw multipleHeads(heads, narrowed.branch);
    return { ids: heads, ...narrowed };
  }
  if (symbol === 'base') return { ids: [], ...narrowed };
  return { ids: [symbol], ...narrowed };
}

/**
 * Looks up one id, prefix or label, optionally requiring it to be on `branch`.
 *
 * @example
 * identify(graph, 'ae10', 'core'); // 'ae1027a6acf'
 */
export function identify(graph: RevisionGraph, text: string, branch?: string): string {
  const branchRevision = branch ? resolveBranch(graph, branch) : undefined;
  const exact = graph.has(text) || graph.labelOwner(text) !== undefined;
  let id: string;
  if (branchRevision !== undefined && !exact && text.length >= 4) {
    // On a branch, a prefix only has to be unique among that branch's revisions.
    const matches = graph
      .all()
      .map((r) => r.id)
      .filter((c) => c.startsWith(text) && sharesLineage(graph, c, [branchRevision]));
    id = matches.length === 1 ? matches[0]! : graph.resolveId(text);
  } else {
    id = graph.resolveId(text);
  }
  if (branchRevision !== undefined && !sharesLineage(graph, id, [branchRevision])) {
    throw new TargetError(
      'TARGET_INVALID',
      `revision '${id}' is not on branch '${branch}'; name a revision of that branch or leave out '${branch}@'`,
    );
  }
  return id;
}

/**
 * The revision a branch name stands for: the revision carrying that label, or a revision
 * id or prefix used as a branch name.
 *
 * @example
 * resolveBranch(graph, 'core'); // 'b2'
 */
export function resolveBranch(graph: RevisionGraph, branch: string): string {
  const owner = graph.labelOwner(branch);
  if (owner !== undefined) return owner;
  try {
    return graph.resolveId(branch);
  } catch (error) {
    if (error instanceof TargetError && error.code === 'TARGET_AMBIGUOUS') throw error;
    throw new TargetError('TARGET_UNKNOWN', `unknown branch '${branch}'; use a branch label or a revision id (run \`dihya history\` to list them)`);
  }
}

/**
 * Whether `id` lies on the same line as any of `against`: one is an ancestor of the other.
 * Down revisions only, unless `withDependencies`.
 *
 * @example
 * sharesLineage(graph, 'c3', ['a1']); // true
 */
export function sharesLineage(graph: RevisionGraph, id: string, against: readonly string[], withDependencies = false): boolean {
  if (against.length === 0) return true;
  const related = withDependencies
    ? new Set([...graph.ancestors([id], true), ...graph.descendants([id], true)])
    : new Set([...graph.branchAncestors([id], true), ...graph.branchDescendants([id], true)]);
  return against.some((other) => related.has(other));
}

/**
 * Keeps the revisions of `ids` that share a line with what `checkAgainst` names
 * (`label`, `id`, `label@head`, `heads`, `base`, ...). `base` keeps everything.
 *
 * @example
 * filterForLineage(graph, ['c3', 'd4'], 'core'); // ['c3']
 */
export function filterForLineage(
  graph: RevisionGraph,
  ids: readonly string[],
  checkAgainst: string,
  withDependencies = false,
): string[] {
  const at = checkAgainst.indexOf('@');
  const names = at < 0 ? symbolNames(graph, checkAgainst) : symbolNames(graph, checkAgainst.slice(at + 1), checkAgainst.slice(0, at));
  const raw = [...(names.branch !== undefined ? [names.branch] : []), ...names.ids];
  if (ids.length === 0) return [];
  const against = raw.map((name) => (names.branch === name ? resolveBranch(graph, name) : identify(graph, name)));
  return ids.filter((id) => sharesLineage(graph, id, against, withDependencies));
}

/**
 * All revisions a symbol names; empty for `base`.
 *
 * @example
 * resolveRevisions(graph, 'heads'); // ['e5', 'm6']
 */
export function resolveRevisions(graph: RevisionGraph, symbol: string, branch?: string): string[] {
  const names = symbolNames(graph, symbol, branch);
  return names.ids.map((id) => identify(graph, id, names.branch));
}

/**
 * The one revision a symbol names, or `null` for `base`; TARGET_AMBIGUOUS if it names several.
 *
 * @example
 * resolveRevision(graph, 'head'); // 'm6'
 */
export function resolveRevision(graph: RevisionGraph, symbol: string, branch?: string): string | null {
  const names = symbolNames(graph, symbol, branch);
  if (names.ids.length > 1) {
    const shown = branch ? `${branch}@${symbol}` : symbol;
    throw new TargetError(
      'TARGET_AMBIGUOUS',
      `target '${shown}' names several revisions (${names.ids.join(', ')}); name one of them`,
    );
  }
  return names.ids.length === 0 ? null : identify(graph, names.ids[0]!, names.branch);
}

function multipleHeads(heads: readonly string[], branch?: string): TargetError {
  const message = branch
    ? `multiple heads present on branch '${branch}' (${heads.join(', ')}); name one or use '${branch}@heads'`
    : `multiple heads present (${heads.join(', ')}); name one or use 'heads'`;
  return new TargetError('TARGET_AMBIGUOUS', message);
}
