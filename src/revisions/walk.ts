import { TargetError } from '../core/errors.js';
import type { RevisionGraph } from './revision-graph.js';
import { filterForLineage } from './resolve-symbol.js';

/** Below every base revision: where walking down past a base ends. @example walk(graph, 'a1', -1, opts) === BELOW_BASES */
export const BELOW_BASES = Symbol('below-bases');

/**
 * A place to walk from or to: a revision id, `null` for "nothing applied yet" (walking up starts
 * at the bases, walking down at the heads), or {@link BELOW_BASES}.
 *
 * @example
 * const start: WalkPosition = null;
 */
export type WalkPosition = string | null | typeof BELOW_BASES;

/** How to walk. @example { branch: 'net', strict: true, target: 'net@+2' } */
export interface WalkOptions {
  /** When walking up, only follow children on this branch. */
  readonly branch?: string;
  /** true: running out of revisions fails (returns undefined); false: stop where the walk ends. */
  readonly strict: boolean;
  /** The target text, for error messages. */
  readonly target: string;
}

/**
 * Walks `steps` revisions up (positive) or down (negative) along down revisions, as Alembic's
 * relative targets do. A step with several candidates (a branch point going up, a merge going
 * down) is an error: TARGET_AMBIGUOUS. Returns `undefined` when a strict walk runs out.
 *
 * @example
 * walk(graph, 'c3', -2, { strict: true, target: 'c3-2' }); // 'a1'
 */
export function walk(graph: RevisionGraph, start: WalkPosition, steps: number, options: WalkOptions): WalkPosition | undefined {
  let position = start;
  for (let i = 0; i < Math.abs(steps); i += 1) {
    const candidates = steps > 0 ? stepUp(graph, position, options) : stepDown(graph, position);
    if (candidates.length === 0) return options.strict ? undefined : position;
    if (candidates.length > 1) throw ambiguousStep(position, candidates, steps > 0, options.target);
    position = candidates[0]!;
  }
  return position;
}

function stepUp(graph: RevisionGraph, position: WalkPosition, options: WalkOptions): string[] {
  if (position === BELOW_BASES) {
    throw new TargetError('TARGET_INVALID', `cannot walk up from below the base in '${options.target}'; name a revision instead`);
  }
  const next = position === null ? graph.bases() : graph.children(position);
  return options.branch ? filterForLineage(graph, next, options.branch) : next;
}

function stepDown(graph: RevisionGraph, position: WalkPosition): WalkPosition[] {
  if (position === BELOW_BASES) return [];
  if (position === null) return graph.heads();
  const parents = graph.downRevisionsOf(position);
  return parents.length === 0 ? [BELOW_BASES] : [...parents];
}

function ambiguousStep(position: WalkPosition, candidates: readonly WalkPosition[], up: boolean, target: string): TargetError {
  const names = candidates.map(String).join(', ');
  const from = typeof position === 'string' ? `revision '${position}'` : 'base';
  const what = up
    ? `${from} has several children (${names})`
    : position === null
      ? `there are several heads (${names})`
      : `${from} is a merge of ${names}`;
  return new TargetError('TARGET_AMBIGUOUS', `cannot resolve '${target}': ${what}; name the target revision instead`);
}
