/**
 * The databases every suite runs against: SQLite and PGlite always, PostgreSQL when
 * DIHYA_TEST_PG_URL is set, MySQL/MariaDB when DIHYA_TEST_MYSQL_URL is set (then an unreachable
 * server fails the suite, it never skips).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { freshMysqlDatabase, MYSQL_TABLES_SQL, MYSQL_TEST_URL, runMysqlScript, withMysql } from './mysql-databases.js';

export interface TestDatabase {
  /** sqlite | pglite | postgres | mysql */
  readonly kind: 'sqlite' | 'pglite' | 'postgres' | 'mysql';
  /** A URL for a fresh, empty database. */
  readonly url: string;
  /** Removes the database. */
  drop(): Promise<void>;
}

export type DatabaseKind = TestDatabase['kind'];

/** The kinds available on this machine. */
export function databaseKinds(): DatabaseKind[] {
  const kinds: DatabaseKind[] = ['sqlite', 'pglite'];
  if (process.env.DIHYA_TEST_PG_URL) kinds.push('postgres');
  if (MYSQL_TEST_URL) kinds.push('mysql');
  return kinds;
}

let counter = 0;

let pgliteTemplate: Promise<string> | undefined;

/**
 * An empty PGlite data directory, copied for each fresh database. initdb takes seconds, so it is made
 * once per installed PGlite and kept in the temp folder for the next test processes; it is renamed
 * into place only once complete, so a process killed halfway never leaves a broken one behind.
 */
function emptyPgliteCluster(): Promise<string> {
  pgliteTemplate ??= (async () => {
    const module = pgliteModulePath();
    const key = createHash('sha256').update(`${module}:${statSync(module).mtimeMs}`).digest('hex').slice(0, 16);
    const dir = join(tmpdir(), `dihya-pglite-template-${key}`);
    if (existsSync(dir)) return dir;
    const work = mkdtempSync(join(tmpdir(), 'dihya-pglite-initdb-'));
    await (await pgliteSession(join(work, 'pgdata'))).close();
    try {
      renameSync(join(work, 'pgdata'), dir);
    } catch (e) {
      // Another test process finished first: its template is as good as this one.
      if (!existsSync(dir)) throw e;
    }
    rmSync(work, { recursive: true, force: true });
    return dir;
  })();
  return pgliteTemplate;
}

/** Creates a fresh empty database of that kind. */
export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite' || kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `dihya-${kind}-`));
    const url = kind === 'sqlite' ? `sqlite:${join(dir, 'test.db')}` : `pglite:${join(dir, 'pgdata')}`;
    // initdb takes seconds in PGlite; a copy of an empty cluster made once is the same fresh database.
    if (kind === 'pglite') cpSync(await emptyPgliteCluster(), join(dir, 'pgdata'), { recursive: true });
    return { kind, url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (kind === 'mysql') return { kind, ...(await freshMysqlDatabase()) };
  const admin = process.env.DIHYA_TEST_PG_URL!;
  const name = `dihya_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    kind,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs SQL against a test database and returns the rows (for assertions on real state). */
export async function queryDatabase<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (url.startsWith('mysql:')) return withMysql(url, (q) => q<T>(sql, params));
  if (url.startsWith('sqlite:')) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(url.slice('sqlite:'.length));
    try {
      const stmt = db.prepare(sql);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
    } finally {
      db.close();
    }
  }
  if (url.startsWith('pglite:')) {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(url.slice('pglite:'.length));
    try {
      return (await db.query<T>(sql, params)).rows;
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Table names of the database, bookkeeping included, sorted. */
export async function tableNames(url: string): Promise<string[]> {
  return (await queryDatabase<{ name: string }>(url, tablesSql(url))).map((r) => r.name);
}

/** A query function bound to one open connection. */
export type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Runs `fn` with one connection to the database (PGlite takes a moment to open, so reads are batched). */
export async function withDatabase<T>(url: string, fn: (query: Query) => Promise<T>): Promise<T> {
  if (url.startsWith('mysql:')) return withMysql(url, fn);
  if (url.startsWith('sqlite:')) {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(url.slice('sqlite:'.length));
    try {
      return await fn(async <R>(sql: string, params: unknown[] = []) => {
        const stmt = db.prepare(sql);
        return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as R[];
      });
    } finally {
      db.close();
    }
  }
  if (url.startsWith('pglite:')) {
    const db = await pgliteSession(url.slice('pglite:'.length));
    try {
      return await fn(<R>(sql: string, params: unknown[] = []) => db.query<R>(sql, params));
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[]);
  } finally {
    await client.end();
  }
}

/** What a user can see of a database after a command: its tables and the three bookkeeping tables. */
export interface DatabaseState {
  /** Every table, bookkeeping included, sorted. */
  readonly tables: string[];
  /** The rows of dihya_version, sorted. */
  readonly version: string[];
  /** The revisions of dihya_history, sorted. */
  readonly history: string[];
  /** The rows of dihya_audit, oldest first. */
  readonly audit: Array<{ id: number; event: string; revision: string | null }>;
}

/** Reads a database's tables and bookkeeping in one connection; a missing embedded database is empty. */
export async function databaseState(url: string): Promise<DatabaseState> {
  const empty: DatabaseState = { tables: [], version: [], history: [], audit: [] };
  if (url.startsWith('sqlite:') && !existsSync(url.slice('sqlite:'.length))) return empty;
  if (url.startsWith('pglite:') && !existsSync(url.slice('pglite:'.length))) return empty;
  return withDatabase(url, async (query) => {
    const tables = (await query<{ name: string }>(tablesSql(url))).map((r) => r.name);
    if (!tables.includes('dihya_version')) return { ...empty, tables };
    const version = (await query<{ revision: string }>('SELECT revision FROM dihya_version ORDER BY revision')).map((r) => r.revision);
    const history = (await query<{ revision: string }>('SELECT revision FROM dihya_history ORDER BY revision')).map((r) => r.revision);
    const audit = (await query<{ id: number | string; event: string; revision: string | null }>('SELECT id, event, revision FROM dihya_audit ORDER BY id'))
      .map((r) => ({ id: Number(r.id), event: r.event, revision: r.revision }));
    return { tables, version, history, audit };
  });
}

function tablesSql(url: string): string {
  if (url.startsWith('mysql:')) return MYSQL_TABLES_SQL;
  return url.startsWith('sqlite:')
    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name';
}

/**
 * Applies a SQL script the way a DBA would: `sqlite3` for SQLite, `psql` for PostgreSQL, `mariadb` for
 * MySQL/MariaDB; PGlite
 * has no command-line client, so its own `exec` runs the script. Throws with the client's error.
 */
export async function runSqlScript(url: string, script: string): Promise<void> {
  if (url.startsWith('mysql:')) return runMysqlScript(url, script);
  if (url.startsWith('pglite:')) {
    const db = await pgliteSession(url.slice('pglite:'.length));
    try {
      await db.exec(script);
    } finally {
      await db.close();
    }
    return;
  }
  const [cmd, args] = url.startsWith('sqlite:')
    ? ['sqlite3', ['-bail', url.slice('sqlite:'.length)]]
    : ['psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url]];
  const r = spawnSync(cmd, args as string[], { input: script, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}`);
}

/** Fresh databases of one kind for a suite; `dropAll()` (in `after`) removes every one it made. */
export function databasePool(kind: DatabaseKind): { fresh(): Promise<TestDatabase>; dropAll(): Promise<void> } {
  const made: TestDatabase[] = [];
  return {
    async fresh() {
      const db = await freshDatabase(kind);
      made.push(db);
      return db;
    },
    async dropAll() {
      for (const db of made.splice(0)) await db.drop();
    },
  };
}

/** A PGlite database opened in a worker thread. */
interface PgliteSession {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

// PGlite runs PostgreSQL as WebAssembly on the thread that opens it, blocking it for the better part
// of a second; in a worker, the suites of the other databases keep running meanwhile.
const PGLITE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.module).then(async ({ PGlite }) => {
  const db = await PGlite.create(workerData.dir);
  parentPort.on('message', async ({ id, op, sql, params }) => {
    try {
      if (op === 'close') await db.close();
      const rows = op === 'query' ? (await db.query(sql, params)).rows : op === 'exec' ? (await db.exec(sql), []) : [];
      parentPort.postMessage({ id, rows });
    } catch (e) {
      parentPort.postMessage({ id, error: String(e && e.message || e) });
    }
  });
  parentPort.postMessage({ id: 0, rows: [] });
}, (e) => parentPort.postMessage({ id: 0, error: String(e && e.message || e) }));
`;

/** The ES module file of the installed PGlite. */
function pgliteModulePath(): string {
  return createRequire(import.meta.url).resolve('@electric-sql/pglite').replace(/\.cjs$/, '.js');
}

function pgliteSession(dir: string): Promise<PgliteSession> {
  const module = pathToFileURL(pgliteModulePath()).href;
  const worker = new Worker(PGLITE_WORKER, { eval: true, workerData: { module, dir } });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  let next = 1;
  worker.on('message', ({ id, rows, error }: { id: number; rows: unknown[]; error?: string }) => {
    const call = pending.get(id);
    pending.delete(id);
    if (error !== undefined) call?.reject(new Error(`PGlite ${dir}: ${error}`));
    else call?.resolve(rows);
  });
  worker.on('error', (e) => {
    for (const call of pending.values()) call.reject(e);
    pending.clear();
  });
  const send = (op: string, sql?: string, params?: unknown[]) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, sql, params });
    });
  return new Promise<unknown[]>((resolve, reject) => pending.set(0, { resolve, reject })).then(
    () => ({
      query: async <T>(sql: string, params: unknown[] = []) => (await send('query', sql, params)) as T[],
      exec: async (sql: string) => {
        await send('exec', sql);
      },
      close: async () => {
        await send('close');
        await worker.terminate();
      },
    }),
    async (e: Error) => {
      await worker.terminate();
      throw e;
    },
  );
}
