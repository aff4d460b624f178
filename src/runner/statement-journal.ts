import { abbreviate, RevisionHalfAppliedError, StatementFailedError, type JournaledStatement } from '../core/errors.js';
import { sha256 } from '../core/hashing.js';
import type { Connection, Dialect, Statement } from '../dialects/dialect.js';
import type { Operation } from '../operations/operation.js';
import type { Revision } from '../revisions/revision.js';

/**
 * Where DDL is not transactional (MySQL, MariaDB), a revision's row in `dihya_history` is written
 * before its first statement with `state = 'partial'`, and its `journal` grows by one entry as each
 * statement completes. A revision that finishes gets its ordinary row; one that stops midway keeps
 * the partial row, which makes every later run refuse until `dihya resolve` settles it.
 */
export interface JournalState {
  readonly revision: string;
  readonly direction: 'up' | 'down';
  readonly done: readonly JournaledStatement[];
  readonly failed: { readonly statement: number; readonly sql: string; readonly error: string } | null;
  /** Whether the revision had a history row before the step (a stamped revision has none). */
  readonly hadHistory: boolean;
}

/** Statements that change rows only, and so run inside a transaction everywhere. */
const DATA_ONLY = /^(insert|update|delete|replace|select|with)\b/i;

/** Leading comments and whitespace removed, so the first keyword shows. */
function firstWords(sql: string): string {
  return sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|#[^\n]*(?:\n|$)|\/\*(?!!)[\s\S]*?\*\/|\()*/, '');
}

/** True when every operation only changes rows: such a revision runs in one real transaction even on MySQL. */
export function isDataOnly(operations: readonly Operation[]): boolean {
  return operations.every((op) => op.kind === 'bulkInsert' || op.kind === 'anonymizeColumn' || (op.kind === 'execute' && DATA_ONLY.test(firstWords(op.sql))));
}

/** The half-applied revisions of this database (none where DDL is transactional). */
export async function halfAppliedRevisions(conn: Connection, dialect: Dialect): Promise<JournalState[]> {
  if (dialect.transactionalDdl) return [];
  const rows = await conn.query<{ revision: string; journal: string | null }>("SELECT revision, journal FROM dihya_history WHERE state = 'partial' ORDER BY revision");
  return rows.map((r) => ({ revision: r.revision, ...(JSON.parse(r.journal ?? '{}') as Omit<JournalState, 'revision'>) }));
}

/** The error a later run meets while `state` is unsettled. */
export function refusal(state: JournalState): RevisionHalfAppliedError {
  return new RevisionHalfAppliedError(state.revision, state.direction, state.done, state.failed, 'earlier');
}

/** The journal of one step while it runs. */
export class StatementJournal {
  #done: JournaledStatement[] = [];
  #hadHistory = false;

  constructor(
    private readonly conn: Connection,
    private readonly dialect: Dialect,
    private readonly revision: Revision,
    private readonly direction: 'up' | 'down',
    private readonly row: { appliedAt: string; appliedBy: string; host: string; toolVersion: string },
  ) {}

  private p(n: number): string {
    return this.dialect.placeholder(n);
  }

  private journal(failed: JournalState['failed'] = null): string {
    const state: Omit<JournalState, 'revision'> = { direction: this.direction, done: this.#done, failed, hadHistory: this.#hadHistory };
    return JSON.stringify(state);
  }

  /** Marks the revision partial before its first statement runs, so even a killed run leaves a trace. */
  async start(): Promise<void> {
    const [existing] = await this.conn.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM dihya_history WHERE revision = ${this.p(1)}`, [this.revision.id]);
    this.#hadHistory = Number(existing?.n) > 0;
    const r = this.revision;
    await this.conn.query(
      this.#hadHistory
        ? `UPDATE dihya_history SET state = 'partial', journal = ${this.p(1)} WHERE revision = ${this.p(2)}`
        : `INSERT INTO dihya_history (revision, message, checksum, applied_at, duration_ms, applied_by, host, tool_version, state, journal)
           VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map((n) => this.p(n)).join(', ')}, 'partial', ${this.p(9)})`,
      this.#hadHistory
        ? [this.journal(), r.id]
        : [r.id, r.message, r.checksum, this.row.appliedAt, 0, this.row.appliedBy, this.row.host, this.row.toolVersion, this.journal()],
    );
  }

  /** Records a completed statement before the next one starts. */
  async record(index: number, sql: string): Promise<void> {
    this.#done.push({ statement: index + 1, checksum: sha256(sql), sql: abbreviate(sql) });
    await this.conn.query(`UPDATE dihya_history SET journal = ${this.p(1)} WHERE revision = ${this.p(2)}`, [this.journal(), this.revision.id]);
  }

  /**
   * After a failure: with nothing completed the partial row goes and the failure is an ordinary one
   * (the failing statement itself changed nothing); otherwise the journal keeps the failed statement
   * and the error says what stayed and how to settle it.
   */
  async settleFailure(error: unknown): Promise<unknown> {
    if (this.#done.length === 0) {
      // Should this fail too (the server went away), the partial row stays and the next run says so.
      await this.dialect.runBatch(this.conn, this.undoStatements()).catch(() => undefined);
      return error instanceof StatementFailedError
        ? new StatementFailedError(error.revision, error.statementIndex, error.statement, error.databaseError, true)
        : error;
    }
    const failed = error instanceof StatementFailedError
      ? { statement: error.statementIndex + 1, sql: abbreviate(error.statement), error: error.databaseError }
      : { statement: this.#done.length + 1, sql: '', error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
    await this.conn
      .query(`UPDATE dihya_history SET journal = ${this.p(1)} WHERE revision = ${this.p(2)}`, [this.journal(failed), this.revision.id])
      .catch(() => undefined);
    return new RevisionHalfAppliedError(this.revision.id, this.direction, this.#done, failed, 'now');
  }

  /** Puts the history row back as it was before the step. */
  private undoStatements(): Statement[] {
    return settleStatements(this.dialect, { revision: this.revision.id, direction: this.direction, done: [], failed: null, hadHistory: this.#hadHistory }, false);
  }
}

/**
 * The history statements that settle a half-applied revision: `applied` when its step counts as
 * done (finished by hand), otherwise as never started (its completed statements were undone).
 */
export function settleStatements(dialect: Dialect, state: JournalState, applied: boolean): Statement[] {
  const p = (n: number) => dialect.placeholder(n);
  const revisionApplied = applied === (state.direction === 'up');
  const remove = { sql: `DELETE FROM dihya_history WHERE revision = ${p(1)}`, params: [state.revision] };
  if (!revisionApplied) return [remove];
  // An upgrade finished by hand keeps the row the runner started; a downgrade undone restores the row it had.
  if (state.direction === 'down' && !state.hadHistory) return [remove];
  return [{ sql: `UPDATE dihya_history SET state = 'applied', journal = NULL WHERE revision = ${p(1)}`, params: [state.revision] }];
}
