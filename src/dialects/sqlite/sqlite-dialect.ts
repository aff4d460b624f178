import splitter from 'dbgate-query-splitter';
import { DihyaError } from '../../core/errors.js';
import type { Dialect } from '../dialect.js';
import { quoteDoubleQuoted, quoteLiteral } from '../sql-literal.js';
import { introspectSqlite } from './sqlite-introspector.js';
import { holdSqliteRun } from './sqlite-lock.js';
import { renderSqlite } from './sqlite-renderer.js';
import { sqliteNormalizer } from './sqlite-normalizer.js';

/**
 * Operations after which `PRAGMA foreign_key_check` cannot find anything new: it reads every row
 * of every table with a foreign key, too slow to run after each of a thousand CREATE TABLEs.
 */
const CANNOT_BREAK_FOREIGN_KEYS = new Set(['createTable', 'createIndex', 'dropIndex', 'addColumn', 'renameColumn', 'setTableComment', 'setColumnComment']);

/** SQLite through better-sqlite3: the embedded default. */
export const sqliteDialect: Dialect = {
  normalizer: sqliteNormalizer,
  name: 'sqlite',
  transactionalDdl: true,
  exclusiveLock: false,
  async externalChangeToken(conn) {
    const [row] = await conn.query<{ data_version: number }>('PRAGMA data_version', []);
    return String(row?.data_version);
  },
  quoteIdent: quoteDoubleQuoted,
  literal: (v) => quoteLiteral(v, { true: '1', false: '0' }),
  placeholder: () => '?',
  render: renderSqlite,
  splitScript(sql) {
    return splitter
      .splitQuery(sql, splitter.sqliteSplitterOptions)
      .map((s) => (typeof s === 'string' ? s : (s as { text: string }).text).trim())
      .filter((s) => s.length > 0);
  },
  bookkeepingDdl: () => [
    `CREATE TABLE IF NOT EXISTS dihya_version (revision VARCHAR(64) NOT NULL PRIMARY KEY) WITHOUT ROWID`,
    `CREATE TABLE IF NOT EXISTS dihya_history (
       revision VARCHAR(64) NOT NULL PRIMARY KEY, message TEXT NOT NULL, checksum CHAR(64) NOT NULL,
       applied_at TEXT NOT NULL, duration_ms INTEGER NOT NULL, applied_by TEXT NOT NULL,
       host TEXT NOT NULL, tool_version TEXT NOT NULL) WITHOUT ROWID`,
    `CREATE TABLE IF NOT EXISTS dihya_audit (
       id INTEGER NOT NULL PRIMARY KEY, at TEXT NOT NULL, event TEXT NOT NULL, revision VARCHAR(64),
       duration_ms INTEGER, checksum CHAR(64), actor TEXT NOT NULL, details TEXT NOT NULL,
       prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL)`,
  ],
  async runBatch(conn, statements) {
    for (const s of statements) await conn.query(s.sql, s.params);
  },
  // SQLite has no lock_timeout or search_path; the busy timeout is set when the file is opened.
  sessionStatements: () => [],
  // BEGIN IMMEDIATE serialises writers; the runner re-reads the version under it before each step.
  lock: (conn) => holdSqliteRun(conn),
  async beforeCommit(conn, operations) {
    if (operations && operations.every((op) => CANNOT_BREAK_FOREIGN_KEYS.has(op.kind) && !(op.kind === 'addColumn' && op.spec.references))) return;
    const bad = await conn.query<{ table: string; parent: string }>('PRAGMA foreign_key_check');
    if (bad.length > 0) {
      const first = bad[0]!;
      throw new DihyaError(
        'STATEMENT_FAILED',
        `${bad.length} row(s) violate foreign keys (first: table ${first.table} → ${first.parent})`,
      );
    }
  },
  introspect: (conn, table) => introspectSqlite(conn, table),
};
