/**
 * CREATE INDEX CONCURRENTLY on PostgreSQL and PGlite: it runs outside the revision's transaction
 * with lock_timeout, a lock timeout is retried (the invalid index a failed build leaves is dropped
 * first), a revision mixing it with ordinary DDL applies whole with its history and audit rows, and
 * a failure after it says which statements stayed committed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { cliFor, json, tempProject, tsRevision, write } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState, queryDatabase, withDatabase } from '../support/databases.js';

const ITEMS = tsRevision({
  id: 'cccc00000001', down: null, message: 'items',
  up: "op.createTable('items', { id: { type: 'integer', primaryKey: true }, name: { type: 'text' } }); op.bulkInsert('items', [{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);",
  down_: "op.dropTable('items');",
});

/** The indexes of a table with their validity, as PostgreSQL's catalogue has them. */
const INDEXES_SQL = `SELECT i.relname AS name, x.indisvalid AS valid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
  WHERE x.indrelid = to_regclass($1) AND NOT x.indisprimary ORDER BY i.relname`;

function project(files: Record<string, string>, lockTimeout?: string): string {
  const dir = tempProject();
  const session = lockTimeout ? `session: { lockTimeout: '${lockTimeout}' },` : '';
  write(join(dir, 'migrations', 'env.ts'), `import { defineConfig } from 'dihya-migrate';\nexport default defineConfig({ ${session} log: { file: 'steps.log' } });\n`);
  for (const [name, text] of Object.entries(files)) write(join(dir, 'migrations', 'versions', name), text);
  return dir;
}

if (process.env.DIHYA_TEST_PG_URL) {
  describe('a concurrent index build that meets a lock', () => {
    const pool = databasePool('postgres');
    after(() => pool.dropAll());

    test('times out, drops the invalid index it left, and succeeds on a retry once the lock is gone', async () => {
      const db = await pool.fresh();
      const dir = project({
        'a_items.ts': ITEMS,
        'b_index.ts': tsRevision({
          id: 'cccc00000002', down: 'cccc00000001', message: 'index items by name',
          up: "op.createIndex('items', ['name'], { name: 'items_name_idx', concurrently: true });",
          down_: "op.dropIndex('items_name_idx');",
        }),
      }, '500ms');
      const run = cliFor(dir, db.url);
      assert.equal((await run('upgrade', 'cccc00000001')).status, 0);

      // An open transaction that wrote to the table: a concurrent build waits for it to end.
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query("INSERT INTO items VALUES (3, 'c')");
      const started = Date.now();
      const upgrade = run('upgrade', '--json');
      // The first attempt registers the index, then times out waiting for the writer: an invalid
      // index stays until the runner drops it.
      let leftInvalid = false;
      while (!leftInvalid && Date.now() - started < 20_000) {
        const indexes = await queryDatabase<{ name: string; valid: boolean }>(db.url, INDEXES_SQL, ['items']);
        assert.ok(indexes.every((i) => !i.valid), `no valid index while the lock is held: ${JSON.stringify(indexes)}`);
        leftInvalid = indexes.some((i) => i.name === 'items_name_idx');
        if (!leftInvalid) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(leftInvalid, 'the first attempt left an invalid index behind');
      await new Promise((r) => setTimeout(r, 1_000));
      const heldMs = Date.now() - started;
      await holder.query('COMMIT');
      await holder.end();

      const r = await upgrade;
      assert.equal(r.status, 0, r.stderr);
      assert.ok(Date.now() - started >= heldMs, 'the upgrade finished only after the lock was released');
      assert.deepEqual(json(r).heads, ['cccc00000002']);
      assert.deepEqual(await queryDatabase(db.url, INDEXES_SQL, ['items']), [{ name: 'items_name_idx', valid: true }]);
      assert.deepEqual(await queryDatabase(db.url, 'SELECT count(*)::int AS n FROM pg_index WHERE NOT indisvalid'), [{ n: 0 }]);

      const log = readFileSync(join(dir, 'steps.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; revision: string; attempt?: number; msg: string });
      const retries = log.filter((l) => l.event === 'lock-retry');
      assert.ok(retries.length >= 1, `the first attempt timed out and was retried: ${JSON.stringify(log)}`);
      assert.equal(retries[0]!.revision, 'cccc00000002');
      assert.equal(retries[0]!.attempt, 2);
      assert.match(retries[0]!.msg, /lock timeout/);
      assert.deepEqual(log.filter((l) => l.event === 'upgrade').map((l) => l.revision), ['cccc00000001', 'cccc00000002']);
    });
  });
}

for (const kind of databaseKinds().filter((k) => k === 'postgres' || k === 'pglite')) {
  describe(`concurrent indexes beside ordinary DDL on ${kind}`, () => {
    const pool = databasePool(kind);
    after(() => pool.dropAll());

    test('a revision mixing them applies whole, with its history and audit rows, and downgrades', async () => {
      const db = await pool.fresh();
      const dir = project({
        'a_items.ts': ITEMS,
        'b_orders.ts': tsRevision({
          id: 'cccc00000002', down: 'cccc00000001', message: 'orders with concurrent indexes',
          up: `op.createTable('orders', { id: { type: 'integer', primaryKey: true }, item_id: { type: 'integer' } });
               op.createIndex('items', ['name'], { name: 'items_name_idx', concurrently: true });
               op.addColumn('items', 'price', { type: 'integer' });
               op.execute('CREATE INDEX CONCURRENTLY orders_item_idx ON orders (item_id)');
               op.bulkInsert('orders', [{ id: 1, item_id: 1 }]);`,
          down_: "op.dropIndex('items_name_idx'); op.dropColumn('items', 'price'); op.dropTable('orders');",
        }),
        'c_raw.sql': [
          '-- dihya:revision cccc00000003', '-- dihya:down-revision cccc00000002', '-- dihya:message raw concurrent index',
          '-- dihya:up', "-- by price, without blocking writes\nCREATE INDEX CONCURRENTLY items_price_idx ON items (price);",
          '-- dihya:down', 'DROP INDEX CONCURRENTLY items_price_idx;', '',
        ].join('\n'),
      });
      const run = cliFor(dir, db.url);
      const up = await run('upgrade');
      assert.equal(up.status, 0, up.stderr);
      const state = await databaseState(db.url);
      assert.deepEqual(state.version, ['cccc00000003']);
      assert.deepEqual(state.history, ['cccc00000001', 'cccc00000002', 'cccc00000003']);
      assert.deepEqual(state.audit.map((a) => [a.event, a.revision]), [['upgrade', 'cccc00000001'], ['upgrade', 'cccc00000002'], ['upgrade', 'cccc00000003']]);
      const indexes = await withDatabase(db.url, async (q) => ({
        items: await q(INDEXES_SQL, ['items']),
        orders: await q(INDEXES_SQL, ['orders']),
        rows: await q('SELECT id, item_id FROM orders'),
      }));
      assert.deepEqual(indexes.items, [{ name: 'items_name_idx', valid: true }, { name: 'items_price_idx', valid: true }]);
      assert.deepEqual(indexes.orders, [{ name: 'orders_item_idx', valid: true }]);
      assert.deepEqual(indexes.rows, [{ id: 1, item_id: 1 }]);

      const down = await run('downgrade', 'cccc00000001');
      assert.equal(down.status, 0, down.stderr);
      assert.deepEqual(await queryDatabase(db.url, INDEXES_SQL, ['items']), []);
      assert.deepEqual((await databaseState(db.url)).tables, ['dihya_audit', 'dihya_history', 'dihya_version', 'items']);
    });

    test('--transaction all refuses a concurrent build before anything commits', async () => {
      const db = await pool.fresh();
      const dir = project({
        'a_items.ts': ITEMS,
        'b_index.ts': tsRevision({
          id: 'cccc00000002', down: 'cccc00000001',
          up: "op.createIndex('items', ['name'], { name: 'items_name_idx', concurrently: true });",
          down_: "op.dropIndex('items_name_idx');",
        }),
      });
      const r = await cliFor(dir, db.url)('upgrade', '--transaction', 'all');
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /revision cccc00000002 failed at statement 1 \(CREATE INDEX CONCURRENTLY .*\): it cannot run inside a transaction, .*use --transaction per-revision/);
      const state = await databaseState(db.url);
      assert.deepEqual(state.version, []);
      assert.ok(!state.tables.includes('items'), 'the revision before it rolled back with the whole run');
    });

    test('a failure after a concurrent build says which statements stayed committed', async () => {
      const db = await pool.fresh();
      const dir = project({
        'a_items.ts': ITEMS,
        'b_broken.ts': tsRevision({
          id: 'cccc00000002', down: 'cccc00000001', message: 'broken after the index',
          up: `op.createTable('orders', { id: { type: 'integer', primaryKey: true } });
               op.createIndex('items', ['name'], { name: 'items_name_idx', concurrently: true });
               op.addColumn('items', 'price', { type: 'integer' });
               op.execute('INSERT INTO no_such_table VALUES (1)');`,
          down_: "op.dropTable('orders');",
        }),
      });
      const run = cliFor(dir, db.url);
      const r = await run('upgrade');
      assert.equal(r.status, 1, r.stderr);
      const line = r.stderr.split('\n').find((l) => l.startsWith('dihya:'))!;
      assert.match(line, /revision cccc00000002 failed at statement 4 \(INSERT INTO no_such_table VALUES \(1\)\)/);
      assert.match(line, /statements 1 to 2 stayed committed/);
      assert.match(line, /dihya stamp cccc00000002/);
      assert.doesNotMatch(line, /was rolled back/);
      const state = await databaseState(db.url);
      assert.deepEqual(state.version, ['cccc00000001'], 'the revision is not recorded as applied');
      assert.ok(state.tables.includes('orders'), 'the statement before the concurrent build stayed');
      assert.deepEqual(await queryDatabase(db.url, INDEXES_SQL, ['items']), [{ name: 'items_name_idx', valid: true }]);
      const columns = await queryDatabase<{ name: string }>(db.url, "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'items' ORDER BY column_name");
      assert.deepEqual(columns.map((c) => c.name), ['id', 'name'], 'the statement after it rolled back');
      assert.equal(state.audit.at(-1)!.event, 'failure');
    });
  });
}
