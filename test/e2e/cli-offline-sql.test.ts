/**
 * Offline mode: `upgrade --sql` prints a script and leaves the database alone; a DBA who applies
 * that script with the database's own client gets the tables, data and version a live upgrade
 * gives, and `downgrade --sql heads:base` takes it back.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { cliFor, copyExample, dihya, stderrLines } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState, runSqlScript, withDatabase } from '../support/databases.js';

const HEAD = 'c9e1a3b5d7f9';
const BOOKKEEPING = ['dihya_audit', 'dihya_history', 'dihya_version'];
const EXAMPLE_TABLES = ['business_templates', 'content_translations', ...BOOKKEEPING, 'health_records', 'legal_cases', 'locales', 'roles', 'users'];

/** The rows the example's revisions put in the database. */
function contents(url: string) {
  return withDatabase(url, async (query) => ({
    roles: (await query<{ id: number; name: string }>('SELECT id, name FROM roles ORDER BY id')).map((r) => [Number(r.id), r.name]),
    templates: (await query<{ id: number; category: string; version: number }>('SELECT id, category, version FROM business_templates ORDER BY id'))
      .map((r) => [Number(r.id), r.category, Number(r.version)]),
    locales: (await query<{ code: string }>('SELECT code FROM locales ORDER BY code')).map((r) => r.code),
  }));
}

describe('offline SQL', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('the printed script, applied by hand, gives what a live upgrade gives', async () => {
        const offline = await pool.fresh();
        const live = await pool.fresh();
        const dir = copyExample();
        const run = cliFor(dir, offline.url);

        const printed = await run('upgrade', '--sql');
        assert.equal(printed.status, 0, printed.stderr);
        assert.match(printed.stdout, new RegExp(`^-- dihya-migrate: offline SQL for ${kind === 'pglite' ? 'postgres' : kind}`));
        assert.match(printed.stdout, /-- Upgrade a1c3e5f7b9d1: users and roles\nBEGIN;/);
        assert.match(printed.stdout, new RegExp(`INSERT INTO dihya_version \\(revision\\) VALUES \\('${HEAD}'\\);\\n[^\\n]*\\nCOMMIT;\\s*$`));
        assert.deepEqual((await databaseState(offline.url)).tables, [], 'upgrade --sql wrote to the database');
        const asJson = await run('upgrade', '--sql', '--json');
        // MySQL quotes names with backticks, the others with double quotes.
        assert.match(JSON.parse(asJson.stdout).sql, kind === 'mysql' ? /CREATE TABLE `business_templates`/ : /CREATE TABLE "business_templates"/);

        await runSqlScript(offline.url, printed.stdout);
        const liveRun = await cliFor(dir, live.url)('upgrade');
        assert.equal(liveRun.status, 0, liveRun.stderr);

        const [byHand, byTool] = [await databaseState(offline.url), await databaseState(live.url)];
        assert.deepEqual(byHand.tables, EXAMPLE_TABLES);
        assert.deepEqual(byHand.tables, byTool.tables);
        assert.deepEqual(byHand.version, [HEAD]);
        assert.deepEqual(byHand.history, byTool.history);
        const rows = await contents(offline.url);
        assert.deepEqual(rows, await contents(live.url));
        assert.deepEqual(rows.roles, [[1, 'admin'], [2, 'member'], [3, 'practitioner'], [4, 'lawyer']]);
        assert.deepEqual(rows.templates, [[1, 'regulated', 2], [2, 'regulated', 2], [3, 'general', 2]]);

        // The tool reads the hand-applied database like one it migrated itself.
        assert.deepEqual(JSON.parse((await run('current', '--json')).stdout), { heads: [HEAD] });
        const validate = await run('validate');
        assert.equal(validate.status, 0, validate.stdout + validate.stderr);

        const down = await run('downgrade', '--sql', 'heads:base');
        assert.equal(down.status, 0, down.stderr);
        assert.match(down.stdout, /-- Downgrade c9e1a3b5d7f9: business templates gain a version and a category/);
        assert.deepEqual((await databaseState(offline.url)).tables, EXAMPLE_TABLES, 'downgrade --sql wrote to the database');
        await runSqlScript(offline.url, down.stdout);
        const after = await databaseState(offline.url);
        assert.deepEqual(after.tables, BOOKKEEPING);
        assert.deepEqual(after.version, []);
        assert.deepEqual(after.history, []);
      });

      test('a range prints only its revisions, and a downgrade needs START:TARGET', async () => {
        const db = await pool.fresh();
        const run = cliFor(copyExample(), db.url);
        const range = await run('upgrade', '--sql', 'a1c3e5f7b9d1:b2d4f6a8c0e2');
        assert.equal(range.status, 0, range.stderr);
        assert.deepEqual([...range.stdout.matchAll(/^-- (Upgrade|Downgrade) (\w+)/gm)].map((m) => m[2]), ['b2d4f6a8c0e2']);
        assert.match(range.stdout, kind === 'mysql' ? /ADD COLUMN `is_rgpd_deleted`/ : /ADD COLUMN "is_rgpd_deleted"/);

        const bare = await run('downgrade', '--sql', 'base');
        assert.equal(bare.status, 2, bare.stderr);
        const lines = stderrLines(bare);
        assert.equal(lines.length, 1, bare.stderr);
        assert.match(lines[0]!, /START:TARGET.*heads:base/);
        assert.deepEqual((await databaseState(db.url)).tables, []);
      });
    });
  }
});

test('offline SQL for PostgreSQL needs no reachable server', () => {
  const r = dihya(copyExample(), ['upgrade', '--sql', '--url', 'postgres://dba:s3cret@127.0.0.1:1/prod']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^-- dihya-migrate: offline SQL for postgres/);
  assert.match(r.stdout, new RegExp(`INSERT INTO dihya_version \\(revision\\) VALUES \\('${HEAD}'\\);`));
  assert.doesNotMatch(r.stdout + r.stderr, /s3cret/);
});
