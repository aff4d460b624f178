import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** SET NOT NULL on an existing column, which PostgreSQL checks with a full scan under lock. */
export const setNotNull: LintRule = {
  id: 'set-not-null',
  code: 'DL110',
  title: 'SET NOT NULL on an existing column',
  severity: 'error',
  dialects: ['postgres'],
  why:
    'ALTER COLUMN … SET NOT NULL scans every row to check for NULLs while an ACCESS EXCLUSIVE lock blocks all reads and writes. ' +
    'Since PostgreSQL 12 the scan is skipped when a validated CHECK (column IS NOT NULL) already proves it.',
  fix:
    'Add CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later revision, then SET NOT NULL (instant thanks ' +
    'to the check) and drop the check.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (!onExistingTable(lc)) continue;
      if (c.kind === 'setNotNull' && !lc.known.notNullCheck) ctx.report(placeOf(lc), `sets ${named(c.table, c.column)} NOT NULL, which scans the table under an ACCESS EXCLUSIVE lock`);
      if (c.kind === 'addConstraint' && c.constraint === 'notNull' && !c.notValid) {
        ctx.report(placeOf(lc), `adds NOT NULL constraint ${c.name} on ${c.table}, which scans the table under an ACCESS EXCLUSIVE lock`);
      }
    }
  },
};
