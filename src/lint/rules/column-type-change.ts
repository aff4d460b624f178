import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';
import { postgresCastIsSafe } from '../sql/type-names.js';

/** ALTER COLUMN … TYPE that PostgreSQL cannot do in the catalogue alone. */
export const columnTypeChange: LintRule = {
  id: 'column-type-change',
  code: 'DL103',
  title: 'column type change that rewrites the table',
  severity: 'error',
  dialects: ['postgres'],
  why:
    'Most type changes make PostgreSQL rewrite the table and rebuild its indexes under an ACCESS EXCLUSIVE lock, and the running ' +
    'application may still read or write the old type. Only a few changes are free: a longer varchar, varchar to text, a wider numeric with the same scale.',
  fix: 'Add a column of the new type, write to both, backfill in batches, switch the reads, then drop the old column in a contract revision.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind !== 'alterColumnType' || !onExistingTable(lc)) continue;
      const before = lc.known.before?.type;
      if (before !== undefined && postgresCastIsSafe(before, c.type)) continue;
      const from = before === undefined ? ' (its current type is not known to the linter)' : ` from ${before}`;
      ctx.report(placeOf(lc), `changes the type of ${named(c.table, c.column)}${from} to ${c.type}`);
    }
  },
};
