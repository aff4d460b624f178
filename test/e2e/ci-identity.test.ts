/**
 * Run in CI, every audit row says which pipeline ran it (system, repository, commit, run, actor),
 * read from the variables GitHub Actions and GitLab CI set; outside CI rows carry no `ci`.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { cliFor, projectWith, tableRevision } from '../support/cli.js';
import { databaseKinds, databasePool } from '../support/databases.js';

const [R1, R2] = ['a1a1a1a1a1a1', 'b2b2b2b2b2b2'] as const;
const NOT_CI = { CI: '', GITHUB_ACTIONS: '', GITLAB_CI: '' };
const GITHUB = { ...NOT_CI, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: '9f8e7d6c5b4a', GITHUB_RUN_ID: '4242', GITHUB_ACTOR: 'amina' };
const GITLAB = { ...NOT_CI, CI: 'true', GITLAB_CI: 'true', CI_PROJECT_PATH: 'acme/shop', CI_COMMIT_SHA: '1a2b3c', CI_PIPELINE_ID: '77', GITLAB_USER_LOGIN: 'yanis' };

describe('CI identity in the audit trail', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('upgrade and stamp rows record the pipeline', async () => {
        const db = await pool.fresh();
        const dir = projectWith({
          '001.ts': tableRevision(R1, null, 'accounts'),
          '002.ts': tableRevision(R2, R1, 'orders'),
        });
        const runIn = (env: Record<string, string>) => cliFor(dir, db.url, env);
        assert.equal((await runIn(NOT_CI)('upgrade', R1)).status, 0);
        assert.equal((await runIn(GITHUB)('upgrade', R2)).status, 0);
        assert.equal((await runIn(GITLAB)('stamp', R1)).status, 0);
        assert.equal((await runIn({ ...NOT_CI, CI: 'true' })('stamp', R2)).status, 0);

        const listed = await runIn(NOT_CI)('audit', '--json');
        assert.equal(listed.status, 0, listed.stderr);
        const events = JSON.parse(listed.stdout).events as Array<{ event: string; details: Record<string, unknown> }>;
        assert.deepEqual(events.map((e) => e.event), ['upgrade', 'upgrade', 'stamp', 'stamp']);
        assert.equal(events[0]!.details.ci, undefined, 'a local run recorded a CI identity');
        assert.deepEqual(events[1]!.details.ci, { system: 'github-actions', repository: 'acme/shop', commit: '9f8e7d6c5b4a', runId: '4242', actor: 'amina' });
        assert.deepEqual(events[2]!.details.ci, { system: 'gitlab-ci', repository: 'acme/shop', commit: '1a2b3c', runId: '77', actor: 'yanis' });
        assert.equal((events[3]!.details.ci as { system: string }).system, 'ci');

        const verified = await runIn(NOT_CI)('audit', 'verify');
        assert.equal(verified.status, 0, verified.stderr);
      });
    });
  }
});
