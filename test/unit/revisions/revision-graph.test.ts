import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RevisionGraphError, TargetError } from '../../../src/core/errors.js';
import { RevisionGraph } from '../../../src/revisions/revision-graph.js';
import type { Revision } from '../../../src/revisions/revision.js';
import { rev, sampleGraph } from './fixtures.js';

function graphError(fn: () => unknown, code: RevisionGraphError['code'], ...mentions: string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof RevisionGraphError);
    assert.equal(error.code, code);
    assert.ok(!error.message.includes('\n'), 'one line');
    for (const text of mentions) assert.ok(error.message.includes(text), `${error.message} mentions ${text}`);
    return true;
  });
}

describe('RevisionGraph.build validation', () => {
  test('duplicate ids', () => {
    graphError(() => RevisionGraph.build([rev('a'), rev('b', ['a']), rev('a')]), 'REVISION_DUPLICATE', "'a'");
  });

  test('a down revision that does not exist', () => {
    graphError(() => RevisionGraph.build([rev('a'), rev('b', ['zz'])]), 'REVISION_MISSING_PARENT', "'b'", "'zz'");
  });

  test('a dependsOn that names neither a revision nor a label', () => {
    graphError(() => RevisionGraph.build([rev('a'), rev('b', ['a'], ['nope'])]), 'REVISION_MISSING_PARENT', "'nope'");
  });

  test('cycles through down revisions, dependsOn, and self references', () => {
    graphError(() => RevisionGraph.build([rev('a', ['c']), rev('b', ['a']), rev('c', ['b'])]), 'REVISION_CYCLE', 'a -> ');
    graphError(() => RevisionGraph.build([rev('a', [], ['c']), rev('b', ['a']), rev('c', ['b'])]), 'REVISION_CYCLE');
    graphError(() => RevisionGraph.build([rev('a', ['a'])]), 'REVISION_CYCLE', 'a -> a');
  });

  test('a cycle in the middle, reachable from both a base and a head', () => {
    // Alembic misses this one (its check only walks from heads and bases).
    const revisions = [rev('base0'), rev('x', ['base0', 'y']), rev('y', [], ['x']), rev('top', ['x'])];
    graphError(() => RevisionGraph.build(revisions), 'REVISION_CYCLE', 'x', 'y');
  });

  test('branch label used twice, or equal to a revision id', () => {
    graphError(() => RevisionGraph.build([rev('a', [], [], ['x']), rev('b', ['a'], [], ['x'])]), 'BRANCH_LABEL_DUPLICATE', "'x'", "'a'");
    graphError(() => RevisionGraph.build([rev('a'), rev('b', ['a'], [], ['a'])]), 'BRANCH_LABEL_DUPLICATE', "'a'");
  });

  test('an empty graph is valid', () => {
    const graph = RevisionGraph.build([]);
    assert.deepEqual(graph.heads(), []);
    assert.deepEqual(graph.all(), []);
  });

  test('keeps the caller\'s revision type', () => {
    const revisions = [{ ...rev('a'), message: 'init' }] as unknown as Revision[];
    const graph: RevisionGraph<Revision> = RevisionGraph.build(revisions);
    const plain: RevisionGraph = graph;
    assert.equal(graph.get('a').message, 'init');
    assert.equal(plain.size, 1);
  });
});

describe('RevisionGraph structure', () => {
  const graph = sampleGraph();

  test('heads count down revisions only; realHeads also count dependsOn', () => {
    const withEffectiveHead = RevisionGraph.build([rev('a'), rev('b', ['a']), rev('n'), rev('c', ['b'], ['n'])]);
    assert.deepEqual(withEffectiveHead.heads(), ['c', 'n']);
    assert.deepEqual(withEffectiveHead.realHeads(), ['c']);
    assert.deepEqual(graph.heads(), ['e', 'm']);
  });

  test('bases, children, dependents, branch points', () => {
    assert.deepEqual(graph.bases(), ['a']);
    assert.deepEqual(graph.children('a'), ['b', 'd']);
    assert.deepEqual(graph.children('d'), ['m']);
    assert.deepEqual(graph.dependents('d'), ['e', 'm']);
    assert.deepEqual(graph.branchPoints(), [
      { revision: 'a', children: ['b', 'd'] },
      { revision: 'c', children: ['e', 'm'] },
    ]);
  });

  test('ancestors and descendants follow dependsOn too', () => {
    assert.deepEqual(graph.ancestors(['e']), new Set(['c', 'b', 'a', 'd']));
    assert.deepEqual(graph.ancestors(['e'], true), new Set(['e', 'c', 'b', 'a', 'd']));
    assert.deepEqual(graph.descendants(['d']), new Set(['m', 'e']));
    assert.deepEqual(graph.branchDescendants(['d']), new Set(['m']));
  });

  test('all() is topological, finishes a branch before the next, and ignores input order', () => {
    assert.deepEqual(graph.all().map((r) => r.id), ['a', 'd', 'b', 'c', 'm', 'e']);
    const reversed = RevisionGraph.build([...sampleGraph().all()].reverse());
    assert.deepEqual(reversed.all().map((r) => r.id), ['a', 'd', 'b', 'c', 'm', 'e']);
  });

  test('dependsOn may name a branch label', () => {
    const labelled = RevisionGraph.build([rev('a'), rev('n', [], [], ['net']), rev('b', ['a'], ['net'])]);
    assert.deepEqual(labelled.requirementsOf('b'), ['a', 'n']);
  });

  test('a dependency an ancestor already has is not repeated', () => {
    const g = RevisionGraph.build([rev('n'), rev('a'), rev('b', ['a'], ['n']), rev('c', ['b'], ['n'])]);
    assert.deepEqual(g.requirementsOf('c'), ['b']);
  });

  test('get() of an unknown id is TARGET_UNKNOWN', () => {
    assert.throws(() => graph.get('zz'), (e: unknown) => e instanceof TargetError && e.code === 'TARGET_UNKNOWN');
  });
});

describe('version rows', () => {
  const graph = sampleGraph();

  test('appliedSet is the rows and their ancestors', () => {
    assert.deepEqual(graph.appliedSet(['c', 'd']), new Set(['a', 'b', 'c', 'd']));
    assert.deepEqual(graph.appliedSet([]), new Set());
    assert.throws(() => graph.appliedSet(['zz']), /version table holds unknown revision 'zz'/);
  });

  test('versionHeads keeps what nothing applied requires, dependsOn included', () => {
    assert.deepEqual(graph.versionHeads(new Set(['a', 'b', 'c', 'd'])), ['d', 'c']);
    // e depends on d, so d needs no row of its own (Alembic's alembic_version holds only e).
    assert.deepEqual(graph.versionHeads(new Set(['a', 'b', 'c', 'd', 'e'])), ['e']);
    assert.deepEqual(graph.versionHeads(new Set(['a', 'b', 'c', 'd', 'e', 'm'])), ['m', 'e']);
    assert.deepEqual(graph.versionHeads(new Set()), []);
  });

  test('appliedSet and versionHeads round-trip', () => {
    for (const rows of [['m', 'e'], ['d', 'c'], ['b'], ['e']]) {
      assert.deepEqual(new Set(graph.versionHeads(graph.appliedSet(rows))), new Set(rows));
    }
  });
});

describe('resolveId', () => {
  const graph = RevisionGraph.build([
    rev('ae1027a6acf'),
    rev('ae10ff01', ['ae1027a6acf']),
    rev('1975ea83b712', ['ae1027a6acf'], [], ['shop']),
  ]);

  test('full id, unique prefix of 4+ characters, branch label', () => {
    assert.equal(graph.resolveId('ae1027a6acf'), 'ae1027a6acf');
    assert.equal(graph.resolveId('ae102'), 'ae1027a6acf');
    assert.equal(graph.resolveId('1975'), '1975ea83b712');
    assert.equal(graph.resolveId('shop'), '1975ea83b712');
  });

  test('ambiguous prefix names the candidates', () => {
    assert.throws(() => graph.resolveId('ae10'), (e: unknown) =>
      e instanceof TargetError && e.code === 'TARGET_AMBIGUOUS' && /ae1027a6acf, ae10ff01/.test(e.message));
  });

  test('short prefix is TARGET_INVALID, unknown id is TARGET_UNKNOWN', () => {
    assert.throws(() => graph.resolveId('197'), (e: unknown) => e instanceof TargetError && e.code === 'TARGET_INVALID');
    assert.throws(() => graph.resolveId('ffff'), (e: unknown) =>
      e instanceof TargetError && e.code === 'TARGET_UNKNOWN' &&
      e.message === "unknown revision 'ffff'; run `dihya history` to list revisions");
  });
});
