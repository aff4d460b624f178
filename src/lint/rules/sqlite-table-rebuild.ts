import type { Change, LocatedChange } from '../change.js';
import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** An `op` call that SQLite can only do by rebuilding the table. */
export const sqliteTableRebuild: LintRule = {
  id: 'sqlite-table-rebuild',
  code: 'DL116',
  title: 'change that makes SQLite rebuild the table',
  severity: 'warning',
  dialects: ['sqlite'],
  why:
    'SQLite cannot alter a column, add or drop a constraint in place: dihya creates the new table, copies every row, drops the ' +
    'old one and renames. The database is locked for writes during the copy, which takes time and disk on a big table.',
  fix: 'Prefer changes SQLite does in place (ADD COLUMN with a constant default, RENAME), batch rebuilds of a table into one revision, and run them when writes can wait.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      if (lc.origin !== 'op' || !onExistingTable(lc)) continue;
      const what = rebuildCause(lc);
      if (what) ctx.report(placeOf(lc), `${what}: SQLite rebuilds ${'table' in lc.change ? lc.change.table : 'the table'} (copies every row into a new table)`);
    }
  },
};

function rebuildCause(lc: LocatedChange): string | undefined {
  const c: Change = lc.change;
  switch (c.kind) {
    case 'alterColumnType':
      return `changes the type of ${named(c.table, c.column)}`;
    case 'setNotNull':
    case 'dropNotNull':
      return `changes whether ${named(c.table, c.column)} accepts NULL`;
    case 'setDefault':
      return `changes the default of ${named(c.table, c.column)}`;
    case 'addColumn':
      if (c.column.primaryKey || c.column.unique) return `adds key column ${named(c.table, c.column.name)}`;
      return c.column.defaultIsExpression ? `adds ${named(c.table, c.column.name)} with a non-constant default` : undefined;
    case 'dropColumn':
      return lc.known.columnInvolved ? `drops ${named(c.table, c.column)}, which an index, key or check may use` : undefined;
    case 'addConstraint':
      return `adds constraint ${c.name}`;
    case 'dropConstraint':
      return `drops constraint ${c.name}`;
    default:
      return undefined;
  }
}
