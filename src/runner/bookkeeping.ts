import type { Connection, Dialect, Statement } from '../dialects/dialect.js';

/** One row of `dihya_history`: an applied revision. */
export interface HistoryRow {
  readonly revision: string;
  readonly message: string;
  readonly checksum: string;
  readonly appliedAt: string;
  readonly durationMs: number;
  readonly appliedBy: string;
  readonly host: string;
  readonly toolVersion: string;
}

/** Reads and writes `dihya_version` and `dihya_history`. */
export class Bookkeeping {
  constructor(
    private readonly conn: Connection,
    private readonly dialect: Dialect,
  ) {}

  private p(n: number): string {
    return this.dialect.placeholder(n);
  }

  /** Creates the bookkeeping tables if they are missing. */
  async ensure(): Promise<void> {
    for (const ddl of this.dialect.bookkeepingDdl()) await this.conn.exec(ddl);
  }

  /** True when the tables exist; read-only commands never create them. */
  async exists(): Promise<boolean> {
    const probe = this.dialect.name === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'dihya_version'"
      : this.dialect.name === 'mysql'
        ? "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'dihya_version'"
        : "SELECT to_regclass('dihya_version') AS name";
    const [row] = await this.conn.query<{ name: string | null }>(probe);
    return Boolean(row?.name);
  }

  /** The rows of the version table (the current heads), sorted. */
  async heads(): Promise<string[]> {
    const rows = await this.conn.query<{ revision: string }>('SELECT revision FROM dihya_version ORDER BY revision');
    return rows.map((r) => r.revision);
  }

  async setHeads(heads: readonly string[]): Promise<void> {
    await this.dialect.runBatch(this.conn, this.setHeadsStatements(heads));
  }

  /** The statements that make the version table hold exactly `heads`. */
  setHeadsStatements(heads: readonly string[]): Statement[] {
    return [
      // An empty parameter list tells the driver the statement comes back every step (kept prepared).
      { sql: 'DELETE FROM dihya_version', params: [] },
      ...heads.map((h) => ({ sql: `INSERT INTO dihya_version (revision) VALUES (${this.p(1)})`, params: [h] })),
    ];
  }

  /** The applied revisions; a revision a failure left half-applied (see statement-journal.ts) is not one. */
  async history(): Promise<HistoryRow[]> {
    const settled = this.dialect.transactionalDdl ? '' : " WHERE state = 'applied'";
    const rows = await this.conn.query<Record<string, unknown>>(
      `SELECT revision, message, checksum, applied_at, duration_ms, applied_by, host, tool_version FROM dihya_history${settled} ORDER BY applied_at, revision`,
    );
    return rows.map((r) => ({
      revision: String(r.revision),
      message: String(r.message),
      checksum: String(r.checksum).trim(),
      appliedAt: new Date(r.applied_at as string).toISOString(),
      durationMs: Number(r.duration_ms),
      appliedBy: String(r.applied_by),
      host: String(r.host),
      toolVersion: String(r.tool_version),
    }));
  }

  /** The statements that record an applied revision (replacing an earlier row of a stamp or a rerun). */
  recordAppliedStatements(row: HistoryRow): Statement[] {
    return [
      ...this.removeAppliedStatements(row.revision),
      {
        sql: `INSERT INTO dihya_history (revision, message, checksum, applied_at, duration_ms, applied_by, host, tool_version)
       VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map((n) => this.p(n)).join(', ')})`,
        params: [row.revision, row.message, row.checksum, row.appliedAt, row.durationMs, row.appliedBy, row.host, row.toolVersion],
      },
    ];
  }

  async removeApplied(revision: string): Promise<void> {
    await this.dialect.runBatch(this.conn, this.removeAppliedStatements(revision));
  }

  removeAppliedStatements(revision: string): Statement[] {
    return [{ sql: `DELETE FROM dihya_history WHERE revision = ${this.p(1)}`, params: [revision] }];
  }
}
