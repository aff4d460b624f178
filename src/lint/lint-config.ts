import type { LintDialect, SeveritySetting } from './lint-types.js';

/**
 * The `lint` section of migrations/env.ts.
 *
 * @example
 * lint: {
 *   rules: { 'prefer-bigint-identity': 'off', 'sqlite-table-rebuild': 'error' },
 *   dialects: ['postgres', 'sqlite'],
 * }
 */
export interface LintConfig {
  /** A severity per rule id: `'error'` (exit 3), `'warning'` or `'off'`. Rules left out keep their default. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /**
   * The databases to lint for (`'postgres'`, `'mysql'`, `'sqlite'`; PGlite is `'postgres'`). Default: the
   * dialect of the environment's database. `--dialect` on the command line wins.
   */
  readonly dialects?: readonly LintDialect[];
  /** Where docs/rules/ is published, ending in `/`: SARIF links each rule to `<docsUrl><rule-id>.md`. */
  readonly docsUrl?: string;
}
