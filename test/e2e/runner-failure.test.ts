/**
 * A failing revision rolls back to the state the previous revision left, exits 1, names the
 * revision, the statement and the database's error, and is recorded as a failure in the audit.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dihya, json, tempProject, tsRevision, write } from '../support/cli.js';
import { databaseKinds, freshDatabase, queryDatabase, tableNames, type TestDatabase } from '../support/databases.js';

for (const kind of databaseKinds()) {
  describe(`failure and rollback on ${kind}`, () => {
    const dbs: TestDatabase[] = [];
    after(async () => {
      for (const db of dbs) await db.drop();
    });

    function project(): string {
      const dir = tempProject();
      const v = join(dir, 'migrations', 'versions');
      write(join(v, 'a_first.ts'), tsRevision({ id: 'aaaa00000001', down: null, up: "op.createTable('accounts', { id: { type: 'integer', primaryKey: true }, name: { type: 'text' } }); op.bulkInsert('accounts', [{ id: 1, name: 'kept' }]);", down_: "op.dropTable('accounts');" }));
      write(join(v, 'b_second.ts'), tsRevision({
        id: 'bbbb00000002', down: 'aaaa00000001',
        up: "op.createTable('orders', { id: { type: 'integer', primaryKey: true } }); op.addColumn('accounts', 'email', { type: 'text' }); op.execute('INSERT INTO no_such_table VALUES (1)');",
        down_: "op.dropTable('orders');",
      }));
      return dir;
    }

    test('the failing revision is rolled back and the previous one stays', async () => {
      const db = await freshDatabase(kind);
      dbs.push(db);
      const dir = project();
      const r = dihya(dir, ['upgrade', '--url', db.url]);
      assert.equal(r.status, 1, r.stderr);
      // Progress lines for the revisions that succeeded come first; the error is one line.
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('dihya:'));
      assert.equal(errors.length, 1, `one error line expected, got: ${r.stderr}`);
      const line = errors[0]!;
      assert.match(line, /bbbb00000002/);
      assert.match(line, /statement 3/);
      assert.match(line, /no_such_table/);
      assert.doesNotMatch(line, /\n\s+at /);
      const tables = await tableNames(db.url);
      assert.ok(tables.includes('accounts'));
      const cols = kind === 'sqlite'
        ? (await queryDatabase<{ name: string }>(db.url, "SELECT name FROM pragma_table_info('accounts')")).map((c) => c.name)
        : (await queryDatabase<{ name: string }>(db.url, "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'accounts'")).map((c) => c.name);
      if (kind === 'mysql') {
        // MySQL commits each DDL statement: the two that ran stay, and the error says so and how to
        // settle it (test/e2e/mysql-journal.test.ts follows that through).
        assert.match(line, /statements 1 \(.*\), 2 \(.*\) completed and stayed/);
        assert.match(line, /dihya resolve bbbb00000002 --rolled-back/);
        assert.ok(tables.includes('orders') && cols.includes('email'));
      } else {
        assert.ok(!tables.includes('orders'), 'the failing revision created a table that should have been rolled back');
        assert.ok(!cols.includes('email'));
      }
      assert.deepEqual(await queryDatabase(db.url, 'SELECT name FROM accounts'), [{ name: 'kept' }]);
      assert.deepEqual(json(dihya(dir, ['current', '--json', '--url', db.url])), { heads: ['aaaa00000001'] });
      const events = json(dihya(dir, ['audit', '--json', '--url', db.url])).events as Array<{ event: string; revision: string }>;
      assert.deepEqual(events.map((e) => [e.event, e.revision]), [['upgrade', 'aaaa00000001'], ['failure', 'bbbb00000002']]);
      assert.equal(dihya(dir, ['audit', 'verify', '--url', db.url]).status, 0);
    });

    test('--transaction all rolls back the whole run', async () => {
      const db = await freshDatabase(kind);
      dbs.push(db);
      const dir = project();
      const r = dihya(dir, ['upgrade', '--transaction', 'all', '--url', db.url]);
      // MySQL cannot roll DDL back, so it refuses the mode before running anything.
      assert.equal(r.status, kind === 'mysql' ? 2 : 1, r.stderr);
      assert.ok(!(await tableNames(db.url)).includes('accounts'));
      assert.deepEqual(json(dihya(dir, ['current', '--json', '--url', db.url])), { heads: [] });
    });

    test('a bound value never appears in the error message', async () => {
      const db = await freshDatabase(kind);
      dbs.push(db);
      const dir = tempProject();
      write(join(dir, 'migrations', 'versions', 'a.ts'), tsRevision({
        id: 'cccc00000001', down: null,
        up: "op.createTable('people', { id: { type: 'integer', primaryKey: true }, email: { type: 'text', unique: true } }); op.bulkInsert('people', [{ id: 1, email: 'jeanne.secret@exemple.fr' }, { id: 2, email: 'jeanne.secret@exemple.fr' }]);",
      }));
      const r = dihya(dir, ['upgrade', '--url', db.url]);
      assert.equal(r.status, 1);
      assert.doesNotMatch(r.stderr + r.stdout, /jeanne\.secret/);
      const audit = JSON.stringify(json(dihya(dir, ['audit', '--json', '--url', db.url])));
      assert.doesNotMatch(audit, /jeanne\.secret/);
    });

    if (kind !== 'mysql') {
      test('a revision whose bookkeeping is refused leaves nothing of itself', async () => {
        const db = await freshDatabase(kind);
        dbs.push(db);
        const dir = tempProject();
        const v = join(dir, 'migrations', 'versions');
        write(join(v, 'a_first.ts'), tsRevision({ id: 'cccc00000001', down: null, up: "op.createTable('accounts', { id: { type: 'integer', primaryKey: true } });", down_: "op.dropTable('accounts');" }));
        assert.equal(dihya(dir, ['upgrade', '--url', db.url]).status, 0);
        write(join(v, 'b_second.ts'), tsRevision({ id: 'cccc00000002', down: 'cccc00000001', up: "op.createTable('invoices', { id: { type: 'integer', primaryKey: true } });", down_: "op.dropTable('invoices');" }));
        // The history row of the next revision is refused by the database itself.
        if (kind === 'sqlite') {
          await queryDatabase(db.url, "CREATE TRIGGER refuse BEFORE INSERT ON dihya_history BEGIN SELECT RAISE(ABORT, 'history refused'); END");
        } else {
          await queryDatabase(db.url, "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history refused'; END $$");
          await queryDatabase(db.url, 'CREATE TRIGGER refuse BEFORE INSERT ON dihya_history FOR EACH ROW EXECUTE FUNCTION refuse()');
        }
        const r = dihya(dir, ['upgrade', '--url', db.url]);
        assert.equal(r.status, 1, r.stderr);
        assert.match(r.stderr, /history refused/);
        assert.doesNotMatch(r.stderr, /\n\s+at /);
        assert.ok(!(await tableNames(db.url)).includes('invoices'), 'the revision committed without its bookkeeping');
        assert.deepEqual(json(dihya(dir, ['current', '--json', '--url', db.url])), { heads: ['cccc00000001'] });
      });
    }
  });
}
