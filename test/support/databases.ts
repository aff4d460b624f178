/**
 * The databases every suite runs against: SQLite and PGlite always, PostgreSQL when
 * DIHYA_TEST_PG_URL is set (then an unreachable server fails the suite, it never skips).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  /** sqlite | pglite | postgres */
  readonly kind: 'sqlite' | 'pglite' | 'postgres';
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
  return kinds;
}

let counter = 0;

/** Creates a fresh empty database of that kind. */
export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite' || kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `dihya-${kind}-`));
    const url = kind === 'sqlite' ? `sqlite:${join(dir, 'test.db')}` : `pglite:${join(dir, 'pgdata')}`;
    return { kind, url, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
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
  const sql = url.startsWith('sqlite:')
    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name";
  return (await queryDatabase<{ name: string }>(url, sql)).map((r) => r.name);
}
