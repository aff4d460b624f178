import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionError } from '../core/errors.js';
import { parseDatabaseUrl, type DatabaseUrl } from '../dialects/database-url.js';
import type { Connection } from '../dialects/dialect.js';
import { openConnection } from './open-database.js';

/** A database made for one run, and how to remove it. */
interface Scratch {
  readonly url: DatabaseUrl;
  remove(): Promise<void>;
}

/**
 * Creates an empty database of the same kind as `like`, runs fn, and always removes it: SQLite, a
 * temporary file; PGlite, a temporary directory; PostgreSQL and MySQL/MariaDB, a `dihya_scratch_<random>` database on the
 * same server, reached with the same user and parameters. It is removed once fn settles, and also
 * when the process receives SIGINT or SIGTERM meanwhile: the signal is then raised again once the
 * database is gone, unless another listener of that signal is there to decide what happens.
 *
 * @example
 * await withScratchDatabase(parseDatabaseUrl('postgres://ci@db:5432/app'), async (url) => {
 *   const conn = await openConnection(url, 10_000);
 *   try { await conn.exec('CREATE TABLE t (id int)'); } finally { await conn.close(); }
 * });
 */
export async function withScratchDatabase<T>(like: DatabaseUrl, fn: (url: DatabaseUrl) => Promise<T>): Promise<T> {
  const scratch = await createScratch(like);
  let removal: Promise<void> | undefined;
  const remove = () => (removal ??= scratch.remove());
  const stopWatching = removeOnSignal(remove);
  try {
    return await fn(scratch.url);
  } finally {
    stopWatching();
    await remove();
  }
}

/**
 * While fn runs, SIGINT and SIGTERM remove the database first. The process is not ended here: the
 * signal is raised again once no handler of ours is left, so the default action (or the
 * application's own handler) takes over as if the signal had just arrived.
 */
function removeOnSignal(remove: () => Promise<void>): () => void {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  let handling = false;
  const detach = () => {
    for (const s of signals) process.off(s, handler);
  };
  function handler(signal: NodeJS.Signals): void {
    // A second Ctrl-C during the removal would otherwise leave the database behind.
    if (handling) return;
    handling = true;
    void remove()
      .catch(() => undefined)
      .then(() => {
        detach();
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  }
  for (const s of signals) process.on(s, handler);
  return detach;
}

async function createScratch(like: DatabaseUrl): Promise<Scratch> {
  switch (like.kind) {
    case 'sqlite': {
      const dir = mkdtempSync(join(tmpdir(), 'dihya-scratch-'));
      const file = join(dir, 'scratch.db');
      return {
        url: { kind: 'sqlite', file, text: `sqlite:${file}` },
        remove: async () => rmSync(dir, { recursive: true, force: true }),
      };
    }
    case 'pglite': {
      // A temporary directory, not `pglite::memory:`: an in-memory database lives only as long as its
      // connection, and a run (upgrade, then introspection) opens several.
      const dir = mkdtempSync(join(tmpdir(), 'dihya-scratch-'));
      const data = join(dir, 'pgdata');
      return { url: { kind: 'pglite', dir: data, text: `pglite:${data}` }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
    }
    case 'postgres':
    case 'mysql':
      return createOnServer(like);
  }
}

/** The server-side kinds: CREATE DATABASE through a session on `like`, DROP DATABASE at the end. */
async function createOnServer(like: Extract<DatabaseUrl, { kind: 'postgres' | 'mysql' }>): Promise<Scratch> {
  const name = `dihya_scratch_${randomBytes(6).toString('hex')}`;
  const server = like.kind === 'postgres' ? postgresServer : mysqlServer;
  const admin = await openAdmin(like, server);
  try {
    await admin.exec(`CREATE DATABASE ${server.quote(name)}`);
  } catch (e) {
    throw await creationError(e, like, admin, server);
  } finally {
    await admin.close();
  }
  const u = new URL(like.connectionString);
  u.pathname = `/${name}`;
  const url = parseDatabaseUrl(u.toString());
  return {
    url,
    remove: async () => {
      const conn = await openAdmin(like, server);
      try {
        await server.drop(conn, name);
      } finally {
        await conn.close();
      }
    },
  };
}

/** What differs between PostgreSQL and MySQL/MariaDB when a database is created and dropped. */
interface ServerKind {
  quote(name: string): string;
  /** The database to connect to when the URL's own does not exist yet. */
  readonly fallbackDatabase: string;
  /** The error means the URL's database does not exist. */
  isMissingDatabase(e: unknown): boolean;
  /** The error means the user may not create databases. */
  isDenied(e: unknown): boolean;
  deniedHint(user: string): string;
  /** Ends the sessions still using the database, then drops it. */
  drop(conn: Connection, name: string): Promise<void>;
}

const postgresServer: ServerKind = {
  quote: (name) => `"${name}"`,
  fallbackDatabase: 'postgres',
  isMissingDatabase: (e) => (e as { cause?: { code?: string } }).cause?.code === '3D000',
  isDenied: (e) => (e as { code?: string }).code === '42501',
  deniedHint: (user) => `PostgreSQL needs the CREATEDB right (ALTER ROLE ${user} CREATEDB)`,
  async drop(conn, name) {
    const [row] = await conn.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    if (Number(row?.v) >= 130000) {
      await conn.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    }
    await conn.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await conn.exec(`DROP DATABASE IF EXISTS "${name}"`);
  },
};

const mysqlServer: ServerKind = {
  quote: (name) => `\`${name}\``,
  fallbackDatabase: 'information_schema',
  // ER_BAD_DB_ERROR; ER_DBACCESS_DENIED_ERROR and ER_SPECIFIC_ACCESS_DENIED_ERROR.
  isMissingDatabase: (e) => (e as { cause?: { errno?: number } }).cause?.errno === 1049,
  isDenied: (e) => [1044, 1227].includes(Number((e as { errno?: number }).errno)),
  deniedHint: (user) => `MySQL/MariaDB needs every privilege on databases named dihya_scratch_… (GRANT ALL ON \`dihya\\_scratch\\_%\`.* TO ${user})`,
  async drop(conn, name) {
    // A statement still running there (a copying ALTER) would hold DROP DATABASE back for hours.
    const sessions = await conn.query<{ id: number }>('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [name]);
    for (const s of sessions) await conn.exec(`KILL CONNECTION ${Number(s.id)}`).catch(() => undefined);
    await conn.exec(`DROP DATABASE IF EXISTS \`${name}\``);
  },
};

/** A session on the URL's server; on the server's default database when the URL's does not exist yet. */
async function openAdmin(like: Extract<DatabaseUrl, { kind: 'postgres' | 'mysql' }>, server: ServerKind): Promise<Connection> {
  try {
    return await openConnection(like, 10_000);
  } catch (e) {
    if (!server.isMissingDatabase(e)) throw e;
    const u = new URL(like.connectionString);
    u.pathname = `/${server.fallbackDatabase}`;
    return openConnection(parseDatabaseUrl(u.toString()), 10_000);
  }
}

async function creationError(e: unknown, like: DatabaseUrl, admin: Connection, server: ServerKind): Promise<Error> {
  // `text` never holds the password.
  const where = like.text;
  const message = ((e as Error).message ?? String(e)).split('\n')[0];
  if (!server.isDenied(e)) return new ConnectionError(`cannot create a throwaway database on ${where}: ${message}`, { cause: e });
  const user = (await admin.identity().catch(() => ({ user: 'this user' }))).user || 'this user';
  return new ConnectionError(
    `cannot create a throwaway database on ${where}: ${user} may not create databases there; ${server.deniedHint(user)}, ` +
      'or pass --url with a server where that user may (the throwaway database is dropped afterwards)',
    { cause: e },
  );
}
