import { onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** RENAME of a table the running application uses. */
export const renameTable: LintRule = {
  id: 'rename-table',
  code: 'DL105',
  title: 'table renamed',
  severity: 'error',
  why: 'The application version still running queries the table by its old name, and every such query fails once the rename commits.',
  fix: 'Create the table under its new name and move the data and the code over in steps, or rename it and leave a view with the old name until no deployed code uses it.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind === 'renameTable' && onExistingTable(lc)) ctx.report(placeOf(lc), `renames table ${c.table} to ${c.to}`);
    }
  },
};
