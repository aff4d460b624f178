import type { RevisionNode } from '../../../src/revisions/revision.js';
import { RevisionGraph } from '../../../src/revisions/revision-graph.js';

/** A revision node for tests. */
export function rev(id: string, down: string[] = [], dependsOn: string[] = [], labels: string[] = []): RevisionNode {
  return { id, downRevisions: down, dependsOn, branchLabels: labels };
}

/**
 * The shared hand-made graph:
 *
 *   a ── b ── c ──┬── m (merge of c, d)
 *    \            └── e (also dependsOn d)
 *     d (label 'side') ─┘
 */
export function sampleGraph(): RevisionGraph {
  return RevisionGraph.build([
    rev('a'),
    rev('b', ['a']),
    rev('c', ['b']),
    rev('d', ['a'], [], ['side']),
    rev('m', ['c', 'd']),
    rev('e', ['c'], ['d']),
  ]);
}
