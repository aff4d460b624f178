/**
 * What a run does to SQLite's journal and lock: while it has revisions to apply it holds the
 * database (write-ahead log, exclusive lock), and afterwards the database is back in its own mode
 * with nothing left beside it; a database in WAL stays in WAL; a killed run is put back by the next.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { holdSqliteRun } from '../../src/dialects/sqlite/sqlite-lock.js';
import { SqliteConnection } from '../../src/dialects/sqlite/sqlite-driver.js';
import { cliFor, dihya, dihyaAsync, json, tempProject, tsRevision, write } from '../support/cli.js';

/** Three revisions, each creating a table; `slow` makes the second one count for several seconds first. */
function project(slow = false): { dir: string; file: string } {
  const dir = tempProject();
  write(join(dir, 'migrations', 'env.ts'), "import { defineConfig } from 'dihya-migrate';\nexport default defineConfig({});\n");
  const ids = ['aaaaaaaaaaa1', 'aaaaaaaaaaa2', 'aaaaaaaaaaa3'];
  const wait = "op.execute('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) FROM c');";
  ids.forEach((id, i) => write(join(dir, 'migrations', 'versions', `2026010${i + 1}_0000_${id}_t${i}.ts`), tsRevision({
    id, down: i ? ids[i - 1]! : null, up: `${slow && i === 1 ? wait : ''} op.createTable('t${i}', { id: { type: 'integer', primaryKey: true } });`, down_: `op.dropTable('t${i}');`,
  })));
  return { dir, file: join(dir, 'app.db') };
}

/** The files SQLite or a run may leave beside the database. */
const leftovers = (file: string) => readdirSync(dirname(file)).filter((f) => f.startsWith(`${basename(file)}-`));

const mode = (file: string) => {
  const db = new Database(file);
  try {
    return String(db.pragma('journal_mode', { simple: true }));
  } finally {
    db.close();
  }
};

describe('SQLite journal around a run', () => {
  test('a database in the default mode keeps it and has no journal file left after upgrade and downgrade', async () => {
    const { dir, file } = project();
    const run = cliFor(dir, `sqlite:${file}`);
    assert.equal((await run('upgrade')).status, 0);
    assert.deepEqual(leftovers(file), [], 'nothing left beside the database after upgrade');
    assert.equal(mode(file), 'delete');
    assert.equal((await run('downgrade', 'base')).status, 0);
    assert.deepEqual(leftovers(file), [], 'nothing left beside the database after downgrade');
    assert.equal(mode(file), 'delete');
  });

  test('a database in WAL stays in WAL', async () => {
    const { dir, file } = project();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.close();
    const run = cliFor(dir, `sqlite:${file}`);
    assert.equal((await run('upgrade')).status, 0);
    assert.equal(mode(file), 'wal');
    assert.ok(!existsSync(`${file}-journal`));
  });

  test('while a run holds the database nobody else reads it, each commit is synced, and afterwards all is as before', async () => {
    const { file } = project();
    const conn = await SqliteConnection.open(file, 1000);
    const other = new Database(file, { timeout: 0 });
    try {
      const lock = await holdSqliteRun(conn);
      assert.equal(await lock.holdForRun!(), true);
      await conn.begin();
      await conn.query('CREATE TABLE kept (v INTEGER)');
      await conn.query('INSERT INTO kept VALUES (?)', [7]);
      await conn.commit();
      assert.equal(String((await conn.query<{ journal_mode: string }>('PRAGMA journal_mode'))[0]!.journal_mode), 'wal');
      assert.equal(Number((await conn.query<{ synchronous: number }>('PRAGMA synchronous'))[0]!.synchronous), 2, 'synchronous = FULL');
      assert.throws(() => other.prepare('SELECT COUNT(*) AS n FROM sqlite_master').get(), /locked/);
      assert.ok(existsSync(`${file}-dihya-wal`), 'the marker names the run while it holds the database');
      await lock.release();
      assert.deepEqual(other.prepare('SELECT v FROM kept').all(), [{ v: 7 }]);
      assert.equal(String(other.pragma('journal_mode', { simple: true })), 'delete');
      other.close();
      assert.deepEqual(leftovers(file), []);
    } finally {
      if (other.open) other.close();
      await conn.close();
    }
  });

  test('a writer inside a transaction when the run starts: the run takes the lock per revision instead', async () => {
    const { file } = project();
    const other = new Database(file);
    other.exec('CREATE TABLE w (v INTEGER)');
    const conn = await SqliteConnection.open(file, 1000);
    try {
      const lock = await holdSqliteRun(conn);
      other.exec('BEGIN IMMEDIATE');
      other.exec('INSERT INTO w VALUES (1)');
      assert.equal(await lock.holdForRun!(), false);
      assert.ok(!existsSync(`${file}-dihya-wal`));
      other.exec('COMMIT');
      await conn.begin();
      await conn.query('INSERT INTO w VALUES (?)', [2]);
      await conn.commit();
      await lock.release();
      assert.deepEqual(other.prepare('SELECT v FROM w ORDER BY v').all(), [{ v: 1 }, { v: 2 }]);
      assert.equal(mode(file), 'delete');
    } finally {
      other.close();
      await conn.close();
    }
  });

  test('a run killed while it holds the database loses nothing, and the next run puts the mode back', async () => {
    const { dir, file } = project(true);
    assert.equal(dihya(dir, ['heads', '--url', 'sqlite::memory:']).status, 0);
    const victim = dihyaAsync(dir, ['upgrade', '--url', `sqlite:${file}`]);
    const deadline = Date.now() + 20_000;
    while (!existsSync(`${file}-dihya-wal`)) {
      assert.ok(Date.now() < deadline, 'the run never held the database');
      await new Promise((r) => setTimeout(r, 20));
    }
    // The first revision commits at once; the second counts for seconds.
    await new Promise((r) => setTimeout(r, 700));
    victim.kill('SIGKILL');
    await victim;
    assert.equal(mode(file), 'wal', 'the killed run left the file in WAL mode');
    assert.deepEqual(json(dihya(dir, ['current', '--json', '--url', `sqlite:${file}`])), { heads: ['aaaaaaaaaaa1'] });
    const again = dihya(dir, ['upgrade', 'aaaaaaaaaaa1', '--url', `sqlite:${file}`]);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(mode(file), 'delete');
    assert.deepEqual(leftovers(file), []);
    assert.equal(dihya(dir, ['audit', 'verify', '--url', `sqlite:${file}`]).status, 0);
  });
});
