import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConnectionError } from '../../core/errors.js';
import { BaseConnection } from '../base-connection.js';
import { acquireFileLock, type FileLock } from './pglite-lock.js';

type PGliteInstance = {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
};

/** PGlite (PostgreSQL compiled to WebAssembly, in-process) behind the Connection interface. */
export class PgliteConnection extends BaseConnection {
  private constructor(
    private readonly db: PGliteInstance,
    private readonly where: string,
    private readonly fileLock: FileLock | null,
  ) {
    super();
  }

  /**
   * Opens a PGlite database. A data directory can only be used by one process at a time, so the
   * directory's lock is taken before it is opened and held until close.
   */
  static async open(dir: string | null, lockTimeoutMs: number): Promise<PgliteConnection> {
    const { PGlite } = await import('@electric-sql/pglite');
    let fileLock: FileLock | null = null;
    if (dir) {
      const abs = resolve(dir);
      mkdirSync(dirname(abs), { recursive: true });
      fileLock = await acquireFileLock(`${abs}.lock`, lockTimeoutMs, `PGlite directory ${dir}`);
    }
    try {
      const db = (await PGlite.create(dir ? resolve(dir) : undefined)) as unknown as PGliteInstance;
      return new PgliteConnection(db, dir ?? ':memory:', fileLock);
    } catch (e) {
      await fileLock?.release();
      throw new ConnectionError(`cannot open PGlite database ${dir ?? ':memory:'}: ${(e as Error).message}`, { cause: e });
    }
  }

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const res = await this.db.query<T>(sql, params ? [...params] : undefined);
    return res.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async close(): Promise<void> {
    try {
      await this.db.close();
    } finally {
      await this.fileLock?.release();
    }
  }

  async identity(): Promise<{ user: string; server: string }> {
    const [row] = await this.query<{ user: string }>('SELECT current_user AS "user"');
    return { user: row?.user ?? '', server: `pglite:${this.where}` };
  }
}
