/**
 * Typed errors. Every error a user can meet carries a stable `code`, a one-line message that names
 * the thing at fault and says what to do, and the data a caller needs. The CLI maps codes to exit
 * statuses (see `cli/exit-codes.ts`); the library never prints or exits.
 */
export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'URL_INVALID'
  | 'INIT_EXISTS'
  | 'REVISION_SYNTAX'
  | 'REVISION_DUPLICATE'
  | 'REVISION_MISSING_PARENT'
  | 'REVISION_CYCLE'
  | 'BRANCH_LABEL_DUPLICATE'
  | 'TARGET_UNKNOWN'
  | 'TARGET_AMBIGUOUS'
  | 'TARGET_INVALID'
  | 'CONNECTION_FAILED'
  | 'STATEMENT_FAILED'
  | 'MIGRATION_FAILED'
  | 'REVISION_HALF_APPLIED'
  | 'LOCK_TIMEOUT'
  | 'UNSUPPORTED_OPERATION'
  | 'CHECKSUM_MISMATCH'
  | 'VALIDATION_FAILED'
  | 'AUDIT_BROKEN'
  | 'NOT_STAGED'
  | 'STATE_INVALID';

/** Base class of every error Dihya Migrate throws on purpose. */
export class DihyaError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'DihyaError';
  }
}

/** Bad command-line or API usage: a missing argument, an unknown option value. */
export class UsageError extends DihyaError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** env.ts or a configuration value is wrong. */
export class ConfigError extends DihyaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_INVALID', message, options);
  }
}

/** A revision file cannot be read: syntax error, missing field, bad header. */
export class RevisionSyntaxError extends DihyaError {
  constructor(readonly file: string, detail: string, options?: { cause?: unknown }) {
    super('REVISION_SYNTAX', `${file}: ${detail}`, options);
  }
}

/** The revision graph is malformed (duplicate id, missing parent, cycle, duplicate label). */
export class RevisionGraphError extends DihyaError {
  constructor(
    code: 'REVISION_DUPLICATE' | 'REVISION_MISSING_PARENT' | 'REVISION_CYCLE' | 'BRANCH_LABEL_DUPLICATE',
    message: string,
    readonly revisions: readonly string[] = [],
  ) {
    super(code, message);
  }
}

/** A target (`head`, `-1`, `ae10+2`, `label@head`, …) cannot be resolved. */
export class TargetError extends DihyaError {
  constructor(code: 'TARGET_UNKNOWN' | 'TARGET_AMBIGUOUS' | 'TARGET_INVALID', message: string) {
    super(code, message);
  }
}

/** The database could not be reached or the URL is malformed. */
export class ConnectionError extends DihyaError {
  constructor(message: string, options?: { cause?: unknown; code?: 'CONNECTION_FAILED' | 'URL_INVALID' }) {
    super(options?.code ?? 'CONNECTION_FAILED', message, options);
  }
}

/** One statement of a revision failed; the revision was rolled back where the database allows it. */
export class StatementFailedError extends DihyaError {
  constructor(
    readonly revision: string,
    readonly statementIndex: number,
    readonly statement: string,
    readonly databaseError: string,
    readonly rolledBack: boolean,
  ) {
    super(
      'STATEMENT_FAILED',
      `revision ${revision} failed at statement ${statementIndex + 1} (${abbreviate(statement)}): ${databaseError}` +
        (rolledBack ? '; the revision was rolled back, fix it and run the command again' : ''),
    );
  }
}

/**
 * A statement failed after part of its revision had been committed: a statement that cannot run in
 * a transaction (PostgreSQL's CREATE INDEX CONCURRENTLY) commits what ran before it. The revision
 * is not recorded as applied; the message says what stayed and the two ways out.
 */
export class RevisionPartlyCommittedError extends StatementFailedError {
  constructor(revision: string, statementIndex: number, statement: string, databaseError: string, readonly committed: number) {
    super(revision, statementIndex, statement, databaseError, false);
    const stayed = committed === 1 ? 'statement 1 stayed committed' : `statements 1 to ${committed} stayed committed`;
    this.message =
      `revision ${revision} failed at statement ${statementIndex + 1} (${abbreviate(statement)}): ${databaseError}; ` +
      `${stayed} (a statement that cannot run in a transaction commits what ran before it) and the revision is not recorded as applied. ` +
      `Either undo them by hand (its down() shows how) and run the upgrade again, or finish the revision by hand and run \`dihya stamp ${revision}\``;
  }
}

/** A statement of a half-applied revision, as its journal knows it. */
export interface JournaledStatement {
  /** 1-based, in the order the revision runs them. */
  readonly statement: number;
  /** SHA-256 of the statement's SQL. */
  readonly checksum: string;
  /** The SQL on one line, shortened. */
  readonly sql: string;
}

/**
 * A revision stopped midway on a database whose DDL commits on its own (MySQL, MariaDB): the
 * statements it completed stayed. Thrown when it happens and by every later upgrade or downgrade
 * until `dihya resolve` settles it; the message says which statements completed and the two ways out.
 */
export class RevisionHalfAppliedError extends DihyaError {
  constructor(
    readonly revision: string,
    readonly direction: 'up' | 'down',
    readonly completed: readonly JournaledStatement[],
    readonly failed: { readonly statement: number; readonly sql: string; readonly error: string } | null,
    readonly when: 'now' | 'earlier',
  ) {
    super('REVISION_HALF_APPLIED', halfAppliedMessage(revision, direction, completed, failed, when));
  }
}

function halfAppliedMessage(
  revision: string,
  direction: 'up' | 'down',
  completed: readonly JournaledStatement[],
  failed: { statement: number; sql: string; error: string } | null,
  when: 'now' | 'earlier',
): string {
  const what = direction === 'up' ? 'upgrade' : 'downgrade';
  const shown = completed.slice(0, 5).map((s) => `${s.statement} (${abbreviate(s.sql, 60)})`);
  if (completed.length > shown.length) shown.push(`and ${completed.length - shown.length} more`);
  const done = completed.length === 0
    ? 'no statement completed'
    : `statement${completed.length > 1 ? 's' : ''} ${shown.join(', ')} completed and stayed (this database commits each DDL statement, so nothing was rolled back)`;
  const cause = failed
    ? failed.sql
      ? `failed at statement ${failed.statement} (${abbreviate(failed.sql, 80)}): ${failed.error}`
      : `stopped before statement ${failed.statement}: ${failed.error}`
    : completed.length === 0
      ? 'was interrupted before its first statement completed (it may have run)'
      : `was interrupted after statement ${completed.length} (statement ${completed.length + 1} may have run too)`;
  const undo = direction === 'up' ? "by hand, or with what the revision's down() does for them" : "by hand, or with what the revision's up() does for them";
  return (
    `${when === 'earlier' ? `revision ${revision} is half-applied: its ${what}` : `revision ${revision}${direction === 'down' ? ' (downgrade)' : ''}`} ${cause}; ${done}. ` +
    `Either undo the completed statements (${undo}) and run \`dihya resolve ${revision} --rolled-back\`, ` +
    `or finish the ${what} by hand and run \`dihya resolve ${revision} --applied\`; ` +
    'until then every upgrade and downgrade refuses to run'
  );
}

/**
 * A revision irreversibly changes data (`op.anonymizeColumn`) and its `rollback` text does not
 * say so: whoever reads the revision before a deployment must know a downgrade brings nothing back.
 */
export class UndeclaredIrreversibleError extends DihyaError {
  constructor(readonly revision: string, what: string) {
    super(
      'REVISION_SYNTAX',
      `revision ${revision} runs ${what}, which cannot be undone, but its rollback text does not say so; ` +
        "write in `rollback` that the change is irreversible (e.g. 'Irreversible: the former values cannot be restored')",
    );
  }
}

/** An operation the dialect cannot express. */
export class UnsupportedOperationError extends DihyaError {
  constructor(dialect: string, what: string, hint = '') {
    super('UNSUPPORTED_OPERATION', `${dialect} cannot ${what}${hint ? `; ${hint}` : ''}`);
  }
}

/** An applied revision's file differs from what was applied. */
export class ChecksumMismatchError extends DihyaError {
  constructor(readonly revisions: readonly string[]) {
    super(
      'CHECKSUM_MISMATCH',
      `applied revision${revisions.length > 1 ? 's' : ''} ${revisions.join(', ')} changed since ${revisions.length > 1 ? 'they were' : 'it was'} applied; ` +
        'restore the file(s) or run with --allow-changed (see `dihya validate`)',
    );
  }
}

/** Revisions about to be applied that the staging environment has not applied with the same checksum. */
export class NotStagedError extends DihyaError {
  constructor(
    readonly environment: string,
    readonly notApplied: readonly string[],
    readonly changed: readonly string[],
  ) {
    const parts = [
      ...(notApplied.length ? [`${notApplied.join(', ')} not applied in ${environment}`] : []),
      ...(changed.length ? [`${changed.join(', ')} applied in ${environment} with a different checksum`] : []),
    ];
    super('NOT_STAGED', `refusing to apply revision${notApplied.length + changed.length > 1 ? 's' : ''} ${parts.join('; ')}; ` +
      `run \`dihya upgrade --env ${environment}\` with these files first, then retry`);
  }
}

/** Waiting for the migration lock took too long. */
export class LockTimeoutError extends DihyaError {
  constructor(what: string) {
    super('LOCK_TIMEOUT', `could not take the migration lock on ${what} in time; another dihya run is still going on, retry when it ends`);
  }
}

/** Shortens a SQL statement to one line for messages. */
export function abbreviate(sql: string, max = 120): string {
  const oneLine = sql.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
