import { TargetError } from '../core/errors.js';
import { collectUpgrade } from './collect-upgrade.js';
import type { RevisionGraph } from './revision-graph.js';
import { resolveBranch } from './resolve-symbol.js';
import { downgradeTarget } from './resolve-target.js';
import { headFirstOrder } from './topo-order.js';

export { planStamp } from './plan-stamp.js';
export { revisionsInRange } from './history-range.js';

/** One revision to run, in one direction. @example { revision: 'c3', direction: 'up' } */
export interface Step {
  revision: string;
  direction: 'up' | 'down';
}

/**
 * The steps of a migration in execution order, and the version table rows once all have run.
 *
 * @example
 * { steps: [{ revision: 'm6', direction: 'down' }], resultingHeads: ['c3', 'd4'] }
 */
export interface Plan {
  steps: Step[];
  resultingHeads: string[];
}

/**
 * Plans `upgrade <target>` from the current version rows, as Alembic does: every missing
 * ancestor of the target(s), on any branch, parents (and `dependsOn` requirements) first.
 * After each step the version table holds `graph.versionHeads(applied)`.
 *
 * @example
 * planUpgrade(graph, ['b2'], 'heads').steps; // [{ revision: 'c3', direction: 'up' }, ...]
 */
export function planUpgrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Plan {
  const applied = graph.appliedSet(currentHeads);
  const { revisions, targets } = collectUpgrade(graph, target, currentHeads, {
    inclusive: false,
    anyBranch: true,
    strict: true,
  });
  const order = headFirstOrder(graph, revisions, targets).reverse();
  for (const id of order) applied.add(id);
  return {
    steps: order.map((revision) => ({ revision, direction: 'up' })),
    resultingHeads: graph.versionHeads(applied),
  };
}

/**
 * Plans `downgrade <target>` from the current version rows, as Alembic does: removes every
 * applied revision above the target, including those that depend on it, children first. With
 * `label@base`/`label@-N`, or `-N` (which follows the first version row), only the line through
 * that branch is removed where the target has several children.
 *
 * @example
 * planDowngrade(graph, ['m6'], 'a1').steps.map((s) => s.revision); // ['m6', 'c3', 'b2', 'd4']
 */
export function planDowngrade(graph: RevisionGraph, currentHeads: readonly string[], target: string): Plan {
  const applied = graph.appliedSet(currentHeads);
  const { branch, revision } = downgradeTarget(graph, currentHeads, target);
  let roots = revision === null ? graph.bases() : graph.children(revision);
  if (branch !== undefined && roots.length > 1) {
    const line = graph.branchAncestors([resolveBranch(graph, branch)], true);
    roots = roots.filter((id) => line.has(id));
    if (roots.length === 0) {
      throw new TargetError('TARGET_INVALID', `cannot downgrade to '${target}': it is not below branch '${branch}'; name a revision on that branch`);
    }
  }
  const removed = graph.descendants(roots, true);
  for (const id of removed) if (!applied.has(id)) removed.delete(id);
  if (revision !== null && removed.size === 0 && !currentHeads.includes(revision)) {
    throw new TargetError(
      'TARGET_INVALID',
      `cannot downgrade to '${target}': revision ${revision} is not applied below the current heads (${currentHeads.join(', ') || 'none'}); pick an applied revision (see \`dihya current\`)`,
    );
  }
  const order = headFirstOrder(graph, removed, currentHeads);
  for (const id of order) applied.delete(id);
  return {
    steps: order.map((id) => ({ revision: id, direction: 'down' })),
    resultingHeads: graph.versionHeads(applied),
  };
}
