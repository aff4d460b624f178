import type { LintDialect } from '../lint-types.js';
import type { LintRule } from '../rule.js';

const READER: Record<LintDialect, string> = {
  postgres: "PostgreSQL's parser",
  mysql: 'the MySQL reader',
  sqlite: 'the SQLite reader',
};

/** A raw SQL statement that no reader could read is reported, never passed in silence. */
export const unparsableSql: LintRule = {
  id: 'unparsable-sql',
  code: 'DL001',
  title: 'SQL statement the linter cannot read',
  severity: 'error',
  why: 'No rule has checked a statement the linter cannot read, and the database is likely to refuse it too.',
  fix: 'Correct the statement for this database; if it is valid and only the reader fails on it, keep it with a dihya-ignore comment that says so.',
  checkRevision(ctx) {
    for (const u of ctx.unreadable) {
      const where = u.section === 'down' ? ' (in down)' : '';
      ctx.report({ line: u.line, column: u.column, anchorLine: u.anchorLine }, `${READER[ctx.dialect]} cannot read this statement${where}: ${u.message} — ${u.excerpt}`);
    }
  },
};
