/**
 * `dihya status`: each revision, base first, and where it is applied, side by side for several
 * environments; for one environment, where it stands and what to run next.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dihya, dihyaAsync, projectWith, tableRevision, tempProject, write } from '../support/cli.js';
import { databaseKinds, databasePool } from '../support/databases.js';

const [R1, R2, R3] = ['a1a1a1a1a1a1', 'b2b2b2b2b2b2', 'c3c3c3c3c3c3'] as const;

describe('status', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('shows staging and production side by side, and what to run next', async () => {
        const staging = await pool.fresh();
        const production = await pool.fresh();
        const dir = projectWith({
          '001.ts': tableRevision(R1, null, 'accounts'),
          '002.ts': tableRevision(R2, R1, 'orders'),
          '003.ts': tableRevision(R3, R2, 'invoices'),
        });
        write(join(dir, 'migrations', 'env.ts'), `import { defineConfig } from 'dihya-migrate';
export default defineConfig({ environments: { staging: { url: process.env.DIHYA_STAGING_URL }, production: { url: process.env.DIHYA_PRODUCTION_URL } } });
`);
        const env = { DIHYA_STAGING_URL: staging.url, DIHYA_PRODUCTION_URL: production.url };
        const run = (...args: string[]) => dihyaAsync(dir, args, env);
        for (const args of [['upgrade', R2, '--env', 'staging'], ['upgrade', R1, '--env', 'production']]) {
          const r = await run(...args);
          assert.equal(r.status, 0, r.stderr);
        }

        const both = await run('status', '--env', 'staging', '--env', 'production', '--json');
        assert.equal(both.status, 0, both.stderr);
        const doc = JSON.parse(both.stdout);
        assert.deepEqual(doc.environments.map((e: { name: string }) => e.name), ['staging', 'production']);
        assert.deepEqual(doc.revisions.map((r: { revision: string }) => r.revision), [R1, R2, R3]);
        const applied = (id: string) => doc.revisions.find((r: { revision: string }) => r.revision === id).applied;
        for (const at of [applied(R1).staging, applied(R1).production, applied(R2).staging]) {
          assert.ok(!Number.isNaN(Date.parse(at)) && Math.abs(Date.now() - Date.parse(at)) < 10 * 60_000, `not a recent ISO time: ${at}`);
        }
        assert.equal(applied(R2).production, null);
        assert.deepEqual(applied(R3), { staging: null, production: null });

        const text = await run('status', '--env', 'staging', '--env', 'production');
        assert.equal(text.status, 0, text.stderr);
        const [header, ...rows] = text.stdout.trim().split('\n');
        assert.match(header!, /^revision\s+staging\s+production\s+message$/);
        assert.match(rows[0]!, new RegExp(`^${R1}\\s+✓ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+✓ \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+create accounts$`));
        assert.match(rows[1]!, new RegExp(`^${R2}\\s+✓ \\S+ \\S+\\s+pending\\s+create orders$`));
        assert.match(rows[2]!, new RegExp(`^${R3}\\s+pending\\s+pending\\s+create invoices$`));

        const one = await run('status', '--env', 'production');
        assert.equal(one.status, 0, one.stderr);
        assert.match(one.stdout, new RegExp(`The production database is at ${R1}\\.`));
        assert.match(one.stdout, /2 revisions pending: run dihya upgrade --env production\./);

        // A file edited after staging applied it.
        const versions = join(dir, 'migrations', 'versions');
        appendFileSync(join(versions, readdirSync(versions).find((f) => f.startsWith('002'))!), '// edited\n');
        const changed = await run('status', '--env', 'staging');
        assert.match(changed.stdout, new RegExp(`${R2}\\s+changed checksum`));
        assert.match(changed.stdout, new RegExp(`1 applied revision file changed since applied \\(${R2}\\): run dihya validate --env staging`));
        const changedJson = JSON.parse((await run('status', '--env', 'staging', '--json')).stdout);
        assert.deepEqual(changedJson.environments[0].changed, [R2]);
        assert.equal(changedJson.environments[0].next, 'dihya validate');

        await run('upgrade', '--env', 'production', '--allow-changed');
        const done = await run('status', '--env', 'production');
        assert.match(done.stdout, /Up to date: nothing to run\./);
      });
    });
  }
});

describe('status of a new project', () => {
  test('says to write the first revision', () => {
    const dir = tempProject();
    assert.equal(dihya(dir, ['init']).status, 0);
    const r = dihya(dir, ['status']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'No revisions yet: run dihya revision -m "create users" to write the first one.');
    const j = JSON.parse(dihya(dir, ['status', '--json']).stdout);
    assert.deepEqual(j.revisions, []);
    assert.equal(j.environments[0].next, 'dihya revision -m "..."');
  });

  test('--url with several environments is refused', () => {
    const dir = tempProject();
    assert.equal(dihya(dir, ['init']).status, 0);
    const r = dihya(dir, ['status', '--env', 'staging', '--env', 'production', '--url', 'sqlite::memory:']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--url names one database/);
  });
});
