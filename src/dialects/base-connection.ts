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

  async begin(): Promise<void> {
    await this.exec(this.beginStatement());
    this.#inTransaction = true;
  }

  async commit(script?: string): Promise<void> {
    await this.exec(script ? `${script};\nCOMMIT` : 'COMMIT');
    this.#inTransaction = false;
  }

  async rollback(): Promise<void> {
    if (!this.#inTransaction) return;
    this.#inTransaction = false;
    await this.exec('ROLLBACK');
  }
}
