import type { ErrorCode } from '../core/errors.js';

/** 0 success, 1 database or migration failure, 2 bad input, 3 a check found problems. */
export const EXIT = { ok: 0, failure: 1, badInput: 2, checkFailed: 3 } as const;

const BY_CODE: Record<ErrorCode, number> = {
  USAGE: 2, CONFIG_INVALID: 2, URL_INVALID: 2, INIT_EXISTS: 2, REVISION_SYNTAX: 2, REVISION_DUPLICATE: 2,
  REVISION_MISSING_PARENT: 2, REVISION_CYCLE: 2, BRANCH_LABEL_DUPLICATE: 2, TARGET_UNKNOWN: 2, TARGET_AMBIGUOUS: 2,
  TARGET_INVALID: 2, STATE_INVALID: 2,
  CONNECTION_FAILED: 2,
  STATEMENT_FAILED: 1, MIGRATION_FAILED: 1, REVISION_HALF_APPLIED: 1, LOCK_TIMEOUT: 1, UNSUPPORTED_OPERATION: 1,
  CHECKSUM_MISMATCH: 3, VALIDATION_FAILED: 3, AUDIT_BROKEN: 3, NOT_STAGED: 3,
};

/** The exit status for an error code. An unreachable server is bad input: the URL or setup is wrong. */
export function exitCodeFor(code: ErrorCode): number {
  return BY_CODE[code] ?? EXIT.failure;
}
