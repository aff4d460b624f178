/** The database kinds the linter knows; PGlite is linted as PostgreSQL. */
export type LintDialect = 'postgres' | 'mysql' | 'sqlite';

/** All lint dialects, in the order reports list them. */
export const LINT_DIALECTS: readonly LintDialect[] = ['postgres', 'mysql', 'sqlite'];

/** How much a finding matters: an `error` makes `dihya lint` exit 3. */
export type Severity = 'error' | 'warning';

/** A rule's severity as env.ts may set it (`off` disables the rule). */
export type SeveritySetting = Severity | 'off';

/** One problem the linter found, where it is, and what to do about it. */
export interface Finding {
  readonly rule: string;
  /** The rule's stable code, e.g. `DL106`. */
  readonly code: string;
  readonly severity: Severity;
  /** The file, relative to the working directory, with `/` separators. */
  readonly file: string;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** What is wrong at this place. */
  readonly message: string;
  /** Why it is a problem (the rule's explanation). */
  readonly why: string;
  /** What to do instead. */
  readonly fix: string;
  /** The revision the file belongs to; absent for env.ts and templates. */
  readonly revision?: string;
  /** The dialects for which the finding holds. */
  readonly dialects: readonly LintDialect[];
}

/** What a lint run returns. */
export interface LintReport {
  /** True when no finding is an error. */
  readonly ok: boolean;
  readonly dialects: readonly LintDialect[];
  /** The revisions linted, base first. */
  readonly revisions: readonly string[];
  readonly findings: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
  /** Findings silenced by a `dihya-ignore` comment. */
  readonly suppressed: number;
}
