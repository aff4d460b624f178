import type { Revision } from '../../../src/revisions/revision.js';
import { RevisionGraph } from '../../../src/revisions/revision-graph.js';

/** A revision file as the loader would return it, with the texts the register shows. */
export function docRevision(id: string, down: string[] = [], extra: Partial<Revision> = {}): Revision {
  return {
    id, downRevisions: down, dependsOn: [], branchLabels: [],
    message: `message of ${id}`, purpose: `purpose of ${id}`, impact: `impact of ${id}`, rollback: `rollback of ${id}`,
    critical: false, path: `/project/migrations/versions/${id}.ts`, format: 'ts', checksum: '0'.repeat(64), hasDown: true,
    load: async () => ({ up: () => undefined }),
    ...extra,
  };
}

/**
 * base ── one ──┬── left ───────┬── merge ── tip
 *               ├── right ──────┘
 *               └── side (dependsOn left)
 */
export function docsGraph(extra: Record<string, Partial<Revision>> = {}): RevisionGraph<Revision> {
  const r = (id: string, down: string[] = [], more: Partial<Revision> = {}) => docRevision(id, down, { ...more, ...extra[id] });
  return RevisionGraph.build([
    r('base'),
    r('one', ['base']),
    r('left', ['one'], { branchLabels: ['l'] }),
    r('right', ['one'], { phase: 'expand', critical: true }),
    r('side', ['one'], { dependsOn: ['left'] }),
    r('merge', ['left', 'right']),
    r('tip', ['merge']),
  ]);
}
