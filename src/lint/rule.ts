import type { LocatedChange } from './change.js';
import type { LintDialect, Severity } from './lint-types.js';
import type { UnreadableStatement } from './revision-facts.js';
import type { ProjectFile, RevisionSource } from './revision-source.js';

/** Where a rule reports a finding; `anchorLine` is the statement's line that a `dihya-ignore` above it names. */
export interface ReportPlace {
  readonly line: number;
  readonly column?: number;
  readonly anchorLine?: number;
}

/** What the project says that some rules need. */
export interface ProjectFacts {
  /** env.ts sets `session.lockTimeout` (a non-zero value). */
  readonly lockTimeoutConfigured: boolean;
  /** The placeholder texts of the revision templates (`purpose`, `impact`, `rollback` as generated). */
  readonly templateTexts: readonly string[];
  /** Every revision id and branch label, for `dependsOn` checks. */
  readonly knownTargets: ReadonlySet<string>;
  /**
   * Every `table.column` (lower-case) the personal-data map classifies, `personal: false` included;
   * absent when the project declares neither a schema nor a data map.
   */
  readonly classifiedColumns?: ReadonlySet<string>;
}

/** What a rule sees of one revision, for one dialect. */
export interface RevisionContext {
  readonly dialect: LintDialect;
  readonly revision: RevisionSource;
  /** What `up` does, in order, with what the linter knows about the schema at each step. */
  readonly changes: readonly LocatedChange[];
  /** How many operations or statements `down` records. */
  readonly downSteps: number;
  readonly unreadable: readonly UnreadableStatement[];
  readonly project: ProjectFacts;
  /** The 1-based line of a header field (`purpose`, `critical`, …) in the file, or of the revision's id. */
  fieldLine(field: string): number;
  report(place: ReportPlace, message: string, fix?: string): void;
}

/** What a rule sees of the files linted as text (revision files, env.ts, templates). */
export interface FilesContext {
  readonly files: readonly (ProjectFile & { revision?: string })[];
  report(file: string, place: ReportPlace, message: string, fix?: string): void;
}

/**
 * One lint rule: one file in src/lint/rules/, one page in docs/rules/<id>.md, one entry in the
 * registry. `dialects` limits it to the databases where the danger exists.
 */
export interface LintRule {
  /** Kebab-case id, used in `dihya-ignore` comments and in env.ts `lint.rules`. */
  readonly id: string;
  /** Stable code (`DL106`) that never changes once published. */
  readonly code: string;
  /** One line for listings and SARIF's short description. */
  readonly title: string;
  readonly severity: Severity;
  readonly dialects?: readonly LintDialect[];
  /** Why the pattern is a problem. */
  readonly why: string;
  /** What to do instead, in general; a finding may give a more precise fix. */
  readonly fix: string;
  checkRevision?(ctx: RevisionContext): void;
  checkFiles?(ctx: FilesContext): void;
}

/** Whether a rule applies to a dialect. */
export function appliesTo(rule: LintRule, dialect: LintDialect): boolean {
  return !rule.dialects || rule.dialects.includes(dialect);
}
