import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import { ConnectionError } from '../../core/errors.js';
import { BaseConnection } from '../base-connection.js';

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function bindable(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}

/**
 * One CREATE, DROP or ALTER statement: no semicolon anywhere, so it cannot be several statements
 * (a semicolon inside a literal or a trigger body just takes the prepared path).
 */
const SINGLE_DDL = /^\s*(?:CREATE|DROP|ALTER)\s[^;]*$/i;

/** A better-sqlite3 database behind the Connection interface. */
export class SqliteConnection extends BaseConnection {
  private constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly file: string,
  ) {
    super();
  }

  /**
   * Opens the file (creating it and its folder). Foreign keys are switched off for the session,
   * as SQLite's documented table-rebuild procedure requires; the runner checks them before commit.
   */
  static async open(file: string, busyTimeoutMs: number): Promise<SqliteConnection> {
    const { default: Database } = await import('better-sqlite3');
    const memory = file === ':memory:';
    try {
      if (!memory) mkdirSync(dirname(resolve(file)), { recursive: true });
      const db = new Database(memory ? ':memory:' : resolve(file), { timeout: busyTimeoutMs });
      db.pragma('foreign_keys = OFF');
      return new SqliteConnection(db, file);
    } catch (e) {
      throw new ConnectionError(`cannot open SQLite database ${file}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** The database file's absolute path; undefined for an in-memory database. */
  get path(): string | undefined {
    return this.file === ':memory:' ? undefined : resolve(this.file);
  }

  /** Writers take the lock at BEGIN, so two runners never interleave inside a revision. */
  protected override beginStatement(): string {
    return 'BEGIN IMMEDIATE';
  }

  /** Prepared statements reused across steps: the bookkeeping runs the same few thousands of times. */
  readonly #cache = new Map<string, BetterSqlite3.Statement>();

  #prepare(sql: string, reuse: boolean): BetterSqlite3.Statement {
    if (!reuse) return this.db.prepare(sql);
    let stmt = this.#cache.get(sql);
    if (!stmt) {
      if (this.#cache.size >= 64) this.#cache.delete(this.#cache.keys().next().value!);
      stmt = this.db.prepare(sql);
      this.#cache.set(sql, stmt);
    }
    return stmt;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    if (params === undefined && SINGLE_DDL.test(sql)) {
      // A prepared statement lives until garbage collection, and every schema change walks all the
      // live ones; DDL returns no rows, so it runs without leaving one behind.
      this.db.exec(sql);
      return [];
    }
    // A caller that passes a parameter array (even an empty one) runs the statement again and again
    // (bookkeeping, bulk inserts, the change token read before each step); one-off SQL is not kept.
    const stmt = this.#prepare(sql, params !== undefined);
    const args = (params ?? []).map(bindable);
    if (stmt.reader) return stmt.all(...args) as T[];
    stmt.run(...args);
    return [];
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async identity(): Promise<{ user: string; server: string }> {
    let user = '';
    try {
      user = userInfo().username;
    } catch {
      user = process.env.USER ?? '';
    }
    return { user, server: `sqlite:${this.file}` };
  }
}
