import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** FOREIGN KEY or CHECK added and checked against every row in one locked step. */
export const constraintWithoutNotValid: LintRule = {
  id: 'constraint-without-not-valid',
  code: 'DL109',
  title: 'foreign key or check added without NOT VALID',
  severity: 'error',
  dialects: ['postgres'],
  why:
    'Adding a FOREIGN KEY or CHECK makes PostgreSQL scan the whole table while it holds a lock that blocks writes ' +
    '(ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE on both tables for a foreign key). Validating it in the same ' +
    'transaction that added it keeps that lock during the scan, so it does not help.',
  fix: 'Add the constraint with NOT VALID (new rows are checked at once), then run ALTER TABLE … VALIDATE CONSTRAINT in a later revision: validation does not block writes.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (!onExistingTable(lc)) continue;
      if (c.kind === 'addConstraint' && (c.constraint === 'foreignKey' || c.constraint === 'check') && !c.notValid) {
        const what = c.constraint === 'foreignKey' ? `foreign key ${c.name}${c.refTable ? ` to ${c.refTable}` : ''}` : `check ${c.name}`;
        ctx.report(placeOf(lc), `adds ${what} on ${c.table} without NOT VALID`);
      }
      if (c.kind === 'addColumn' && c.column.references) {
        ctx.report(placeOf(lc), `adds ${named(c.table, c.column.name)} with a foreign key to ${c.column.references}, validated at once`,
          'Add the column without the reference, then add the foreign key with NOT VALID and validate it in a later revision.');
      }
      if (c.kind === 'validateConstraint' && lc.known.addedInRevision) {
        ctx.report(placeOf(lc), `validates ${c.name} on ${c.table} in the same transaction that added it`, 'Move VALIDATE CONSTRAINT to a later revision.');
      }
    }
  },
};
