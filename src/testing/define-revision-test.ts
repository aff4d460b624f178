/**
 * The database a data test works on: the throwaway database `dihya test` walks, in autocommit.
 * Placeholders are the database's own: `?` on SQLite and MySQL/MariaDB, `$1` on PostgreSQL.
 */
export interface RevisionTestDb {
  /** `sqlite`, `postgres` (PGlite too) or `mysql` (MariaDB too), for SQL that differs between them. */
  readonly dialect: 'sqlite' | 'postgres' | 'mysql';
  /** Runs one statement with bound values and returns its rows (none for a write). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one or more statements without values. */
  exec(sql: string): Promise<void>;
}

/** One phase of a data test: it fails by throwing, e.g. through `node:assert`. */
export type RevisionTestPhase = (db: RevisionTestDb) => void | Promise<void>;

/**
 * A data test for one revision, in a file beside it named after it: `<revision file without its
 * extension>.data-test.ts`. `dihya test` runs `before` on the database as the revision's parents
 * leave it, then upgrades and runs `afterUpgrade`, then downgrades and runs `afterDowngrade`.
 */
export interface RevisionTest {
  /** Seeds rows before the revision's upgrade. */
  before?: RevisionTestPhase;
  /** Checks the rows once the revision is applied. */
  afterUpgrade?: RevisionTestPhase;
  /** Checks the rows once the revision is reverted. */
  afterDowngrade?: RevisionTestPhase;
}

/** The phases, in the order they run. */
export const REVISION_TEST_PHASES = ['before', 'afterUpgrade', 'afterDowngrade'] as const;

/**
 * Declares a revision's data test. It returns its argument unchanged; it exists for typing.
 *
 * @example
 * // versions/20260112_1000_b2d4f6a8c0e2_add_is_rgpd_deleted_to_users.data-test.ts
 * import assert from 'node:assert/strict';
 * import { defineRevisionTest } from 'dihya-migrate';
 * export default defineRevisionTest({
 *   async before(db) { await db.exec("INSERT INTO users (id, email) VALUES (1, 'a@example.org')"); },
 *   async afterUpgrade(db) {
 *     const rows = await db.query<{ is_rgpd_deleted: unknown }>('SELECT is_rgpd_deleted FROM users');
 *     assert.equal(rows.length, 1);
 *   },
 *   async afterDowngrade(db) { assert.equal((await db.query('SELECT id FROM users')).length, 1); },
 * });
 */
export function defineRevisionTest<T extends RevisionTest>(test: T): T {
  return test;
}
