/**
 * `dihya test`: every revision of the example project upgrades, downgrades back to the same schema
 * and upgrades again on a throwaway database of each kind; a down() that forgets an index is caught
 * and named; data tests run around their revision; the throwaway database is gone afterwards, also
 * after a failure or Ctrl-C, and the project's own database is never written.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, copyExample, dihyaAsync, json, ROOT, tempProject, tsRevision, write, type CliResult } from '../support/cli.js';
import { databaseKinds, databasePool, queryDatabase, tableNames, type DatabaseKind } from '../support/databases.js';
import { withMysql } from '../support/mysql-databases.js';

const ORDER = ['a1c3e5f7b9d1', 'b2d4f6a8c0e2', 'd4f6b8c0e2a4', 'c3e5a7b9d1f3', 'e5a7c9d1f3b5', 'f6b8d0e2a4c6', 'a7c9e1f3b5d7', 'b8d0f2a4c6e8', 'c9e1a3b5d7f9'];
const VERSIONS = (dir: string) => join(dir, 'migrations', 'versions');
const RGPD_REVISION = '20260112_1000_b2d4f6a8c0e2_add_is_rgpd_deleted_to_users';

/** A revision on top of the example's head whose down() forgets to drop the index its up() makes. */
const FORGETS_INDEX = tsRevision({
  id: 'dddd00000001', down: 'c9e1a3b5d7f9', message: 'index display names',
  up: "op.createIndex('users', ['display_name'], { name: 'users_display_name_idx' });",
  down_: '',
});

/** The data test of the migrations README, as a user copies it. */
function readmeDataTest(): string {
  const readme = readFileSync(join(ROOT, 'templates', 'migrations-README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Data tests'));
  return /```ts\n([\s\S]*?)```/.exec(section)![1]!;
}

/** True while the throwaway database a report names still exists. */
async function scratchExists(kind: DatabaseKind, scratch: string): Promise<boolean> {
  if (kind === 'sqlite') return existsSync(scratch.slice('sqlite:'.length));
  if (kind === 'pglite') return false;
  const name = new URL(scratch).pathname.slice(1);
  if (kind === 'postgres') return (await queryDatabase(process.env.DIHYA_TEST_PG_URL!, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  return withMysql(process.env.DIHYA_TEST_MYSQL_URL!, async (q) => (await q('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name])).length > 0);
}

function report(r: CliResult): { ok: boolean; database: string; scratch: string; revisions: any[]; notReached: string[] } {
  return json(r);
}

for (const kind of databaseKinds()) {
  describe(`dihya test on ${kind}`, { concurrency: 1 }, () => {
    const pool = databasePool(kind);
    after(() => pool.dropAll());

    test('the example project passes, on a throwaway database that is gone afterwards', async () => {
      const db = await pool.fresh();
      const r = await cliFor(copyExample(), db.url)('test', '--json');
      assert.equal(r.status, 0, r.stderr);
      const out = report(r);
      assert.equal(out.ok, true);
      assert.equal(out.database, kind);
      assert.deepEqual(out.revisions.map((x) => x.revision), ORDER, 'every revision, parents first');
      for (const x of out.revisions) {
        assert.deepEqual([x.up, x.down, x.differences, x.dataTest, x.trace], ['ok', 'ok', [], 'none', []], x.revision);
      }
      assert.equal(await scratchExists(kind, out.scratch), false, `${out.scratch} was removed`);
      assert.deepEqual(await tableNames(db.url), [], "the project's own database was not written");
    });

    if (kind !== 'pglite') {
      test('a down() that forgets an index is named with the difference, exit 3', async () => {
        const db = await pool.fresh();
        const dir = copyExample();
        write(join(VERSIONS(dir), '20260401_0900_dddd00000001_index_display_names.ts'), FORGETS_INDEX);
        const run = cliFor(dir, db.url);
        const r = await run('test', '--json');
        assert.equal(r.status, 3, r.stderr);
        const out = report(r);
        assert.equal(out.ok, false);
        const bad = out.revisions.find((x) => x.revision === 'dddd00000001');
        assert.deepEqual(bad.differences.map((d: any) => [d.object, d.change]), [['index users_display_name_idx on users', 'unexpected']]);
        assert.equal(bad.down, 'ok');
        assert.ok(out.revisions.filter((x) => x.revision !== 'dddd00000001').every((x) => x.differences.length === 0), 'only that revision is reported');
        assert.equal(await scratchExists(kind, out.scratch), false, 'removed after a failed test too');

        if (kind !== 'sqlite') return;
        const text = await run('test');
        assert.equal(text.status, 3);
        assert.match(text.stdout, /not restored\s+dddd00000001 {2}index display names\n\s+unexpected index users_display_name_idx on users/);
      });
    }

    test('a data test seeds rows before its revision and checks them after the upgrade and the downgrade', async () => {
      const db = await pool.fresh();
      const dir = copyExample();
      write(join(VERSIONS(dir), `${RGPD_REVISION}.data-test.ts`), readmeDataTest());
      const r = await cliFor(dir, db.url)('test', '--json');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const out = report(r);
      assert.equal(out.revisions.length, ORDER.length, 'the data test file is not taken for a revision');
      assert.deepEqual(out.revisions.map((x) => x.dataTest), ORDER.map((id) => (id === 'b2d4f6a8c0e2' ? 'passed' : 'none')));
    });

    test('a data test whose assertion fails names the revision, the phase and the message, exit 3', async () => {
      const db = await pool.fresh();
      const dir = copyExample();
      const wrong = readmeDataTest().replace("[false], 'existing users are not marked deleted'", "[true], 'existing users are not marked deleted'");
      assert.notEqual(wrong, readmeDataTest());
      write(join(VERSIONS(dir), `${RGPD_REVISION}.data-test.ts`), wrong);
      const run = cliFor(dir, db.url);
      const r = await run('test', '--json');
      assert.equal(r.status, 3, r.stderr);
      const out = report(r);
      const failed = out.revisions.find((x) => x.revision === 'b2d4f6a8c0e2');
      assert.equal(failed.dataTest, 'failed');
      assert.deepEqual(failed.dataTestFailures.map((f: any) => f.phase), ['afterUpgrade']);
      assert.match(failed.dataTestFailures[0].message, /existing users are not marked deleted/);
      assert.deepEqual([failed.up, failed.down, failed.differences], ['ok', 'ok', []]);
      assert.equal(await scratchExists(kind, out.scratch), false);
      if (kind !== 'sqlite') return;
      const text = await run('test');
      assert.match(text.stdout, /data failed\s+b2d4f6a8c0e2 .*\n\s+data test failed after the upgrade: existing users are not marked deleted/);
    });
  });
}

describe('dihya test, what it refuses and how it ends', () => {
  test('a data test named after no revision file is bad input, exit 2', async () => {
    const dir = copyExample();
    write(join(VERSIONS(dir), '20260112_1000_b2d4f6a8c0e2_add_is_rgpd_deleted.data-test.ts'), readmeDataTest());
    const r = await dihyaAsync(dir, ['test']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /add_is_rgpd_deleted\.data-test\.ts: no revision file 20260112_1000_b2d4f6a8c0e2_add_is_rgpd_deleted\.ts or 20260112_1000_b2d4f6a8c0e2_add_is_rgpd_deleted\.sql beside it/);
  });

  test('--trace needs PostgreSQL or PGlite', async () => {
    const r = await dihyaAsync(copyExample(), ['test', '--trace', '--url', 'sqlite:./app.db']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /pg_locks.*leave out --trace/);
  });

  for (const kind of databaseKinds().filter((k) => k !== 'pglite')) {
    test(`Ctrl-C during the walk removes the throwaway ${kind} database`, async () => {
      const pool = databasePool(kind);
      const db = await pool.fresh();
      try {
        const dir = copyExample();
        const marker = join(dir, 'scratch.txt');
        const where = kind === 'sqlite' ? "(await db.query<{ file: string }>('PRAGMA database_list'))[0]!.file"
          : kind === 'postgres' ? "(await db.query<{ d: string }>('SELECT current_database() AS d'))[0]!.d"
            : "(await db.query<{ d: string }>('SELECT DATABASE() AS d'))[0]!.d";
        write(join(VERSIONS(dir), `${RGPD_REVISION}.data-test.ts`), `import { writeFileSync } from 'node:fs';
import { defineRevisionTest } from 'dihya-migrate';
export default defineRevisionTest({
  async before(db) {
    writeFileSync(${JSON.stringify(marker)}, String(${where}));
    await new Promise((r) => setTimeout(r, 60_000));
  },
});
`);
        const child = dihyaAsync(dir, ['test', '--url', db.url]);
        const started = Date.now();
        while (!existsSync(marker) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
        await new Promise((r) => setTimeout(r, 100));
        const name = readFileSync(marker, 'utf8');
        const scratch = kind === 'sqlite' ? `sqlite:${name}` : `${kind}://host/${name}`;
        assert.ok(await scratchExists(kind, scratch), `the throwaway database ${name} exists during the walk`);
        child.kill('SIGINT');
        const r = await child;
        assert.notEqual(r.status, 0, 'an interrupted walk does not report success');
        assert.equal(await scratchExists(kind, scratch), false, `${name} is gone after Ctrl-C`);
      } finally {
        await pool.dropAll();
      }
    });
  }
});

if (databaseKinds().includes('postgres') || databaseKinds().includes('pglite')) {
  describe('dihya test --trace', () => {
    const kinds = databaseKinds().filter((k) => k === 'postgres' || k === 'pglite');
    for (const kind of kinds) {
      test(`records each statement's locks and rewrites on ${kind}`, async () => {
        const pool = databasePool(kind);
        const db = await pool.fresh();
        try {
          const dir = tempProject();
          write(join(VERSIONS(dir), 'a.ts'), tsRevision({
            id: 'eeee00000001', down: null,
            up: "op.createTable('accounts', { id: { type: 'integer', primaryKey: true }, balance: { type: 'integer' } });",
            down_: "op.dropTable('accounts');",
          }));
          write(join(VERSIONS(dir), 'b.ts'), tsRevision({
            id: 'eeee00000002', down: 'eeee00000001',
            up: "op.addColumn('accounts', 'note', { type: 'text' }); op.alterColumn('accounts', 'balance', { type: 'bigint' }); op.createIndex('accounts', ['note'], { name: 'accounts_note_idx', concurrently: true });",
            down_: "op.dropIndex('accounts_note_idx'); op.alterColumn('accounts', 'balance', { type: 'integer' }); op.dropColumn('accounts', 'note');",
          }));
          const r = await cliFor(dir, db.url)('test', '--trace', '--json');
          assert.equal(r.status, 0, r.stdout + r.stderr);
          const trace = report(r).revisions[1].trace as Array<{ direction: string; statement: string; locks: any[]; rewrites: string[]; outsideTransaction: boolean }>;
          const up = trace.filter((t) => t.direction === 'up');
          assert.deepEqual(up.map((t) => [t.statement.split(' ').slice(0, 3).join(' '), t.rewrites, t.outsideTransaction]), [
            ['ALTER TABLE "accounts"', [], false],
            ['ALTER TABLE "accounts"', ['accounts'], false],
            ['CREATE INDEX CONCURRENTLY', [], true],
          ]);
          assert.deepEqual(up[0]!.locks, [{ table: 'accounts', mode: 'AccessExclusiveLock' }], 'adding a nullable column takes the table lock, rewrites nothing');
          assert.match(up[1]!.statement, /TYPE bigint/);
          assert.deepEqual(trace.filter((t) => t.direction === 'down').map((t) => t.rewrites), [[], ['accounts'], []]);

          if (kind !== kinds.at(-1)) return;
          const text = await cliFor(dir, db.url)('test', '--trace');
          assert.match(text.stdout, /up {3}ALTER TABLE "accounts" ALTER COLUMN "balance" TYPE bigint.*\n\s+no new lock; the transaction holds AccessExclusiveLock on accounts; rewrote accounts/);
        } finally {
          await pool.dropAll();
        }
      });
    }
  });
}
