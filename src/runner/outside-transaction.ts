import type { Connection, Dialect, SessionSettings, Statement } from '../dialects/dialect.js';

/** How statements that run outside a transaction wait for their locks and retry. */
export const OUTSIDE_TRANSACTION = {
  /** lock_timeout when env.ts sets none: a concurrent build must not queue behind a long transaction forever. */
  defaultLockTimeout: '5s',
  attempts: 5,
  firstDelayMs: 1_000,
  maxDelayMs: 15_000,
} as const;

/** A retry about to happen, for progress output and the log. */
export interface LockRetry {
  readonly attempt: number;
  readonly of: number;
  readonly delayMs: number;
  readonly error: string;
}

/**
 * Statements PostgreSQL refuses inside a transaction block, as written in raw SQL (`op.execute`,
 * `.sql` revisions); rendered operations say so themselves with `transactional: false`.
 */
const NEEDS_AUTOCOMMIT = /^(?:CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY|DROP\s+INDEX\s+CONCURRENTLY|REINDEX\b[^;]*\bCONCURRENTLY|VACUUM\b|(?:CREATE|DROP)\s+(?:DATABASE|TABLESPACE)\b|ALTER\s+SYSTEM\b)/i;

/** Leading whitespace and comments, so a commented statement is recognised by its first keyword. */
const LEADING_NOISE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

/** True when the statement must run on its own, outside the revision's transaction. */
export function runsOutsideTransaction(dialect: Dialect, statement: Statement): boolean {
  if (statement.transactional === false) return true;
  return dialect.name === 'postgres' && NEEDS_AUTOCOMMIT.test(statement.sql.replace(LEADING_NOISE, ''));
}

/**
 * Runs a statement that cannot run in a transaction (PostgreSQL's CREATE INDEX CONCURRENTLY) in the
 * session's autocommit mode, with the session settings of env.ts applied to the session for its
 * duration (a SET LOCAL would vanish with the transaction it belongs to) and `lock_timeout`
 * defaulting to 5s. A lock timeout (SQLSTATE 55P03) is retried a bounded number of times with a
 * growing delay; before each attempt, and after the last failure, the invalid index a failed
 * concurrent build leaves behind is dropped, so the retry does not meet "already exists" and the
 * database is not left with an index that slows writes and serves no read.
 */
export async function runOutsideTransaction(
  conn: Connection,
  dialect: Dialect,
  statement: Statement,
  settings: SessionSettings,
  run: () => Promise<void>,
  onRetry?: (retry: LockRetry) => void,
): Promise<void> {
  const setup = dialect
    .sessionStatements({ ...settings, lockTimeout: settings.lockTimeout ?? OUTSIDE_TRANSACTION.defaultLockTimeout })
    .map((s) => s.replace(/^SET\s+LOCAL\s+/i, 'SET '));
  const reset = setup.flatMap((s) => /^SET\s+(?:SESSION\s+)?([a-z_]+)/i.exec(s)?.[1] ?? []).map((name) => `RESET ${name}`);
  if (setup.length > 0) await conn.exec(setup.join(';\n'));
  try {
    await withLockRetry(conn, statement, run, onRetry);
  } finally {
    // Back to the connection's own defaults: the next transaction sets its SET LOCAL values again.
    if (dialect.name === 'postgres' && reset.length > 0) await conn.exec(reset.join(';\n')).catch(() => undefined);
  }
}

async function withLockRetry(conn: Connection, statement: Statement, run: () => Promise<void>, onRetry?: (retry: LockRetry) => void): Promise<void> {
  const index = concurrentIndexOf(statement.sql);
  const { attempts } = OUTSIDE_TRANSACTION;
  for (let attempt = 1; ; attempt++) {
    try {
      if (index) await dropInvalidIndex(conn, index);
      await run();
      return;
    } catch (e) {
      if (!isLockTimeout(e) || attempt >= attempts) {
        if (index) await dropInvalidIndex(conn, index).catch(() => undefined);
        throw attempt > 1 ? retriedError(e, attempt) : e;
      }
      const delayMs = backoff(attempt);
      onRetry?.({ attempt: attempt + 1, of: attempts, delayMs, error: messageOf(e) });
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

/** 1s, 2s, 4s, 8s… capped, with up to a quarter more at random so that retrying runners drift apart. */
function backoff(attempt: number): number {
  const base = Math.min(OUTSIDE_TRANSACTION.firstDelayMs * 2 ** (attempt - 1), OUTSIDE_TRANSACTION.maxDelayMs);
  return Math.round(base * (1 + Math.random() / 4));
}

function isLockTimeout(e: unknown): boolean {
  return (e as { code?: string }).code === '55P03';
}

function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/** The last error, saying that it was not the first try (the database's code is kept). */
function retriedError(e: unknown, attempts: number): Error {
  const error = new Error(`${messageOf(e)} (after ${attempts} attempts; another session holds a conflicting lock on the table: retry when it is idle)`, { cause: e });
  return Object.assign(error, { code: (e as { code?: string }).code });
}

/** An identifier as written: double-quoted (doubled quotes inside) or bare. */
const IDENT = String.raw`(?:"(?:[^"]|"")+"|[^\s"(.;]+)`;
const CREATE_CONCURRENTLY = new RegExp(
  String.raw`^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(${IDENT})\s+ON\s+(?:ONLY\s+)?(${IDENT}(?:\.${IDENT})?)`,
  'i',
);

/** The index a CREATE INDEX CONCURRENTLY builds: its stored name and its table as written. */
function concurrentIndexOf(sql: string): { name: string; table: string } | null {
  const m = CREATE_CONCURRENTLY.exec(sql.replace(LEADING_NOISE, ''));
  if (!m) return null;
  const raw = m[1]!;
  const name = raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase();
  return { name, table: m[2]! };
}

/** Drops the index of that name on that table if a failed concurrent build left it invalid. */
async function dropInvalidIndex(conn: Connection, index: { name: string; table: string }): Promise<void> {
  const rows = await conn.query<{ qualified: string }>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(i.relname) AS qualified
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = i.relnamespace
      WHERE x.indrelid = to_regclass($1) AND i.relname = $2 AND NOT x.indisvalid`,
    [index.table, index.name],
  );
  for (const row of rows) await conn.exec(`DROP INDEX CONCURRENTLY IF EXISTS ${row.qualified}`);
}
