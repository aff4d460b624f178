import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TargetError } from '../../../src/core/errors.js';
import { planDowngrade, planStamp, planUpgrade, revisionsInRange, type Plan } from '../../../src/revisions/plan.js';
import { RevisionGraph } from '../../../src/revisions/revision-graph.js';
import { rev, sampleGraph } from './fixtures.js';

// Expected values below were checked against Alembic 1.8.1 on the same graph (see fixtures.ts).

const up = (...ids: string[]) => ids.map((revision) => ({ revision, direction: 'up' as const }));
const down = (...ids: string[]) => ids.map((revision) => ({ revision, direction: 'down' as const }));

/** The version rows the executor writes after each step. */
function rowsAfterEachStep(graph: RevisionGraph, start: readonly string[], plan: Plan): string[][] {
  const applied = graph.appliedSet(start);
  return plan.steps.map((step) => {
    if (step.direction === 'up') applied.add(step.revision);
    else applied.delete(step.revision);
    return graph.versionHeads(applied);
  });
}

function refused(fn: () => unknown, code?: TargetError['code']): void {
  assert.throws(fn, (error: unknown) => error instanceof TargetError && (code === undefined || error.code === code));
}

describe('planUpgrade', () => {
  const graph = sampleGraph();

  test('heads from nothing: every revision, a branch at a time, rows as Alembic writes them', () => {
    const plan = planUpgrade(graph, [], 'heads');
    assert.deepEqual(plan.steps, up('a', 'd', 'b', 'c', 'm', 'e'));
    assert.deepEqual(rowsAfterEachStep(graph, [], plan), [['a'], ['d'], ['d', 'b'], ['d', 'c'], ['m'], ['m', 'e']]);
    assert.deepEqual(plan.resultingHeads, ['m', 'e']);
  });

  test('a revision with dependsOn brings in the other branch first; its row replaces both', () => {
    const plan = planUpgrade(graph, [], 'e');
    assert.deepEqual(plan.steps, up('a', 'd', 'b', 'c', 'e'));
    assert.deepEqual(rowsAfterEachStep(graph, [], plan), [['a'], ['d'], ['d', 'b'], ['d', 'c'], ['e']]);
  });

  test('an applied target plans nothing', () => {
    assert.deepEqual(planUpgrade(graph, ['m'], 'm'), { steps: [], resultingHeads: ['m'] });
    assert.deepEqual(planUpgrade(graph, ['m'], 'c'), { steps: [], resultingHeads: ['m'] });
  });

  test('relative and labelled targets', () => {
    assert.deepEqual(planUpgrade(graph, [], '+1').steps, up('a'));
    assert.deepEqual(planUpgrade(graph, ['a'], 'side@+1').steps, up('d'));
    assert.deepEqual(planUpgrade(graph, ['d'], 'b+1'), { steps: up('b', 'c'), resultingHeads: ['d', 'c'] });
    assert.deepEqual(planUpgrade(graph, ['d', 'c'], 'side@head'), { steps: up('m'), resultingHeads: ['m'] });
  });

  test('+2 across a branch point and head with two heads are refused', () => {
    refused(() => planUpgrade(graph, ['a'], '+2'), 'TARGET_AMBIGUOUS');
    refused(() => planUpgrade(graph, ['c'], 'head'), 'TARGET_AMBIGUOUS');
  });

  test('version rows naming overlapping revisions are refused, as Alembic does', () => {
    refused(() => planUpgrade(graph, ['b', 'c'], 'heads'), 'TARGET_INVALID');
  });

  test('an unknown row in the version table is reported', () => {
    assert.throws(() => planUpgrade(graph, ['zz'], 'heads'), /version table holds unknown revision 'zz'/);
  });
});

describe('planDowngrade', () => {
  const graph = sampleGraph();

  test('base removes everything, children first', () => {
    const plan = planDowngrade(graph, ['m', 'e'], 'base');
    assert.deepEqual(plan.steps, down('e', 'm', 'c', 'b', 'd', 'a'));
    assert.deepEqual(rowsAfterEachStep(graph, ['m', 'e'], plan), [['m'], ['d', 'c'], ['d', 'b'], ['d'], ['a'], []]);
    assert.deepEqual(plan.resultingHeads, []);
  });

  test('-1 from a merge is refused (Alembic cannot tell which parent is meant)', () => {
    refused(() => planDowngrade(graph, ['m'], '-1'), 'TARGET_AMBIGUOUS');
    refused(() => planDowngrade(graph, ['m', 'e'], '-1'), 'TARGET_AMBIGUOUS');
  });

  test('-1 follows the first version row', () => {
    assert.deepEqual(planDowngrade(graph, ['e', 'm'], '-1'), { steps: down('e'), resultingHeads: ['m'] });
    assert.deepEqual(planDowngrade(graph, ['d', 'c'], '-1'), { steps: down('d'), resultingHeads: ['c'] });
  });

  test('to a parent of a merge: the merge goes, its parents become rows', () => {
    assert.deepEqual(planDowngrade(graph, ['m'], 'd'), { steps: down('m'), resultingHeads: ['d', 'c'] });
  });

  test('removing a revision removes what depends on it', () => {
    assert.deepEqual(planDowngrade(graph, ['m', 'e'], 'a').steps, down('e', 'm', 'c', 'b', 'd'));
    assert.deepEqual(planDowngrade(graph, ['e'], 'b'), { steps: down('e', 'c'), resultingHeads: ['d', 'b'] });
  });

  test('label@base on a single-base graph still removes every branch (roots are not filtered)', () => {
    assert.deepEqual(planDowngrade(graph, ['e'], 'side@base').steps, down('e', 'c', 'b', 'd', 'a'));
  });

  test('label@-1 only winds back that branch', () => {
    const twoRoots = RevisionGraph.build([rev('a'), rev('b', ['a']), rev('n', [], [], ['net']), rev('o', ['n'])]);
    assert.deepEqual(planDowngrade(twoRoots, ['b', 'o'], 'net@-1'), { steps: down('o'), resultingHeads: ['n', 'b'] });
    assert.deepEqual(planDowngrade(twoRoots, ['b', 'o'], 'net@base'), { steps: down('o', 'n'), resultingHeads: ['b'] });
  });

  test('a target that is not applied is refused', () => {
    refused(() => planDowngrade(graph, ['c'], 'd'), 'TARGET_INVALID');
    assert.deepEqual(planDowngrade(graph, ['c'], 'c'), { steps: [], resultingHeads: ['c'] });
  });
});

describe('planStamp', () => {
  const graph = sampleGraph();

  test('moves rows along their line, adds new lines, clears on base', () => {
    assert.deepEqual(planStamp(graph, ['d', 'c'], 'b'), ['d', 'b']);
    assert.deepEqual(planStamp(graph, ['d', 'b'], 'side@head'), ['m']);
    assert.deepEqual(planStamp(graph, ['m'], 'heads'), ['m', 'e']);
    assert.deepEqual(planStamp(graph, ['m', 'e'], 'c'), ['c']);
    assert.deepEqual(planStamp(graph, ['c'], 'base'), []);
    assert.deepEqual(planStamp(graph, [], 'c'), ['c']);
  });

  test('relative stamps are refused', () => {
    refused(() => planStamp(graph, [], '-1'), 'TARGET_INVALID');
  });
});

describe('revisionsInRange', () => {
  const graph = sampleGraph();

  test('A:, :B, base:heads, A:B', () => {
    assert.deepEqual(revisionsInRange(graph, 'b:', []), ['b', 'c', 'm', 'e']);
    assert.deepEqual(revisionsInRange(graph, ':d', []), ['a', 'd']);
    assert.deepEqual(revisionsInRange(graph, 'base:heads', []), ['a', 'd', 'b', 'c', 'm', 'e']);
    assert.deepEqual(revisionsInRange(graph, ':', []), ['a', 'd', 'b', 'c', 'm', 'e']);
    assert.deepEqual(revisionsInRange(graph, 'b:m', []), ['b', 'c', 'm']);
  });

  test('current at either end', () => {
    assert.deepEqual(revisionsInRange(graph, ':current', ['c']), ['a', 'b', 'c']);
    assert.deepEqual(revisionsInRange(graph, 'current:', ['c']), ['c', 'm', 'e']);
    assert.deepEqual(revisionsInRange(graph, ':current', []), ['a', 'd', 'b', 'c', 'm', 'e']);
  });

  test('-N: starts N below the heads', () => {
    const line = RevisionGraph.build([rev('a'), rev('b', ['a']), rev('c', ['b']), rev('d', ['c'])]);
    assert.deepEqual(revisionsInRange(line, '-2:', []), ['b', 'c', 'd']);
    assert.deepEqual(revisionsInRange(line, '-2:current', ['c']), ['b', 'c']);
  });

  test('ends that are not on one line, or no colon, are refused', () => {
    refused(() => revisionsInRange(graph, 'd:c', []), 'TARGET_INVALID');
    refused(() => revisionsInRange(graph, 'b', []), 'TARGET_INVALID');
    refused(() => revisionsInRange(graph, 'a:b:c', []), 'TARGET_INVALID');
  });
});
