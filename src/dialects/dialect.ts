import type { Operation } from '../operations/operation.js';
import type { SchemaModel, TableModel } from '../schema/schema-model.js';
import type { SchemaNormalizer } from '../schema/schema-normalizer.js';

/** One SQL statement ready to run or print. */
export interface Statement {
  readonly sql: string;
  /** Bound values, never inlined except in offline SQL output. */
  readonly params?: readonly unknown[];
  /** false for statements that cannot run inside a transaction (e.g. CREATE INDEX CONCURRENTLY). */
  readonly transactional?: boolean;
}

/** An open session on a database. Drivers hide their own APIs behind it. */
export interface Connection {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements with no parameters. */
  exec(sql: string): Promise<void>;
  begin(): Promise<void>;
  /** Commits; a `script` (no parameters) runs first, sent with the COMMIT where the driver can. */
  commit(script?: string): Promise<void>;
  rollback(): Promise<void>;
  readonly inTransaction: boolean;
  close(): Promise<void>;
  /** Who and where, for the audit trail: the database user and the server (no password). */
  identity(): Promise<{ user: string; server: string }>;
}

/** Answers the questions a renderer may need the live (or scratch) database for. */
export interface RenderContext {
  introspectTable(table: string): Promise<TableModel | undefined>;
  /**
   * Reads the live catalogue (MySQL looks up which table an index belongs to, and whether a foreign
   * key's implicit index exists). Absent in offline SQL, where there is no database to ask.
   */
  query?<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** Session settings from env.ts, applied at the start of each transaction where supported. */
export interface SessionSettings {
  readonly lockTimeout?: string;
  readonly statementTimeout?: string;
  readonly searchPath?: string;
  /**
   * MySQL/MariaDB: how long a DDL statement waits for a metadata lock before failing
   * (`lock_wait_timeout`), as seconds or a duration such as `'5s'` or `'2min'`.
   */
  readonly lockWaitTimeout?: number | string;
}

/** The migration lock, held for a whole run. */
export interface MigrationLock {
  release(): Promise<void>;
  /**
   * Called by a migration run outside any transaction, once it knows it has steps to run: a
   * dialect whose lock is otherwise taken per transaction (SQLite) may hold the database for the
   * rest of the run. True when it does: no other session can write until `release`, so what the
   * run reads stays true between its steps.
   */
  holdForRun?(): Promise<boolean>;
}

/**
 * Everything the runner, diff, lint and GDPR modules may know about a database kind. A dialect
 * never imports another dialect, the runner or the CLI.
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres' | 'mysql';
  /**
   * DDL runs inside transactions and rolls back with them. Where it does not (MySQL commits around
   * each DDL statement), the runner journals every completed statement of a revision.
   */
  readonly transactionalDdl: boolean;
  /**
   * The migration lock excludes every other runner for the whole run (PostgreSQL's advisory lock),
   * so the runner may keep the version and audit state in memory between steps. False where the
   * lock is only held per transaction (SQLite), so each step re-reads them.
   */
  readonly exclusiveLock: boolean;
  /**
   * Where the lock is not exclusive: a value that changes when another session has committed since
   * the last call (SQLite's `PRAGMA data_version`), so unchanged state need not be read again.
   */
  externalChangeToken?(conn: Connection): Promise<string>;
  quoteIdent(name: string): string;
  /** A literal for offline SQL and DDL defaults, escaped safely. */
  literal(value: unknown): string;
  /** The placeholder of the n-th (1-based) bound parameter. */
  placeholder(n: number): string;
  /** Renders one operation to statements. SQLite may introspect to plan a table rebuild. */
  render(op: Operation, ctx: RenderContext): Promise<Statement[]>;
  /** Splits a hand-written SQL script into statements. */
  splitScript(sql: string): string[];
  /** Statements that create the bookkeeping tables if they are missing. */
  bookkeepingDdl(): string[];
  /**
   * Runs bookkeeping statements in as few round trips as the database allows (PostgreSQL sends
   * them as one script with escaped literals; SQLite, in-process, runs them one by one).
   */
  runBatch(conn: Connection, statements: readonly Statement[]): Promise<void>;
  /**
   * The batch as one script with its values written in, where the database runs such a script in
   * one round trip (PostgreSQL): the runner then sends it together with the COMMIT.
   */
  batchScript?(statements: readonly Statement[]): string;
  /** Statements run at the start of every migration transaction. */
  sessionStatements(settings: SessionSettings): string[];
  /** Takes the lock that serialises concurrent runners on this database. */
  lock(conn: Connection, timeoutMs: number): Promise<MigrationLock>;
  /**
   * Checks the transaction is still consistent before commit (SQLite: foreign keys, which are off
   * during migrations). `operations` are what ran, when known, so a check that cannot fail is skipped.
   */
  beforeCommit(conn: Connection, operations?: readonly Operation[]): Promise<void>;
  /** How this database stores and prints a declared schema, for the differ. */
  readonly normalizer: SchemaNormalizer;
  /** Reads the schema; with `table`, only that table (SQLite rebuilds need it mid-transaction). */
  introspect(conn: Connection, table?: string): Promise<SchemaModel>;
}
