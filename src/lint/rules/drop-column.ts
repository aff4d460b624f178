import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** DROP COLUMN outside a contract revision. */
export const dropColumn: LintRule = {
  id: 'drop-column',
  code: 'DL106',
  title: 'column dropped outside a contract revision',
  severity: 'error',
  why: 'Dropping a column destroys its data for good, and the application version still running may read or write it.',
  fix: "Stop using the column in the application first, then drop it in a revision marked phase: 'contract' (`-- dihya:phase contract` in SQL).",
  checkRevision(ctx) {
    if (ctx.revision.meta.phase === 'contract') return;
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind === 'dropColumn' && onExistingTable(lc)) ctx.report(placeOf(lc), `drops column ${named(c.table, c.column)} and its data`);
    }
  },
};
