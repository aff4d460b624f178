import type { MigrationFn, Phase } from '../revisions/revision.js';
import type { DihyaConfig } from './config.js';

/** What a TypeScript revision file exports by default. */
export interface MigrationDefinition {
  /** Unique id; generated ones are 12 hex characters. */
  revision: string;
  /** Parent(s): a string, an array for a merge, or null for the first revision. */
  downRevision: string | readonly string[] | null;
  dependsOn?: readonly string[];
  branchLabels?: readonly string[];
  message: string;
  /** Why this change exists. */
  purpose?: string;
  /** What it does to the database and the running application (locks, rewrites, downtime). */
  impact?: string;
  /** How to undo it and what is lost when undoing it. */
  rollback?: string;
  critical?: boolean;
  phase?: Phase;
  up: MigrationFn;
  down?: MigrationFn;
}

/**
 * Declares a revision. It returns its argument unchanged; it exists for typing and completion.
 *
 * @example
 * export default defineMigration({
 *   revision: '3f2a9c1e7b4d', downRevision: null, message: 'create users',
 *   purpose: 'Accounts', impact: 'New table', rollback: 'down() drops it',
 *   async up(op) { op.createTable('users', { id: { type: 'bigint', primaryKey: true, identity: true } }); },
 *   async down(op) { op.dropTable('users'); },
 * });
 */
export function defineMigration<T extends MigrationDefinition>(definition: T): T {
  return definition;
}

/**
 * Declares the environment file `migrations/env.ts`.
 *
 * @example
 * export default defineConfig({
 *   environments: { development: { url: 'sqlite:./dihya.db' }, production: { url: process.env.DATABASE_URL } },
 *   session: { lockTimeout: '5s' },
 * });
 */
export function defineConfig<T extends DihyaConfig>(config: T): T {
  return config;
}
