import splitter from 'dbgate-query-splitter';
import { ConfigError } from '../../core/errors.js';
import type { Dialect, SessionSettings } from '../dialect.js';
import { introspectMysql } from './mysql-introspector.js';
import { takeNamedLock } from './mysql-lock.js';
import { quoteBacktick, renderMysql } from './mysql-renderer.js';
import { mysqlLiteral } from './mysql-types.js';
import { mysqlNormalizer } from './mysql-normalizer.js';

/** The bookkeeping is InnoDB whatever the server's default engine: its writes must be transactional. */
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4';

/**
 * MySQL 8 and MariaDB 10.11 through mysql2. DDL commits on its own there, so the runner journals
 * each completed statement (`state` and `journal` in dihya_history) and a revision whose statement
 * fails midway stays visibly half-applied until `dihya resolve` settles it.
 */
export const mysqlDialect: Dialect = {
  normalizer: mysqlNormalizer,
  name: 'mysql',
  transactionalDdl: false,
  exclusiveLock: true,
  quoteIdent: quoteBacktick,
  literal: mysqlLiteral,
  placeholder: () => '?',
  render: renderMysql,
  splitScript(sql) {
    return splitter
      .splitQuery(sql, splitter.mysqlSplitterOptions)
      .map((s) => (typeof s === 'string' ? s : (s as { text: string }).text).trim())
      .filter((s) => s.length > 0);
  },
  // Times are ISO-8601 text, as on SQLite: exact to the millisecond and sorted as written.
  bookkeepingDdl: () => [
    `CREATE TABLE IF NOT EXISTS dihya_version (revision varchar(64) NOT NULL PRIMARY KEY) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS dihya_history (
       revision varchar(64) NOT NULL PRIMARY KEY, message text NOT NULL, checksum char(64) NOT NULL,
       applied_at varchar(32) NOT NULL, duration_ms int NOT NULL, applied_by text NOT NULL,
       host text NOT NULL, tool_version text NOT NULL,
       state varchar(16) NOT NULL DEFAULT 'applied', journal longtext NULL) ${TABLE_OPTIONS}`,
    `CREATE TABLE IF NOT EXISTS dihya_audit (
       id bigint NOT NULL PRIMARY KEY, at varchar(32) NOT NULL, event varchar(32) NOT NULL, revision varchar(64) NULL,
       duration_ms int NULL, checksum char(64) NULL, actor text NOT NULL, details longtext NOT NULL,
       prev_hash char(64) NOT NULL, hash char(64) NOT NULL) ${TABLE_OPTIONS}`,
  ],
  async runBatch(conn, statements) {
    // One prepared statement each, values bound: a few round trips per step, inside its transaction.
    for (const s of statements) await conn.query(s.sql, s.params);
  },
  sessionStatements(s: SessionSettings) {
    return s.lockWaitTimeout === undefined ? [] : [`SET SESSION lock_wait_timeout = ${seconds(s.lockWaitTimeout)}`];
  },
  lock: takeNamedLock,
  async beforeCommit() {},
  introspect: introspectMysql,
};

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, sec: 1, min: 60, h: 3600 };

/** `lock_wait_timeout` takes whole seconds: `5`, `'5s'`, `'1500ms'` (rounded up) or `'2min'`. */
function seconds(value: number | string): number {
  const m = typeof value === 'number' ? [String(value), String(value), 's'] : /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|min|h)?\s*$/.exec(value);
  const n = m ? Number(m[1]) * UNIT_SECONDS[m[2] ?? 's']! : NaN;
  if (!Number.isFinite(n) || n <= 0) {
    throw new ConfigError(`session.lockWaitTimeout '${value}' in env.ts is not a duration; use seconds (5) or '5s', '1500ms', '2min'`);
  }
  return Math.max(1, Math.ceil(n));
}
