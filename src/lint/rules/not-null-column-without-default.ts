import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** ADD COLUMN … NOT NULL with nothing to put in the rows that already exist. */
export const notNullColumnWithoutDefault: LintRule = {
  id: 'not-null-column-without-default',
  code: 'DL101',
  title: 'NOT NULL column added without a default',
  severity: 'error',
  why:
    'The existing rows have no value for the new column: PostgreSQL and SQLite refuse the change as soon as the table holds a row, ' +
    'and MySQL fills the rows with an implicit zero or empty string nobody chose.',
  fix: 'Give the column a default, or add it nullable, backfill it, and make it NOT NULL in a later revision.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind !== 'addColumn' || !onExistingTable(lc)) continue;
      const col = c.column;
      if (!col.notNull || col.default !== undefined || col.identity || col.storedGenerated || /serial$/.test(col.type)) continue;
      ctx.report(placeOf(lc), `adds NOT NULL column ${named(c.table, col.name)} without a default to a table that may already hold rows`);
    }
  },
};
