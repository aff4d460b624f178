import pg from 'pg';
import { ConnectionError } from '../../core/errors.js';
import { BaseConnection } from '../base-connection.js';

/** A `pg` client behind the Connection interface. */
export class PostgresConnection extends BaseConnection {
  constructor(
    private readonly client: pg.Client,
    private readonly server: string,
  ) {
    super();
  }

  /** Opens a session; an unreachable server or refused login becomes one readable line. */
  static async open(connectionString: string, redacted: string): Promise<PostgresConnection> {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    // An idle client whose server goes away emits 'error'; without a listener Node would crash.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      throw new ConnectionError(`cannot connect to ${redacted}: ${describe(e)}; check that the server runs and the URL is right`, {
        cause: e,
      });
    }
    const u = new URL(connectionString);
    return new PostgresConnection(client, `${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname}`);
  }

  /**
   * A BEGIN not sent yet: it goes out with the transaction's first statement, one round trip less
   * per transaction (PostgreSQL takes no snapshot at BEGIN, so nothing changes but the timing).
   */
  #beginPending = false;

  protected override async sendBegin(): Promise<void> {
    this.#beginPending = true;
  }

  /** A transaction nothing was sent in ends without a round trip. */
  protected override async sendEnd(end: 'COMMIT' | 'ROLLBACK', script?: string): Promise<void> {
    if (this.#beginPending && !script) this.#beginPending = false;
    else await super.sendEnd(end, script);
  }

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    if (params !== undefined) {
      await this.#sendPendingBegin();
      const res = await this.client.query(sql, [...params]);
      return res.rows as T[];
    }
    const res = (await this.client.query(this.#withPendingBegin(sql))) as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(res) ? res[res.length - 1]! : res).rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.client.query(this.#withPendingBegin(sql));
  }

  #withPendingBegin(sql: string): string {
    if (!this.#beginPending) return sql;
    this.#beginPending = false;
    return `BEGIN;\n${sql}`;
  }

  async #sendPendingBegin(): Promise<void> {
    if (!this.#beginPending) return;
    this.#beginPending = false;
    await this.client.query('BEGIN');
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  async identity(): Promise<{ user: string; server: string }> {
    const [row] = await this.query<{ user: string }>('SELECT current_user AS "user"');
    return { user: row?.user ?? '', server: this.server };
  }
}

function describe(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === 'ECONNREFUSED') return 'connection refused';
  if (err.code === 'ENOTFOUND') return 'unknown host';
  return (err.message || err.code || String(e)).split('\n')[0]!;
}
