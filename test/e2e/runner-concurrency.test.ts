/**
 * Several processes running `upgrade` at once apply each revision exactly once and all exit 0;
 * on PostgreSQL a runner killed with SIGKILL leaves no stale lock behind.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dihya, dihyaAsync, json, tempProject, tsRevision, write } from '../support/cli.js';
import { databaseKinds, freshDatabase, queryDatabase, type TestDatabase } from '../support/databases.js';

function chainProject(count: number, extraUp = ''): string {
  const dir = tempProject();
  for (let i = 0; i < count; i++) {
    const id = `dddd${String(i).padStart(8, '0')}`;
    const down = i === 0 ? null : `dddd${String(i - 1).padStart(8, '0')}`;
    write(join(dir, 'migrations', 'versions', `${id}.ts`), tsRevision({
      id, down, up: `op.createTable('t${i}', { id: { type: 'integer', primaryKey: true } }); ${i === 0 ? extraUp : ''}`, down_: `op.dropTable('t${i}');`,
    }));
  }
  return dir;
}

for (const kind of databaseKinds()) {
  describe(`concurrent runners on ${kind}`, () => {
    const dbs: TestDatabase[] = [];
    after(async () => {
      for (const db of dbs) await db.drop();
    });

    test('six concurrent upgrades apply each revision once', async () => {
      const db = await freshDatabase(kind);
      dbs.push(db);
      const dir = chainProject(8);
      // Compile the revisions once so the six processes race on the database, not on the cache.
      assert.equal(dihya(dir, ['heads', '--url', 'sqlite::memory:']).status, 0);
      const runs = await Promise.all(Array.from({ length: 6 }, () => dihyaAsync(dir, ['upgrade', '--url', db.url])));
      for (const r of runs) assert.equal(r.status, 0, r.stderr);
      const history = await queryDatabase<{ n: number | string }>(db.url, 'SELECT COUNT(*) AS n FROM dihya_history');
      assert.equal(Number(history[0]!.n), 8);
      const upgrades = await queryDatabase<{ revision: string; n: number | string }>(
        db.url, "SELECT revision, COUNT(*) AS n FROM dihya_audit WHERE event = 'upgrade' GROUP BY revision");
      assert.equal(upgrades.length, 8);
      assert.ok(upgrades.every((u) => Number(u.n) === 1), JSON.stringify(upgrades));
      assert.deepEqual(json(dihya(dir, ['current', '--json', '--url', db.url])), { heads: ['dddd00000007'] });
      assert.equal(dihya(dir, ['audit', 'verify', '--url', db.url]).status, 0);
    });
  });
}

if (process.env.DIHYA_TEST_PG_URL) {
  describe('a killed runner on postgres', () => {
    test('leaves no stale lock: the next upgrade proceeds at once', async () => {
      const db = await freshDatabase('postgres');
      try {
        const dir = chainProject(2, "op.execute('SELECT pg_sleep(5)');");
        assert.equal(dihya(dir, ['heads', '--url', 'sqlite::memory:']).status, 0);
        const victim = dihyaAsync(dir, ['upgrade', '--url', db.url]);
        // Wait until the victim holds the advisory lock, then kill it without a chance to clean up.
        const deadline = Date.now() + 20_000;
        for (;;) {
          const locks = await queryDatabase<{ n: string }>(db.url, "SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory'");
          if (Number(locks[0]!.n) > 0) break;
          assert.ok(Date.now() < deadline, 'the runner never took its lock');
          await new Promise((r) => setTimeout(r, 100));
        }
        victim.kill('SIGKILL');
        await victim;
        const started = Date.now();
        const r = dihya(dir, ['upgrade', '--url', db.url]);
        assert.equal(r.status, 0, r.stderr);
        assert.ok(Date.now() - started < 60_000);
        assert.deepEqual(json(dihya(dir, ['current', '--json', '--url', db.url])), { heads: ['dddd00000001'] });
      } finally {
        await db.drop();
      }
    });
  });
}
