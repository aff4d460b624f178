import type { LocatedChange } from '../change.js';
import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';
import { mysqlTypeChangeInPlace } from '../sql/type-names.js';

/** An ALTER that MySQL/MariaDB can only do by copying the table. */
export const mysqlAlterCopy: LintRule = {
  id: 'mysql-alter-copy',
  code: 'DL115',
  title: 'MySQL ALTER that copies the table',
  severity: 'error',
  dialects: ['mysql'],
  why:
    'Without an in-place algorithm MySQL and MariaDB build a full copy of the table and block writes (often reads too) until ' +
    'it is done; on a large table that is an outage, and the copy needs as much free disk as the table.',
  fix:
    'Write ALGORITHM=INPLACE (or INSTANT) so the server refuses rather than copies, and run the change with an online tool ' +
    '(gh-ost, pt-online-schema-change) or as add-column, backfill, switch.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      if (!onExistingTable(lc)) continue;
      if (lc.algorithm === 'copy') {
        ctx.report(placeOf(lc), `asks for ALGORITHM=COPY on ${'table' in lc.change ? lc.change.table : 'a table'}`);
        continue;
      }
      if (lc.algorithm === 'inplace' || lc.algorithm === 'instant') continue;
      const why = copyReason(lc);
      if (why) ctx.report(placeOf(lc), why);
    }
  },
};

function copyReason(lc: LocatedChange): string | undefined {
  const c = lc.change;
  switch (c.kind) {
    case 'alterColumnType': {
      const before = lc.known.before?.type;
      if (before !== undefined && mysqlTypeChangeInPlace(before, c.type)) return undefined;
      return `changes the type of ${named(c.table, c.column)}${before ? ` from ${before}` : ''} to ${c.type}, which copies the table`;
    }
    case 'addConstraint':
      if (c.constraint === 'foreignKey') return `adds foreign key ${c.name} on ${c.table}, which copies the table while foreign_key_checks is on`;
      if (c.constraint === 'check') return `adds check ${c.name} on ${c.table}, which copies the table to check every row`;
      return undefined;
    case 'addColumn':
      if (c.column.identity) return `adds AUTO_INCREMENT column ${named(c.table, c.column.name)}, which copies the table`;
      if (c.column.references) return `adds ${named(c.table, c.column.name)} with a foreign key, which copies the table`;
      if (c.column.storedGenerated) return `adds stored generated column ${named(c.table, c.column.name)}, which copies the table`;
      return undefined;
    case 'dropConstraint':
      return c.primaryKey ? `drops the primary key of ${c.table}, which copies the table` : undefined;
    case 'rebuildTable':
      return c.reason.startsWith('CONVERT') ? `converts ${c.table} to another character set, which copies the table` : undefined;
    default:
      return undefined;
  }
}
