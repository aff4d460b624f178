import { onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** ADD UNIQUE / PRIMARY KEY that builds its index under an ACCESS EXCLUSIVE lock. */
export const uniqueWithoutUsingIndex: LintRule = {
  id: 'unique-without-using-index',
  code: 'DL111',
  title: 'unique or primary key constraint added without USING INDEX',
  severity: 'error',
  dialects: ['postgres'],
  why: 'ADD CONSTRAINT … UNIQUE (or PRIMARY KEY) builds its index while holding an ACCESS EXCLUSIVE lock: no read or write gets through until the index is built.',
  fix: 'Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then attach it with ALTER TABLE … ADD CONSTRAINT name UNIQUE USING INDEX index_name.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind !== 'addConstraint' || c.usingIndex || !onExistingTable(lc)) continue;
      if (c.constraint === 'unique' || c.constraint === 'primaryKey') {
        ctx.report(placeOf(lc), `adds ${c.constraint === 'unique' ? 'unique constraint' : 'primary key'} ${c.name} on ${c.table} without USING INDEX`);
      }
    }
  },
};
