/**
 * The part of `dihya-migrate` that revision files, env.ts and data tests call while they load: the
 * `define*` helpers, and nothing they would pull in. When every name a project's files import from
 * `dihya-migrate` is here, their bundle imports this module instead of the whole library, so a run
 * does not load the linter, the GDPR engine and the rest for a command that needs none of them.
 *
 * @example
 * import { defineMigration } from 'dihya-migrate'; // in a revision file: resolved here when it can be
 */
export { defineConfig, defineMigration } from './api/define.js';
export { defineSchema } from './schema/declared-schema.js';
export { defineRevisionTest } from './testing/define-revision-test.js';
