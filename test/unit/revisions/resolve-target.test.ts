import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TargetError } from '../../../src/core/errors.js';
import { RevisionGraph } from '../../../src/revisions/revision-graph.js';
import { downgradeTarget, parseTarget, readTarget, upgradeTargets } from '../../../src/revisions/resolve-target.js';
import { rev, sampleGraph } from './fixtures.js';

function targetError(fn: () => unknown, code: TargetError['code'], pattern?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TargetError, String(error));
    assert.equal(error.code, code, error.message);
    assert.ok(!error.message.includes('\n'), 'one line');
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

describe('parseTarget', () => {
  const cases: Array<[string, unknown]> = [
    ['ae1027', { kind: 'absolute', symbol: 'ae1027' }],
    ['head', { kind: 'absolute', symbol: 'head' }],
    ['heads', { kind: 'absolute', symbol: 'heads' }],
    ['base', { kind: 'absolute', symbol: 'base' }],
    ['+2', { kind: 'relative', delta: 2 }],
    ['-1', { kind: 'relative', delta: -1 }],
    ['ae10+2', { kind: 'relative', symbol: 'ae10', delta: 2 }],
    ['ae10-3', { kind: 'relative', symbol: 'ae10', delta: -3 }],
    ['core@head', { kind: 'absolute', branch: 'core', symbol: 'head' }],
    ['core@base', { kind: 'absolute', branch: 'core', symbol: 'base' }],
    ['core@+1', { kind: 'relative', branch: 'core', delta: 1 }],
    ['core@-2', { kind: 'relative', branch: 'core', delta: -2 }],
    ['core@ae10+1', { kind: 'relative', branch: 'core', symbol: 'ae10', delta: 1 }],
    ['user-auth@head', { kind: 'absolute', branch: 'user-auth', symbol: 'head' }],
    ['ae10@head', { kind: 'absolute', branch: 'ae10', symbol: 'head' }],
  ];
  for (const [text, expected] of cases) {
    test(text, () => assert.deepEqual(parseTarget(text), expected));
  }

  test('malformed targets are TARGET_INVALID and quote the target', () => {
    for (const text of ['', '@head', 'a@b@c', 'a b', '+', '-x', '1+2+3', 'a+b', 'a:b', 'core@']) {
      targetError(() => parseTarget(text), 'TARGET_INVALID', new RegExp(`'${text.replace(/[+]/g, '\\+')}'`));
    }
  });

  test('an exact id or label is never taken apart', () => {
    const graph = RevisionGraph.build([rev('2024-01'), rev('b', ['2024-01'], [], ['v-2'])]);
    assert.deepEqual(readTarget(graph, '2024-01'), { kind: 'absolute', symbol: '2024-01' });
    assert.deepEqual(readTarget(graph, 'v-2'), { kind: 'absolute', symbol: 'v-2' });
  });
});

describe('upgrade targets', () => {
  const graph = sampleGraph();

  test('head with several heads is ambiguous, with the documented message', () => {
    targetError(() => upgradeTargets(graph, [], 'head'), 'TARGET_AMBIGUOUS');
    assert.throws(() => upgradeTargets(graph, [], 'head'), { message: "multiple heads present (e, m); name one or use 'heads'" });
  });

  test('heads, base, ids, prefixes, labels', () => {
    assert.deepEqual(upgradeTargets(graph, [], 'heads'), ['e', 'm']);
    assert.deepEqual(upgradeTargets(graph, [], 'base'), []);
    assert.deepEqual(upgradeTargets(graph, [], 'side'), ['d']);
    const long = RevisionGraph.build([rev('ae1027a6acf'), rev('55af2cb1c267', ['ae1027a6acf'])]);
    assert.deepEqual(upgradeTargets(long, [], '55af'), ['55af2cb1c267']);
  });

  test('unknown and too-short ids', () => {
    targetError(() => upgradeTargets(graph, [], 'zzzz'), 'TARGET_UNKNOWN', /^unknown revision 'zzzz'; run `dihya history`/);
    const long = RevisionGraph.build([rev('ae1027a6acf')]);
    targetError(() => upgradeTargets(long, [], 'ae1'), 'TARGET_INVALID', /at least 4 characters/);
  });

  test('+N walks up from the single current head', () => {
    assert.deepEqual(upgradeTargets(graph, [], '+1'), ['a']);
    assert.deepEqual(upgradeTargets(graph, ['b'], '+1'), ['c']);
    // a has two children: Alembic refuses to guess which branch +2 means.
    targetError(() => upgradeTargets(graph, [], '+2'), 'TARGET_AMBIGUOUS', /'\+2'.*several children \(b, d\)/);
    targetError(() => upgradeTargets(graph, ['c', 'd'], '+1'), 'TARGET_AMBIGUOUS', /several revisions are current/);
    targetError(() => upgradeTargets(graph, ['e'], '+1'), 'TARGET_INVALID', /fewer than 1/);
    targetError(() => upgradeTargets(graph, ['b'], '-1'), 'TARGET_INVALID', /dihya downgrade -1/);
  });

  test('label@+N follows that branch', () => {
    assert.deepEqual(upgradeTargets(graph, ['a'], 'side@+1'), ['d']);
    assert.deepEqual(upgradeTargets(graph, ['c'], 'side@+1'), ['d']);
  });

  test('REV+N and REV-N are relative to the named revision', () => {
    assert.deepEqual(upgradeTargets(graph, [], 'b+1'), ['c']);
    assert.deepEqual(upgradeTargets(graph, [], 'c-2'), ['a']);
    targetError(() => upgradeTargets(graph, [], 'a-1'), 'TARGET_INVALID', /below the base/);
  });

  test('label@head, label@heads and REV@head', () => {
    assert.deepEqual(upgradeTargets(graph, [], 'side@head'), ['m']);
    assert.deepEqual(upgradeTargets(graph, [], 'side@heads'), ['m']);
    assert.deepEqual(upgradeTargets(graph, [], 'd@head'), ['m']);
    targetError(() => upgradeTargets(graph, [], 'b@head'), 'TARGET_AMBIGUOUS', /on branch 'b' \(e, m\)/);
    targetError(() => upgradeTargets(graph, [], 'nobranch@head'), 'TARGET_UNKNOWN', /unknown branch 'nobranch'/);
  });

  test('label@REV must be on that branch', () => {
    assert.deepEqual(upgradeTargets(graph, [], 'side@d'), ['d']);
    targetError(() => upgradeTargets(graph, [], 'side@b'), 'TARGET_INVALID', /not on branch 'side'/);
  });
});

describe('downgrade targets', () => {
  const graph = sampleGraph();

  test('absolute targets', () => {
    assert.deepEqual(downgradeTarget(graph, ['m'], 'b'), { revision: 'b' });
    assert.deepEqual(downgradeTarget(graph, ['m'], 'base'), { revision: null });
    assert.deepEqual(downgradeTarget(graph, ['m'], 'side@base'), { branch: 'side', revision: null });
  });

  test('-N counts down from the first version row', () => {
    assert.deepEqual(downgradeTarget(graph, ['c'], '-1'), { branch: 'c', revision: 'b' });
    assert.deepEqual(downgradeTarget(graph, ['c'], '-3'), { branch: 'c', revision: null });
    assert.deepEqual(downgradeTarget(graph, ['e', 'm'], '-1'), { branch: 'e', revision: 'c' });
    targetError(() => downgradeTarget(graph, ['c'], '-4'), 'TARGET_INVALID', /'-4'/);
    targetError(() => downgradeTarget(graph, [], '-1'), 'TARGET_INVALID', /no revision is applied/);
  });

  test('-1 from a merge is ambiguous, as in Alembic', () => {
    targetError(() => downgradeTarget(graph, ['m'], '-1'), 'TARGET_AMBIGUOUS', /'-1'.*'m' is a merge of c, d/);
  });

  test('label@-N and REV-N', () => {
    assert.deepEqual(downgradeTarget(graph, ['d', 'c'], 'side@-1'), { branch: 'side', revision: 'a' });
    assert.deepEqual(downgradeTarget(graph, ['m'], 'c-1'), { revision: 'b' });
    targetError(() => downgradeTarget(graph, ['c'], 'side@-1'), 'TARGET_INVALID', /no current revision/);
  });

  test('+N without a revision is refused', () => {
    targetError(() => downgradeTarget(graph, ['c'], '+1'), 'TARGET_INVALID', /dihya upgrade \+1/);
  });
});
