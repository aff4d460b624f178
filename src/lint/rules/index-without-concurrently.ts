import { onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** CREATE INDEX / DROP INDEX on an existing PostgreSQL table without CONCURRENTLY. */
export const indexWithoutConcurrently: LintRule = {
  id: 'index-without-concurrently',
  code: 'DL108',
  title: 'index created or dropped without CONCURRENTLY',
  severity: 'error',
  dialects: ['postgres'],
  why:
    'CREATE INDEX holds a SHARE lock that blocks every write to the table for the whole build, and DROP INDEX takes an ' +
    'ACCESS EXCLUSIVE lock that blocks reads too; on a large table that is minutes of downtime.',
  fix:
    "Use op.createIndex(table, columns, { concurrently: true }), or CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY in SQL " +
    '(dihya runs those outside the transaction).',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind === 'createIndex' && !c.concurrently && onExistingTable(lc)) {
        ctx.report(placeOf(lc), `creates ${c.name ? `index ${c.name}` : 'an index'} on ${c.table} without CONCURRENTLY`);
      }
      if (c.kind === 'dropIndex' && !c.concurrently && onExistingTable(lc)) {
        ctx.report(placeOf(lc), `drops index ${c.name}${lc.known.indexTable ? ` of ${lc.known.indexTable}` : ''} without CONCURRENTLY`);
      }
    }
  },
};
