/**
 * Throwaway databases: created empty on the same kind of database (the same server for PostgreSQL
 * and MariaDB), usable, and gone afterwards — after success, after a throw, and after Ctrl-C.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { openConnection } from '../../src/api/open-database.js';
import { withScratchDatabase } from '../../src/api/scratch-database.js';
import { ConnectionError } from '../../src/core/errors.js';
import { parseDatabaseUrl, type DatabaseUrl } from '../../src/dialects/database-url.js';
import { ROOT } from '../support/cli.js';
import { databaseKinds, queryDatabase, type DatabaseKind } from '../support/databases.js';
import { MYSQL_TEST_URL, withMysql } from '../support/mysql-databases.js';

/** A URL of each kind for `like`: the test servers, and embedded locations that need not exist. */
function likeUrl(kind: DatabaseKind): DatabaseUrl {
  if (kind === 'postgres') return parseDatabaseUrl(process.env.DIHYA_TEST_PG_URL!);
  if (kind === 'mysql') return parseDatabaseUrl(MYSQL_TEST_URL!);
  return parseDatabaseUrl(kind === 'sqlite' ? 'sqlite:./app.db' : 'pglite:./pgdata');
}

/** True while the scratch database still exists where its kind keeps it. */
async function stillThere(url: DatabaseUrl): Promise<boolean> {
  if (url.kind === 'sqlite') return existsSync(url.file);
  if (url.kind === 'pglite') return false;
  const name = decodeURIComponent(new URL(url.connectionString).pathname.slice(1));
  if (url.kind === 'postgres') {
    return (await queryDatabase(process.env.DIHYA_TEST_PG_URL!, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).length > 0;
  }
  return withMysql(MYSQL_TEST_URL!, async (q) => (await q('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name])).length > 0);
}

const TABLES_SQL: Record<DatabaseUrl['kind'], string> = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table'",
  pglite: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
  postgres: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
  mysql: 'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
};

for (const kind of databaseKinds()) {
  describe(`throwaway ${kind} database`, () => {
    test('is created empty, is usable, and is removed once the work succeeds', async () => {
      const like = likeUrl(kind);
      let seen: DatabaseUrl | undefined;
      const rows = await withScratchDatabase(like, async (url) => {
        seen = url;
        assert.equal(url.kind, like.kind);
        if (url.kind === 'sqlite') assert.ok(!url.file.includes('app.db'), 'the scratch file is not the project database');
        if (url.kind === 'postgres' || url.kind === 'mysql') {
          assert.match(url.connectionString, /\/dihya_scratch_[0-9a-f]{12}$/);
          assert.ok(await stillThere(url), 'the database exists while the work runs');
        }
        const conn = await openConnection(url, 5_000);
        try {
          assert.deepEqual(await conn.query(TABLES_SQL[url.kind]), [], 'a new database has no table');
          await conn.exec('CREATE TABLE scratch_probe (id integer PRIMARY KEY, note varchar(20))');
          await conn.exec("INSERT INTO scratch_probe VALUES (1, 'kept')");
          return await conn.query<{ note: string }>('SELECT note FROM scratch_probe');
        } finally {
          await conn.close();
        }
      });
      assert.deepEqual(rows, [{ note: 'kept' }]);
      assert.equal(await stillThere(seen!), false, 'the database is removed afterwards');
      if (kind === 'sqlite') assert.ok(!existsSync('app.db'), 'the project database was not created');
    });

    test('is removed when the work throws, and the error comes through', async () => {
      let seen: DatabaseUrl | undefined;
      await assert.rejects(
        withScratchDatabase(likeUrl(kind), async (url) => {
          seen = url;
          const conn = await openConnection(url, 5_000);
          try {
            await conn.exec('CREATE TABLE scratch_probe (id integer PRIMARY KEY)');
          } finally {
            await conn.close();
          }
          throw new Error('the work failed');
        }),
        /the work failed/,
      );
      assert.equal(await stillThere(seen!), false);
    });

    if (kind !== 'pglite') {
      test('is removed when the process is interrupted with Ctrl-C while a connection is open', async () => {
        const { url, status, signal, stderr } = await interruptedChild(likeUrl(kind));
        assert.equal(signal, 'SIGINT', `the process ends by the signal it got (status ${status}): ${stderr}`);
        assert.equal(await stillThere(url), false, 'the database is gone after the interruption');
      });
    }
  });
}

/**
 * A node process that opens a throwaway database, writes its URL, keeps a connection open in a
 * transaction holding a write, and waits; it gets SIGINT once the URL is read.
 */
async function interruptedChild(like: DatabaseUrl): Promise<{ url: DatabaseUrl; status: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const src = (f: string) => JSON.stringify(pathToFileURL(join(ROOT, 'src', f)).href);
  const script = `
    const { withScratchDatabase } = await import(${src('api/scratch-database.ts')});
    const { openConnection } = await import(${src('api/open-database.ts')});
    const { parseDatabaseUrl } = await import(${src('dialects/database-url.ts')});
    await withScratchDatabase(parseDatabaseUrl(process.env.LIKE_URL), async (url) => {
      const conn = await openConnection(url, 5000);
      await conn.exec('CREATE TABLE scratch_probe (id integer PRIMARY KEY)');
      await conn.begin();
      await conn.exec('INSERT INTO scratch_probe VALUES (1)');
      process.stdout.write(JSON.stringify(url) + '\\n');
      await new Promise(() => setInterval(() => undefined, 1000));
    });
  `;
  const likeText = like.kind === 'sqlite' ? `sqlite:${like.file}` : like.kind === 'pglite' ? like.text : like.connectionString;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env: { ...process.env, LIKE_URL: likeText },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<DatabaseUrl>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0]!) as DatabaseUrl);
    });
    child.on('close', (code) => reject(new Error(`the child ended (${code}) before it was interrupted: ${stderr}`)));
  });
  assert.ok(await stillThere(url), 'the database exists before the interruption');
  const ended = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal })),
  );
  child.kill('SIGINT');
  return { url, ...(await ended), stderr };
}

if (process.env.DIHYA_TEST_PG_URL) {
  test('a PostgreSQL user without CREATEDB gets one line that says which right is missing', async () => {
    const admin = process.env.DIHYA_TEST_PG_URL!;
    const role = `dihya_nocreate_${process.pid}`;
    await queryDatabase(admin, `CREATE ROLE ${role} LOGIN`);
    try {
      const u = new URL(admin);
      u.username = role;
      u.password = '';
      const error = await withScratchDatabase(parseDatabaseUrl(u.toString()), async () => 'ran').then(
        () => assert.fail('the work must not run'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ConnectionError, String(error));
      assert.equal(error.message.split('\n').length, 1);
      assert.match(error.message, new RegExp(`${role} may not create databases there; PostgreSQL needs the CREATEDB right \\(ALTER ROLE ${role} CREATEDB\\)`));
      assert.match(error.message, /--url/);
    } finally {
      await queryDatabase(admin, `DROP ROLE ${role}`);
    }
  });
}

if (MYSQL_TEST_URL) {
  test('a MariaDB user without CREATE on databases gets one line that says which privilege is missing', async () => {
    const user = `dihya_nocreate_${process.pid}`;
    const u = new URL(MYSQL_TEST_URL!);
    await withMysql(MYSQL_TEST_URL!, async (q) => {
      await q(`CREATE USER '${user}'@'%'`);
      await q(`GRANT SELECT ON \`${decodeURIComponent(u.pathname.slice(1))}\`.* TO '${user}'@'%'`);
    });
    try {
      u.username = user;
      u.password = '';
      await assert.rejects(
        withScratchDatabase(parseDatabaseUrl(u.toString()), async () => 'ran'),
        (e: unknown) => e instanceof ConnectionError && /may not create databases there; MySQL\/MariaDB needs every privilege on databases named dihya_scratch_/.test(e.message),
      );
    } finally {
      await withMysql(MYSQL_TEST_URL!, (q) => q(`DROP USER '${user}'@'%'`));
    }
  });
}
