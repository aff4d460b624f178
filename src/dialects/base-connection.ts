import type { Connection } from './dialect.js';

/** Transaction bookkeeping shared by the drivers; each driver supplies query/exec/close. */
export abstract class BaseConnection implements Connection {
  #inTransaction = false;

  abstract query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  abstract exec(sql: string): Promise<void>;
  abstract close(): Promise<void>;
  abstract identity(): Promise<{ user: string; server: string }>;

  /** The statement that opens a transaction (SQLite takes the write lock at once). */
  protected beginStatement(): string {
    return 'BEGIN';
  }

  get inTransaction(): boolean {
    return this.#inTransaction;
  }

  /** Sends what opens a transaction; a driver may hold it back to send with the first statement. */
  protected async sendBegin(): Promise<void> {
    await this.exec(this.beginStatement());
  }

  /** Sends what ends a transaction (`script` first, with a COMMIT). */
  protected async sendEnd(end: 'COMMIT' | 'ROLLBACK', script?: string): Promise<void> {
    await this.exec(script ? `${script};\n${end}` : end);
  }

  async begin(): Promise<void> {
    await this.sendBegin();
    this.#inTransaction = true;
  }

  async commit(script?: string): Promise<void> {
    await this.sendEnd('COMMIT', script);
    this.#inTransaction = false;
  }

  async rollback(): Promise<void> {
    if (!this.#inTransaction) return;
    this.#inTransaction = false;
    await this.sendEnd('ROLLBACK');
  }
}
