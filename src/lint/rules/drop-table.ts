import { onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** DROP TABLE outside a contract revision. */
export const dropTable: LintRule = {
  id: 'drop-table',
  code: 'DL107',
  title: 'table dropped outside a contract revision',
  severity: 'error',
  why: 'Dropping a table destroys every row in it, and the application version still running may query it.',
  fix: "Stop using the table in the application first, keep a backup, then drop it in a revision marked phase: 'contract'.",
  checkRevision(ctx) {
    if (ctx.revision.meta.phase === 'contract') return;
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind === 'dropTable' && onExistingTable(lc)) ctx.report(placeOf(lc), `drops table ${c.table} and every row in it`);
    }
  },
};
