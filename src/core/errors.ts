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
  | 'LOCK_TIMEOUT'
  | 'UNSUPPORTED_OPERATION'
  | 'CHECKSUM_MISMATCH'
  | 'VALIDATION_FAILED'
  | 'AUDIT_BROKEN'
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
