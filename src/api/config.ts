import type { SessionSettings } from '../dialects/dialect.js';
import type { DeclaredSchema } from '../schema/declared-schema.js';
import type { LintConfig } from '../lint/lint-config.js';
import type { DataMapConfig } from '../gdpr/personal-data.js';

/** One named database. `DIHYA_<NAME>_URL` overrides `url`. */
export interface EnvironmentConfig {
  url?: string;
}

/** What a hook learns about a step; it never carries row data. */
export interface StepInfo {
  readonly revision: string;
  readonly direction: 'up' | 'down';
  readonly message: string;
  readonly environment: string;
}

/** The shape of `migrations/env.ts`. Every field is optional. */
export interface DihyaConfig {
  /** Databases per environment: `development`, `staging`, `production`, … */
  environments?: Record<string, EnvironmentConfig>;
  /** Settings applied at the start of each migration step (PostgreSQL's lockTimeout…, MySQL's lockWaitTimeout). */
  session?: SessionSettings;
  /** How long to wait for another runner's lock, in milliseconds (default 60 000). */
  lockWaitMs?: number;
  /** `per-revision` (default) or `all`: one transaction around the whole run. */
  transaction?: 'per-revision' | 'all';
  /** The JSON-lines log of applied steps; a path relative to the working directory. */
  log?: { file?: string; level?: 'info' | 'debug' | 'warn' | 'error' };
  /**
   * The declared schema (`defineSchema({ tables: { … } })`): what `dihya revision --autogenerate`,
   * `dihya check` and `dihya schema` compare the database with.
   */
  schema?: DeclaredSchema;
  /**
   * The personal-data map for tables the declared schema does not annotate (SQL written by hand): the
   * same `personal` annotations per table and column, merged with the schema's (this one wins).
   * `dihya gdpr map` prints it; `dihya gdpr scan` reports personal data it does not declare.
   *
   * @example dataMap: { tables: { newsletter: { columns: { email: { category: 'user.contact.email', basis: 'consent', retention: 'P2Y', strategy: 'delete' } } } } }
   */
  dataMap?: DataMapConfig;
  /**
   * `dihya lint`: a severity per rule (`'error'`, `'warning'` or `'off'`), the dialects to lint for,
   * and where the rule pages are published (see docs/rules/).
   *
   * @example lint: { rules: { 'prefer-bigint-identity': 'off' }, dialects: ['postgres'] }
   */
  lint?: LintConfig;
  /** Called around a run and around each step. A hook that throws stops the run. */
  hooks?: {
    beforeRun?: (ctx: { environment: string; direction: 'up' | 'down' }) => void | Promise<void>;
    afterRun?: (ctx: { environment: string; direction: 'up' | 'down'; steps: number }) => void | Promise<void>;
    beforeRevision?: (step: StepInfo) => void | Promise<void>;
    afterRevision?: (step: StepInfo & { durationMs: number }) => void | Promise<void>;
  };
}
