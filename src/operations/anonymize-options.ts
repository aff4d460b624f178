/**
 * How `op.anonymizeColumn` replaces a column's values:
 * - `'null'`: sets them to NULL (the column must accept NULL);
 * - `'anonymize'`: an irreversible replacement that keeps the format and any UNIQUE key valid
 *   (text `anon-<primary key>`, e-mail-named text `anon-<primary key>@anonymized.invalid`, numbers 0,
 *   booleans false, dates and timestamps 2000-01-01);
 * - `'pseudonymize'`: the HMAC-SHA-256 (hex) of the value, keyed by `DIHYA_GDPR_KEY`, so equal values
 *   stay equal (joins and counts still work) and nobody without the key can recompute them.
 */
export type AnonymizeStrategy = 'null' | 'anonymize' | 'pseudonymize';

/** The fourth argument of `op.anonymizeColumn`. */
export interface AnonymizeOptions {
  /** A SQL condition restricting the rows changed, e.g. `"is_rgpd_deleted = true"`. Rows outside it are untouched. */
  readonly where?: string;
  /** Rows changed per statement, in primary-key order (default 1,000). */
  readonly batchSize?: number;
}

/** Rows per batch when `batchSize` is not given. */
export const DEFAULT_ANONYMIZE_BATCH = 1000;
