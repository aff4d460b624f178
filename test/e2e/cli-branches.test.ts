/**
 * Branches and merges as Alembic runs them: one branch upgraded on its own (`label@head`), a merge
 * written by `dihya merge heads`, downgrading a merge back into its two heads, a branch downgraded
 * on its own, and `dependsOn` pulling in a revision of another branch.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, json, projectWith, ROOT, stderrLines, tableRevision } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState } from '../support/databases.js';

const USERS = 'a1c3e5f7b9d1';
const GDPR = 'b2d4f6a8c0e2';
const HEALTH = 'c3e5a7b9d1f3';
const LEGAL = 'd4f6b8c0e2a4';
const BOOKKEEPING = ['dihya_audit', 'dihya_history', 'dihya_version'];

/** The example's first four revisions: users, then a branch point into health and legal, not merged. */
function twoBranches(): string {
  const versions = join(ROOT, 'examples', 'dihya-platform', 'migrations', 'versions');
  const files: Record<string, string> = {};
  for (const name of readdirSync(versions)) {
    if ([USERS, GDPR, HEALTH, LEGAL].some((id) => name.includes(id))) files[name] = readFileSync(join(versions, name), 'utf8');
  }
  return projectWith(files);
}

const sorted = (ids: string[]) => [...ids].sort();

describe('branches and merges', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('a branch is upgraded alone, merged, and the merge is downgraded into two heads', async () => {
        const db = await pool.fresh();
        const dir = twoBranches();
        const run = cliFor(dir, db.url);

        assert.deepEqual(sorted(json(await run('heads', '--json')).heads), [HEALTH, LEGAL]);
        assert.deepEqual(json(await run('branches', '--json')), { branches: [{ revision: GDPR, children: [HEALTH, LEGAL] }] });
        assert.match((await run('branches')).stdout, new RegExp(`^${GDPR}  add is_rgpd_deleted to users  \\(branch point\\)$`, 'm'));

        const health = await run('upgrade', 'health@head', '--json');
        assert.equal(health.status, 0, health.stderr);
        assert.deepEqual(JSON.parse(health.stdout).heads, [HEALTH]);
        let state = await databaseState(db.url);
        assert.deepEqual(state.tables, [...BOOKKEEPING, 'health_records', 'roles', 'users'], 'upgrading health@head touched the legal branch');
        assert.deepEqual(state.version, [HEALTH]);

        const legal = await run('upgrade', 'legal@head', '--json');
        assert.equal(legal.status, 0, legal.stderr);
        assert.deepEqual(JSON.parse(legal.stdout).steps.map((s: { revision: string }) => s.revision), [LEGAL]);
        state = await databaseState(db.url);
        assert.deepEqual(state.tables, [...BOOKKEEPING, 'health_records', 'legal_cases', 'roles', 'users']);
        assert.deepEqual(state.version, [HEALTH, LEGAL]);

        const merged = await run('merge', 'heads', '-m', 'join health and legal', '--json');
        assert.equal(merged.status, 0, merged.stderr);
        const merge = JSON.parse(merged.stdout) as { revision: string; file: string; downRevisions: string[] };
        assert.match(merge.revision, /^[0-9a-f]{12}$/);
        assert.deepEqual(sorted(merge.downRevisions), [HEALTH, LEGAL]);
        assert.match(merge.file, new RegExp(`_${merge.revision}_join_health_and_legal\\.ts$`));
        assert.match(readFileSync(merge.file, 'utf8'), /downRevision: \["c3e5a7b9d1f3","d4f6b8c0e2a4"\]/);
        assert.deepEqual(json(await run('heads', '--json')), { heads: [merge.revision] });
        const nothingToMerge = await run('merge', 'heads', '-m', 'again');
        assert.equal(nothingToMerge.status, 2, nothingToMerge.stderr);
        assert.match(stderrLines(nothingToMerge).join('\n'), /^dihya: a merge needs at least two revisions/);

        const up = await run('upgrade', '--json');
        assert.equal(up.status, 0, up.stderr);
        assert.deepEqual(JSON.parse(up.stdout).heads, [merge.revision]);
        state = await databaseState(db.url);
        assert.deepEqual(state.version, [merge.revision]);
        assert.deepEqual(state.history, sorted([USERS, GDPR, HEALTH, LEGAL, merge.revision]));

        // As in Alembic, `-1` from a merge is ambiguous: it names the merge and its parents, and changes nothing.
        const ambiguous = await run('downgrade', '-1');
        assert.equal(ambiguous.status, 2, ambiguous.stderr);
        const lines = stderrLines(ambiguous);
        assert.equal(lines.length, 1, ambiguous.stderr);
        assert.match(lines[0]!, new RegExp(`${merge.revision}.*merge.*${HEALTH}.*${LEGAL}`));
        assert.deepEqual((await databaseState(db.url)).version, [merge.revision]);

        // Downgrading to one parent removes the merge alone: both parents are heads again.
        const split = await run('downgrade', HEALTH, '--json');
        assert.equal(split.status, 0, split.stderr);
        assert.deepEqual(JSON.parse(split.stdout).steps.map((s: { revision: string }) => s.revision), [merge.revision]);
        state = await databaseState(db.url);
        assert.deepEqual(state.version, [HEALTH, LEGAL]);
        assert.deepEqual(state.tables, [...BOOKKEEPING, 'health_records', 'legal_cases', 'roles', 'users']);
        assert.deepEqual((await run('current')).stdout.split('\n').filter(Boolean).sort(), [
          `${HEALTH}  health domain: medical records`,
          `${LEGAL}  legal domain: cases`,
        ]);

        // One branch goes down on its own.
        const down = await run('downgrade', 'health@-1', '--json');
        assert.equal(down.status, 0, down.stderr);
        assert.deepEqual(JSON.parse(down.stdout).heads, [LEGAL]);
        state = await databaseState(db.url);
        assert.deepEqual(state.tables, [...BOOKKEEPING, 'legal_cases', 'roles', 'users']);
        assert.deepEqual(state.version, [LEGAL]);
        assert.deepEqual(state.history, [USERS, GDPR, LEGAL]);
      });

      test('dependsOn pulls in the revision of another branch, and downgrading it takes the dependent along', async () => {
        const db = await pool.fresh();
        const run = cliFor(projectWith({
          'core_a.ts': tableRevision('c0de00000001', null, 'core_a', "branchLabels: ['core'],"),
          'core_b.ts': tableRevision('c0de00000002', 'c0de00000001', 'core_b'),
          'core_c.ts': tableRevision('c0de00000003', 'c0de00000002', 'core_c'),
          'report_a.ts': tableRevision('4e9000000001', null, 'report_a', "branchLabels: ['reports'], dependsOn: ['c0de00000002'],"),
        }), db.url);

        const up = await run('upgrade', 'reports@head', '--json');
        assert.equal(up.status, 0, up.stderr);
        assert.deepEqual(JSON.parse(up.stdout).steps.map((s: { revision: string }) => s.revision), ['c0de00000001', 'c0de00000002', '4e9000000001']);
        let state = await databaseState(db.url);
        assert.deepEqual(state.tables, ['core_a', 'core_b', ...BOOKKEEPING, 'report_a'], 'the dependency was not applied, or core_c was');
        assert.deepEqual(state.version, ['4e9000000001']);

        const down = await run('downgrade', 'c0de00000001', '--json');
        assert.equal(down.status, 0, down.stderr);
        assert.deepEqual(JSON.parse(down.stdout).steps.map((s: { revision: string }) => s.revision), ['4e9000000001', 'c0de00000002']);
        state = await databaseState(db.url);
        assert.deepEqual(state.tables, ['core_a', ...BOOKKEEPING]);
        assert.deepEqual(state.version, ['c0de00000001']);
        assert.deepEqual(state.history, ['c0de00000001']);
      });
    });
  }
});
