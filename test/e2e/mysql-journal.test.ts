/**
 * MySQL and MariaDB commit each DDL statement, so a revision that fails midway cannot be rolled
 * back. The runner journals every completed statement, stops with a message that says what stayed
 * and the two ways out, refuses every upgrade and downgrade until `dihya resolve` settles it, and
 * records all of it in the audit trail. Also: data-only revisions still roll back, concurrent runners
 * apply each revision once, a killed runner leaves no lock but a visible trace, online DDL clauses,
 * and env.ts's lockWaitTimeout.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, dihyaAsync, json, projectWith, stderrLines, tsRevision, write, type CliResult } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState, withDatabase } from '../support/databases.js';

const R1 = 'j0000000001a';
const R2 = 'j0000000002b';
const R3 = 'j0000000003c';

const FAILING = "op.execute('INSERT INTO no_such_table VALUES (1)');";

function revisions(third = FAILING): Record<string, string> {
  return {
    '1.ts': tsRevision({
      id: R1, down: null,
      up: "op.createTable('accounts', { id: { type: 'integer', primaryKey: true }, name: { type: 'text' } }); op.bulkInsert('accounts', [{ id: 1, name: 'kept' }]);",
      down_: "op.dropTable('accounts');",
    }),
    '2.ts': tsRevision({
      id: R2, down: R1,
      up: `op.createTable('orders', { id: { type: 'integer', primaryKey: true } }); op.addColumn('accounts', 'email', { type: 'text' }); ${third}`,
      down_: "op.dropColumn('accounts', 'email'); op.dropTable('orders');",
    }),
    '3.ts': tsRevision({ id: R3, down: R2, up: "op.createTable('invoices', { id: { type: 'integer', primaryKey: true } });", down_: "op.dropTable('invoices');" }),
  };
}

/** The one `dihya:` error line of a failed command. */
function errorLine(r: CliResult): string {
  const lines = stderrLines(r).filter((l) => l.startsWith('dihya:'));
  assert.equal(lines.length, 1, `one error line expected, got: ${r.stderr}`);
  return lines[0]!;
}

function assertTwoWaysOut(line: string, revision: string): void {
  assert.match(line, new RegExp(`run \`dihya resolve ${revision} --rolled-back\``));
  assert.match(line, new RegExp(`run \`dihya resolve ${revision} --applied\``));
  assert.match(line, /until then every upgrade and downgrade refuses to run$/);
}

/** The statements `upgrade --sql` prints for one revision, as the server receives them. */
function printedStatements(sql: string, revision: string): string[] {
  const section = sql.split(`-- Upgrade ${revision}:`)[1]!.split('\nBEGIN;\n')[1]!.split('\nDELETE FROM dihya_version;')[0]!;
  return section.split(/;\n/).map((s) => s.replace(/;$/, ''));
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface JournalRow { revision: string; state: string; journal: string | null }

describe('MySQL URLs', () => {
  test('an unreachable server or a URL without a database is bad input, and the password never shows', async () => {
    const dir = projectWith(revisions());
    for (const [url, why] of [
      ['mysql://dba:s3cret@127.0.0.1:1/prod', /cannot connect to mysql:\/\/dba:\*\*\*@127\.0\.0\.1:1\/prod: connection refused/],
      ['mariadb://dba:s3cret@127.0.0.1:1', /bad database URL 'mariadb:\/\/dba:\*\*\*@127\.0\.0\.1:1': no database name/],
    ] as const) {
      const r = await cliFor(dir, url)('upgrade');
      assert.equal(r.status, 2, r.stderr);
      assert.match(errorLine(r), why);
      assert.doesNotMatch(r.stdout + r.stderr, /s3cret/);
    }
  });
});

if (databaseKinds().includes('mysql')) {
  describe('MySQL: revisions whose DDL cannot roll back', { concurrency: 2 }, () => {
    const pool = databasePool('mysql');
    after(() => pool.dropAll());

    test('a revision failing at its third statement is journaled, blocks every run, and `resolve --rolled-back` settles it', async () => {
      const db = await pool.fresh();
      const dir = projectWith(revisions());
      const run = cliFor(dir, db.url, { DIHYA_ACTOR: 'ops' });

      const failed = await run('upgrade');
      assert.equal(failed.status, 1, failed.stderr);
      const line = errorLine(failed);
      assert.match(line, new RegExp(`^dihya: revision ${R2} failed at statement 3 \\(INSERT INTO no_such_table VALUES \\(1\\)\\): Table '[^']*no_such_table' doesn't exist;`));
      assert.match(line, /statements 1 \(CREATE TABLE `orders`.*\), 2 \(ALTER TABLE `accounts` ADD COLUMN `email`.*\) completed and stayed/);
      assertTwoWaysOut(line, R2);

      // What stayed is in the database, and the journal says so statement by statement.
      const state = await databaseState(db.url);
      assert.ok(state.tables.includes('orders'));
      assert.deepEqual(state.version, [R1]);
      const journal = await withDatabase(db.url, (q) => q<JournalRow>('SELECT revision, state, journal FROM dihya_history ORDER BY revision'));
      assert.deepEqual(journal.map((r) => [r.revision, r.state]), [[R1, 'applied'], [R2, 'partial']]);
      assert.equal(journal[0]!.journal, null);
      const entry = JSON.parse(journal[1]!.journal!);
      const printed = printedStatements((await run('upgrade', '--sql', `${R1}:${R2}`)).stdout, R2);
      assert.deepEqual(entry.done.map((d: { statement: number; checksum: string }) => [d.statement, d.checksum]), [[1, sha256(printed[0]!)], [2, sha256(printed[1]!)]]);
      assert.deepEqual([entry.direction, entry.failed.statement], ['up', 3]);
      assert.match(entry.failed.error, /no_such_table/);
      const events = json(await run('audit', '--json')).events as Array<{ event: string; revision: string; details: Record<string, unknown> }>;
      assert.deepEqual(events.map((e) => [e.event, e.revision]), [['upgrade', R1], ['failure', R2]]);
      assert.deepEqual(events[1]!.details.completed, entry.done.map((d: { statement: number; checksum: string }) => ({ statement: d.statement, checksum: d.checksum })));
      assert.equal(events[1]!.details.halfApplied, true);

      // Every upgrade, downgrade and stamp refuses, with the same explanation, and changes nothing.
      for (const args of [['upgrade'], ['upgrade', R3], ['downgrade', 'base'], ['downgrade', '-1'], ['stamp', 'heads']]) {
        const refused = await run(...args);
        assert.equal(refused.status, 1, `dihya ${args.join(' ')}: ${refused.stderr}`);
        const why = errorLine(refused);
        assert.match(why, new RegExp(`^dihya: revision ${R2} is half-applied: its upgrade failed at statement 3 .*no_such_table.*; statements 1 \\(.*\\), 2 \\(.*\\) completed and stayed`));
        assertTwoWaysOut(why, R2);
      }
      assert.equal(json(await run('upgrade', '--json')).error.code, 'REVISION_HALF_APPLIED');
      assert.deepEqual(await databaseState(db.url), state);

      const noFlag = await run('resolve', R2);
      assert.equal(noFlag.status, 2, noFlag.stderr);
      assert.match(errorLine(noFlag), /exactly one of --rolled-back .* or --applied/);
      const wrongRevision = await run('resolve', R1, '--applied');
      assert.equal(wrongRevision.status, 2, wrongRevision.stderr);
      assert.match(errorLine(wrongRevision), new RegExp(`revision ${R1} is not half-applied.*the half-applied revision is ${R2}`));

      // The DBA undoes statements 2 and 1, then says so.
      await withDatabase(db.url, async (q) => {
        await q('ALTER TABLE accounts DROP COLUMN email');
        await q('DROP TABLE orders');
      });
      const resolved = await run('resolve', R2, '--rolled-back');
      assert.equal(resolved.status, 0, resolved.stderr);
      assert.match(resolved.stdout, new RegExp(`^Resolved ${R2}: its upgrade is recorded as undone, so the revision is not applied; the database is at ${R1}`));
      const settled = await databaseState(db.url);
      assert.deepEqual([settled.version, settled.history], [[R1], [R1]]);
      const resolveEvent = (json(await run('audit', '--json')).events as Array<{ event: string; revision: string; actor: string; details: Record<string, unknown> }>).at(-1)!;
      assert.deepEqual([resolveEvent.event, resolveEvent.revision, resolveEvent.actor], ['resolve', R2, 'ops']);
      assert.deepEqual([resolveEvent.details.resolution, resolveEvent.details.direction, resolveEvent.details.to], ['rolled-back', 'up', [R1]]);

      // The revision is fixed and the rerun completes.
      write(join(dir, 'migrations', 'versions', '2.ts'), revisions("op.execute(\"UPDATE accounts SET email = 'a@example.org'\");")['2.ts']!);
      const rerun = await run('upgrade');
      assert.equal(rerun.status, 0, rerun.stderr);
      const done = await databaseState(db.url);
      assert.deepEqual([done.version, done.history], [[R3], [R1, R2, R3]]);
      assert.deepEqual(done.audit.map((e) => e.event), ['upgrade', 'failure', 'resolve', 'upgrade', 'upgrade']);
      assert.deepEqual(await withDatabase(db.url, (q) => q('SELECT name, email FROM accounts')), [{ name: 'kept', email: 'a@example.org' }]);
      assert.equal((await run('audit', 'verify')).status, 0);
    });

    test('`resolve --applied` after finishing the revision by hand: it counts as applied, and the next revisions follow', async () => {
      const db = await pool.fresh();
      const run = cliFor(projectWith(revisions()), db.url);
      assert.equal((await run('upgrade')).status, 1);

      await withDatabase(db.url, async (q) => {
        await q('CREATE TABLE no_such_table (id integer)');
        await q('INSERT INTO no_such_table VALUES (1)');
      });
      const resolved = await run('resolve', R2, '--applied', '--json');
      assert.equal(resolved.status, 0, resolved.stderr);
      assert.deepEqual(JSON.parse(resolved.stdout), { revision: R2, resolution: 'applied', direction: 'up', applied: true, from: [R1], heads: [R2] });
      assert.deepEqual(await withDatabase(db.url, (q) => q<JournalRow>("SELECT revision, state, journal FROM dihya_history WHERE revision = ?", [R2])),
        [{ revision: R2, state: 'applied', journal: null }]);

      const next = await run('upgrade', '--json');
      assert.equal(next.status, 0, next.stderr);
      assert.deepEqual(JSON.parse(next.stdout).steps.map((s: { revision: string }) => s.revision), [R3], 'the resolved revision ran again');
      const down = await run('downgrade', 'base');
      assert.equal(down.status, 0, down.stderr);
      const state = await databaseState(db.url);
      assert.deepEqual([state.tables, state.version], [['dihya_audit', 'dihya_history', 'dihya_version', 'no_such_table'], []]);
      assert.deepEqual(state.audit.map((e) => [e.event, e.revision]), [
        ['upgrade', R1], ['failure', R2], ['resolve', R2], ['upgrade', R3], ['downgrade', R3], ['downgrade', R2], ['downgrade', R1],
      ]);
    });

    test('a downgrade failing midway is journaled too; `resolve --rolled-back` keeps the revision applied', async () => {
      const db = await pool.fresh();
      const files = revisions("op.execute('SELECT 1');");
      files['2.ts'] = files['2.ts']!.replace("op.dropTable('orders');", "op.dropTable('orders'); op.execute('DROP TABLE no_such_table');");
      const run = cliFor(projectWith(files), db.url);
      assert.equal((await run('upgrade', R2)).status, 0);

      const failed = await run('downgrade', '-1');
      assert.equal(failed.status, 1, failed.stderr);
      const line = errorLine(failed);
      assert.match(line, new RegExp(`^dihya: revision ${R2} \\(downgrade\\) failed at statement 3 \\(DROP TABLE no_such_table\\)`));
      assertTwoWaysOut(line, R2);
      assert.match(errorLine(await run('upgrade')), new RegExp(`revision ${R2} is half-applied: its downgrade failed at statement 3`));

      // Undone by hand: the column and table the downgrade had dropped are back.
      await withDatabase(db.url, async (q) => {
        await q('ALTER TABLE accounts ADD COLUMN email longtext NULL');
        await q('CREATE TABLE orders (id int NOT NULL PRIMARY KEY)');
      });
      const resolved = await run('resolve', R2, '--rolled-back');
      assert.equal(resolved.status, 0, resolved.stderr);
      assert.match(resolved.stdout, /its downgrade is recorded as undone, so the revision is applied/);
      const state = await databaseState(db.url);
      assert.deepEqual([state.version, state.history], [[R2], [R1, R2]]);
      assert.equal((await run('upgrade')).status, 0);
    });

    test('a revision that only changes rows runs in one transaction: a failure rolls all of it back', async () => {
      const db = await pool.fresh();
      const files = revisions("op.execute('SELECT 1');");
      files['3.ts'] = tsRevision({
        id: R3, down: R2,
        up: "op.bulkInsert('accounts', [{ id: 2, name: 'new' }]); op.execute(\"UPDATE accounts SET name = 'changed'\"); op.bulkInsert('accounts', [{ id: 1, name: 'duplicate' }]);",
      });
      const run = cliFor(projectWith(files), db.url);
      const failed = await run('upgrade');
      assert.equal(failed.status, 1, failed.stderr);
      const line = errorLine(failed);
      assert.match(line, new RegExp(`revision ${R3} failed at statement 3 .*Duplicate entry.*; the revision was rolled back, fix it and run the command again$`));
      assert.deepEqual(await withDatabase(db.url, (q) => q('SELECT id, name FROM accounts ORDER BY id')), [{ id: 1, name: 'kept' }]);
      const state = await databaseState(db.url);
      assert.deepEqual([state.version, state.history], [[R2], [R1, R2]]);
      // Nothing to resolve: the next run is not refused.
      assert.match(errorLine(await run('upgrade')), /failed at statement 3/);
    });

    test('a killed runner leaves no lock behind, and the journal shows where it stopped', async () => {
      const db = await pool.fresh();
      const files = revisions("op.execute('SELECT SLEEP(3)'); op.execute('SELECT 1');");
      const dir = projectWith(files);
      const run = cliFor(dir, db.url);
      await run('heads');
      const victim = dihyaAsync(dir, ['upgrade', '--url', db.url]);
      const deadline = Date.now() + 30_000;
      // Kill it while it sleeps in statement 3, its journal showing statements 1 and 2 done.
      for (;;) {
        const rows = await withDatabase(db.url, (q) => q<{ journal: string | null }>(
          "SELECT journal FROM dihya_history WHERE revision = ?", [R2]).catch(() => []));
        if (rows[0]?.journal && JSON.parse(rows[0].journal).done.length === 2) break;
        assert.ok(Date.now() < deadline, 'the runner never reached the sleeping statement');
        await new Promise((r) => setTimeout(r, 50));
      }
      victim.kill('SIGKILL');
      await victim;
      const next = await run('upgrade');
      assert.equal(next.status, 1, next.stderr);
      const line = errorLine(next);
      assert.match(line, new RegExp(`revision ${R2} is half-applied: its upgrade was interrupted after statement 2 \\(statement 3 may have run too\\)`));
      assertTwoWaysOut(line, R2);
    });

    test('six concurrent upgrades apply each journaled revision once', async () => {
      const db = await pool.fresh();
      const files: Record<string, string> = {};
      for (let i = 0; i < 5; i++) {
        const id = `jc${String(i).padStart(10, '0')}`;
        const runs = i === 0 ? "op.createTable('runs', { revision: { type: 'varchar(20)' } }); " : '';
        files[`${id}.ts`] = tsRevision({
          id, down: i === 0 ? null : `jc${String(i - 1).padStart(10, '0')}`,
          up: `${runs}op.createTable('t${i}', { id: { type: 'integer', primaryKey: true } }); op.execute("INSERT INTO runs VALUES ('${id}')");`,
        });
      }
      const dir = projectWith(files);
      const run = cliFor(dir, db.url);
      await run('heads');
      const runners = await Promise.all(Array.from({ length: 6 }, () => run('upgrade')));
      for (const r of runners) assert.equal(r.status, 0, r.stderr);
      const ran = await withDatabase(db.url, (q) => q<{ revision: string }>('SELECT revision FROM runs ORDER BY revision'));
      assert.deepEqual(ran.map((r) => r.revision), Object.keys(files).map((f) => f.replace('.ts', '')));
      const state = await databaseState(db.url);
      assert.deepEqual(state.audit.map((e) => e.event), ['upgrade', 'upgrade', 'upgrade', 'upgrade', 'upgrade']);
      assert.equal((await run('audit', 'verify')).status, 0);
    });

    test('online DDL clauses are written where both servers can honour them, and they run', async () => {
      const db = await pool.fresh();
      const files = revisions("op.execute('SELECT 1');");
      files['3.ts'] = tsRevision({
        id: R3, down: R2,
        up: `op.addColumn('accounts', 'nickname', { type: 'varchar(40)' });
             op.alterColumn('accounts', 'nickname', { default: 'anon' });
             op.renameColumn('accounts', 'nickname', 'handle');
             op.createIndex('accounts', 'handle');
             op.execute("UPDATE accounts SET handle = 'first'");
             op.alterColumn('accounts', 'handle', { notNull: true });
             op.alterColumn('accounts', 'handle', { type: 'varchar(80)' });
             op.addForeignKey('orders', 'id', { table: 'accounts', columns: 'id' });`,
        down_: `op.dropConstraint('orders', 'orders_id_fkey');
                op.dropIndex('accounts_handle_idx', { table: 'accounts' });
                op.dropColumn('accounts', 'handle');`,
      });
      const run = cliFor(projectWith(files), db.url);
      const up = (await run('upgrade', '--sql', `${R2}:${R3}`)).stdout;
      const down = (await run('downgrade', '--sql', `${R3}:${R2}`)).stdout;
      const lines = (sql: string) => sql.split('\n').filter((l) => l.startsWith('ALTER TABLE `') || l.startsWith('CREATE INDEX'));
      assert.deepEqual(lines(up), [
        'ALTER TABLE `accounts` ADD COLUMN `nickname` varchar(40) NULL, ALGORITHM=INSTANT;',
        "ALTER TABLE `accounts` ALTER COLUMN `nickname` SET DEFAULT 'anon', ALGORITHM=INSTANT;",
        'ALTER TABLE `accounts` RENAME COLUMN `nickname` TO `handle`, ALGORITHM=INPLACE, LOCK=NONE;',
        'CREATE INDEX `accounts_handle_idx` ON `accounts` (`handle`) ALGORITHM=INPLACE LOCK=NONE;',
        "ALTER TABLE `accounts` MODIFY COLUMN `handle` varchar(40) NOT NULL DEFAULT 'anon', ALGORITHM=INPLACE, LOCK=NONE;",
        // A type change copies the table: no clause, the server does what it must.
        "ALTER TABLE `accounts` MODIFY COLUMN `handle` varchar(80) NOT NULL DEFAULT 'anon';",
        'ALTER TABLE `orders` ADD CONSTRAINT `orders_id_fkey` FOREIGN KEY (`id`) REFERENCES `accounts` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
      ]);
      assert.deepEqual(lines(down), [
        'ALTER TABLE `orders` DROP FOREIGN KEY `orders_id_fkey`, ALGORITHM=INPLACE, LOCK=NONE;',
        'ALTER TABLE `accounts` DROP INDEX `accounts_handle_idx`, ALGORITHM=INPLACE, LOCK=NONE;',
        'ALTER TABLE `accounts` DROP COLUMN `handle`, ALGORITHM=INPLACE, LOCK=NONE;',
      ]);
      const applied = await run('upgrade');
      assert.equal(applied.status, 0, applied.stderr);
      const reverted = await run('downgrade', R2);
      assert.equal(reverted.status, 0, reverted.stderr);
      assert.deepEqual((await databaseState(db.url)).version, [R2]);
    });

    test("env.ts's lockWaitTimeout bounds the wait for a table another session holds", async () => {
      const db = await pool.fresh();
      const files = revisions("op.execute('SELECT 1');");
      files['3.ts'] = tsRevision({ id: R3, down: R2, up: "op.addColumn('accounts', 'note', { type: 'text' }); op.execute('SELECT 1');" });
      const dir = projectWith(files);
      write(join(dir, 'migrations', 'env.ts'), "import { defineConfig } from 'dihya-migrate';\nexport default defineConfig({ session: { lockWaitTimeout: '1s' } });\n");
      const run = cliFor(dir, db.url);
      assert.equal((await run('upgrade', R2)).status, 0);
      await withDatabase(db.url, async (q) => {
        // An open transaction that read the table holds a metadata lock ALTER TABLE must wait for.
        await q('START TRANSACTION');
        await q('SELECT * FROM accounts');
        const started = Date.now();
        const blocked = await run('upgrade');
        assert.equal(blocked.status, 1, blocked.stderr);
        assert.match(errorLine(blocked), /statement 1 .*Lock wait timeout exceeded.*the revision was rolled back/);
        assert.ok(Date.now() - started < 15_000, 'the upgrade waited far longer than lock_wait_timeout');
        await q('COMMIT');
      });
      const next = await run('upgrade');
      assert.equal(next.status, 0, next.stderr);
    });
  });
}
