import type { Change } from './change.js';

/** The table locks PostgreSQL takes, weakest to strongest among those that matter to a migration. */
export type PostgresLock = 'share update exclusive' | 'share' | 'share row exclusive' | 'access exclusive';

/**
 * The lock a change takes on its table in PostgreSQL, or undefined for changes that take none worth
 * waiting for (data statements take row locks; settings and comments none here).
 *
 * @example postgresLock({ kind: 'createIndex', table: 't', name: 'i', unique: false, concurrently: false }); // 'share'
 */
export function postgresLock(c: Change): PostgresLock | undefined {
  switch (c.kind) {
    case 'createIndex':
      return c.concurrently ? 'share update exclusive' : 'share';
    case 'dropIndex':
      return c.concurrently ? 'share update exclusive' : 'access exclusive';
    case 'validateConstraint':
      return 'share update exclusive';
    case 'addConstraint':
      return c.constraint === 'foreignKey' ? 'share row exclusive' : 'access exclusive';
    case 'addColumn':
    case 'dropColumn':
    case 'renameColumn':
    case 'alterColumnType':
    case 'setNotNull':
    case 'dropNotNull':
    case 'setDefault':
    case 'dropConstraint':
    case 'dropTable':
    case 'renameTable':
    case 'rebuildTable':
      return 'access exclusive';
    default:
      return undefined;
  }
}
