import splitter from 'dbgate-query-splitter';
import type * as Mysql from 'mysql2/promise';
import { ConnectionError } from '../../core/errors.js';
import { BaseConnection } from '../base-connection.js';

/** The server refuses to prepare this kind of statement (ER_UNSUPPORTED_PS). */
const UNSUPPORTED_PREPARED = 1295;

/** What mysql2 binds as-is: numbers, strings, dates, buffers and null. */
function bindable(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v.toString();
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}

/**
 * Session settings every dihya session starts with: UTC, so that dates are written and read as the
 * instants they are; and backslashes read as escapes, which the literals of offline SQL rely on.
 */
const SESSION_SETUP = [
  "SET time_zone = '+00:00'",
  "SET SESSION sql_mode = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','))",
];

/** A mysql2 connection (MySQL or MariaDB) behind the Connection interface. */
export class MysqlConnection extends BaseConnection {
  private constructor(
    private readonly conn: Mysql.Connection,
    private readonly server: string,
  ) {
    super();
  }

  /** Opens a session; an unreachable server or refused login becomes one readable line. */
  static async open(connectionString: string, redacted: string): Promise<MysqlConnection> {
    const mysql = await import('mysql2/promise');
    const u = new URL(connectionString.replace(/^mariadb:/, 'mysql:'));
    let conn: Mysql.Connection;
    try {
      conn = await mysql.createConnection({
        host: u.hostname,
        port: u.port ? Number(u.port) : 3306,
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
        database: decodeURIComponent(u.pathname.slice(1)),
        timezone: 'Z',
        supportBigNumbers: true,
        // One statement per call: a revision's statements are journaled one by one, so a string
        // holding two must not slip both past the journal.
        multipleStatements: false,
        connectTimeout: 10_000,
        charset: 'utf8mb4',
      });
    } catch (e) {
      throw new ConnectionError(`cannot connect to ${redacted}: ${describe(e)}; check that the server runs and the URL is right`, { cause: e });
    }
    // A connection whose server goes away emits 'error'; without a listener Node would crash.
    conn.on('error', () => undefined);
    for (const sql of SESSION_SETUP) await conn.query(sql);
    return new MysqlConnection(conn, `${u.hostname}:${u.port || 3306}${u.pathname}`);
  }

  /** Bound values travel as a prepared statement's parameters, never inside the SQL text. */
  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    if (!params || params.length === 0) return rowsOf<T>((await this.conn.query(sql))[0]);
    const values = params.map(bindable);
    try {
      return rowsOf<T>((await this.conn.execute(sql, values as never))[0]);
    } catch (e) {
      if ((e as { errno?: number }).errno !== UNSUPPORTED_PREPARED) throw e;
      return rowsOf<T>((await this.conn.query(sql, values))[0]);
    }
  }

  /** A script runs statement by statement (the connection takes one at a time). */
  async exec(sql: string): Promise<void> {
    for (const s of splitter.splitQuery(sql, splitter.mysqlSplitterOptions)) {
      const text = (typeof s === 'string' ? s : (s as { text: string }).text).trim();
      if (text) await this.conn.query(text);
    }
  }

  async close(): Promise<void> {
    await this.conn.end().catch(() => this.conn.destroy());
  }

  async identity(): Promise<{ user: string; server: string }> {
    const [row] = await this.query<{ user: string }>('SELECT CURRENT_USER() AS user');
    return { user: row?.user ?? '', server: this.server };
  }
}

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : [];
}

function describe(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ENOTFOUND') return 'unknown host';
  if (err.code === 'ETIMEDOUT') return 'no answer in time';
  return (err.message || err.code || String(e)).split('\n')[0]!;
}
