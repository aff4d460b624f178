import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { layoutGraph, type LayoutInput } from '../../../src/docs/graph-layout.js';
import { docsGraph } from './fixtures.js';

const inputs = (): LayoutInput[] => docsGraph().all().map((r) => ({ id: r.id, parents: r.downRevisions, dependsOn: r.dependsOn }));

describe('graph layout', () => {
  test('places every revision once, one per row, parents and requirements above what builds on them', () => {
    const layout = layoutGraph(inputs());
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    assert.deepEqual([...at.keys()].sort(), ['base', 'left', 'merge', 'one', 'right', 'side', 'tip']);
    assert.deepEqual(layout.nodes.map((n) => n.row).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6]);
    for (const e of layout.edges) assert.ok(at.get(e.from)!.row < at.get(e.to)!.row, `${e.from} is not above ${e.to}`);
  });

  test('the merge has two incoming parent edges and a dependsOn is its own kind of edge', () => {
    const { edges } = layoutGraph(inputs());
    assert.deepEqual(edges.filter((e) => e.to === 'merge').map((e) => [e.from, e.kind]).sort(), [['left', 'parent'], ['right', 'parent']]);
    assert.deepEqual(edges.filter((e) => e.kind === 'depends').map((e) => [e.from, e.to]), [['left', 'side']]);
    assert.equal(edges.filter((e) => e.kind === 'parent').length, 7);
  });

  test('branches get their own columns, a straight line stays in one, and no edge runs through another revision', () => {
    const layout = layoutGraph(inputs());
    const at = new Map(layout.nodes.map((n) => [n.id, n]));
    assert.notEqual(at.get('left')!.column, at.get('right')!.column);
    assert.notEqual(at.get('side')!.column, at.get('left')!.column);
    assert.equal(at.get('one')!.column, at.get('base')!.column);
    assert.equal(at.get('tip')!.column, at.get('merge')!.column);
    for (const e of layout.edges) {
      const from = at.get(e.from)!;
      const to = at.get(e.to)!;
      // The vertical run of an edge is in the target's column when it turns at its start, else in the source's.
      const column = from.column === to.column || e.turn === 'start' ? to.column : from.column;
      const crossed = layout.nodes.filter((n) => n.column === column && n.row > from.row && n.row < to.row);
      assert.deepEqual(crossed.map((n) => n.id), [], `edge ${e.from} → ${e.to} runs through them`);
    }
  });

  test('a linear history of a thousand revisions is one column', () => {
    const chain: LayoutInput[] = Array.from({ length: 1000 }, (_, i) => ({ id: `r${i}`, parents: i ? [`r${i - 1}`] : [], dependsOn: [] }));
    const layout = layoutGraph(chain);
    assert.equal(layout.columns, 1);
    assert.equal(layout.nodes.at(-1)!.row, 999);
  });
});
