import { TargetError } from '../core/errors.js';
import { collectUpgrade, type RangeEnd } from './collect-upgrade.js';
import type { RevisionGraph } from './revision-graph.js';
import { headFirstOrder } from './topo-order.js';

/**
 * The revisions of a history range, base first, as `alembic history -r` selects them:
 * `A:B` (both ends included; A must be an ancestor of B), `A:` (A up to the heads), `:B`
 * (base up to B), `base:heads`, `current` for either end (the version rows), `label@base:label@head`,
 * and `-N:` (from N below the heads).
 *
 * @example
 * revisionsInRange(graph, 'b2:', ['c3']); // ['b2', 'c3', 'm6']
 */
export function revisionsInRange(graph: RevisionGraph, range: string, currentHeads: readonly string[]): string[] {
  const parts = range.trim().split(':');
  if (parts.length !== 2) {
    throw new TargetError('TARGET_INVALID', `cannot read history range '${range}'; use START:END, START: or :END`);
  }
  const [start, end] = parts as [string, string];
  let lower: RangeEnd = start;
  let upper: RangeEnd = end;
  if (end === 'current') upper = currentHeads;
  else if (start === 'current') lower = currentHeads;
  // An empty end, or `current` with nothing applied, stands for the whole graph on that side.
  if (lower.length === 0) lower = 'base';
  if (upper.length === 0) upper = 'heads';
  const { revisions, targets } = collectUpgrade(graph, upper, lower, { inclusive: true, anyBranch: false, strict: false });
  return headFirstOrder(graph, revisions, targets).reverse();
}
