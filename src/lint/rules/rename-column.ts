import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** RENAME COLUMN on a table the running application uses. */
export const renameColumn: LintRule = {
  id: 'rename-column',
  code: 'DL104',
  title: 'column renamed',
  severity: 'error',
  why:
    'The version of the application running while the migration is deployed still reads and writes the old name: ' +
    'every query that names the column fails from the moment the rename commits until the new version is out.',
  fix: 'Add the new column, write to both, backfill, move the reads, and drop the old column in a contract revision (or keep the old name).',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind === 'renameColumn' && onExistingTable(lc)) ctx.report(placeOf(lc), `renames column ${named(c.table, c.column)} to ${c.to}`);
    }
  },
};
