/**
 * The runner computes version rows step by step with versionHeadsAfter; on every step of every
 * upgrade it must give what versionHeads gives for the whole applied set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planUpgrade } from '../../../src/revisions/plan.js';
import { RevisionGraph } from '../../../src/revisions/revision-graph.js';
import { rev, sampleGraph } from './fixtures.js';

/** A seeded random graph with branches, merges and dependencies. */
function randomGraph(seed: number, size: number): RevisionGraph {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const nodes = [rev('r00')];
  for (let i = 1; i < size; i++) {
    const id = `r${String(i).padStart(2, '0')}`;
    const pick = () => nodes[Math.floor(rand() * nodes.length)]!.id;
    const parents = [...new Set(rand() < 0.2 ? [pick(), pick()] : [pick()])];
    const depends = rand() < 0.15 ? [pick()].filter((d) => !parents.includes(d)) : [];
    nodes.push(rev(id, parents, depends));
  }
  return RevisionGraph.build(nodes);
}

function checkUpgrade(graph: RevisionGraph): void {
  let rows: string[] = [];
  const applied = new Set<string>();
  for (const step of planUpgrade(graph, [], 'heads').steps) {
    applied.add(step.revision);
    const incremental = graph.versionHeadsAfter(rows, step.revision, 'up', applied);
    assert.deepEqual(incremental, graph.versionHeads(applied), `after ${step.revision}`);
    rows = incremental;
  }
}

test('versionHeadsAfter equals versionHeads on the sample graph', () => checkUpgrade(sampleGraph()));

test('versionHeadsAfter equals versionHeads on 300 random graphs', () => {
  for (let seed = 1; seed <= 300; seed++) checkUpgrade(randomGraph(seed, 4 + (seed % 12)));
});

test('a downgrade step is computed in full', () => {
  const graph = RevisionGraph.build([rev('a1'), rev('b2', ['a1']), rev('c3', ['a1'])]);
  assert.deepEqual(graph.versionHeadsAfter(['b2', 'c3'], 'c3', 'down', new Set(['a1', 'b2'])), ['b2']);
});
