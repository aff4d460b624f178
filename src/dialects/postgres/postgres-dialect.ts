import splitter from 'dbgate-query-splitter';
import type { Dialect, SessionSettings, Statement } from '../dialect.js';
import { inlineParams, quoteDoubleQuoted, quoteLiteral } from '../sql-literal.js';
import { introspectPostgres } from './postgres-introspector.js';
import { withJsonAsText } from './postgres-json-params.js';
import { takeAdvisoryLock } from './postgres-lock.js';
import { renderPostgres } from './postgres-renderer.js';
import { postgresNormalizer } from './postgres-normalizer.js';

/** Statements as one script, their values written in as literals: one round trip. */
function batchScript(statements: readonly Statement[]): string {
  const literal = (v: unknown) => quoteLiteral(v, { true: 'true', false: 'false' });
  return statements.map((s) => inlineParams(s.sql, s.params ?? [], literal)).join(';\n');
}

/** PostgreSQL, spoken by both the `pg` driver and PGlite. */
export const postgresDialect: Dialect = {
  normalizer: postgresNormalizer,
  name: 'postgres',
  transactionalDdl: true,
  exclusiveLock: true,
  quoteIdent: quoteDoubleQuoted,
  literal: (v) => quoteLiteral(v, { true: 'true', false: 'false' }),
  placeholder: (n) => `$${n}`,
  async render(op, ctx) {
    return renderPostgres(op.kind === 'bulkInsert' ? await withJsonAsText(op, ctx) : op, ctx);
  },
  splitScript(sql) {
    return splitter.splitQuery(sql, splitter.postgreSplitterOptions)
      .map((s) => (typeof s === 'string' ? s : (s as { text: string }).text).trim())
      .filter((s) => s.length > 0);
  },
  bookkeepingDdl: () => [
    `CREATE TABLE IF NOT EXISTS dihya_version (revision varchar(64) NOT NULL PRIMARY KEY)`,
    `CREATE TABLE IF NOT EXISTS dihya_history (
       revision varchar(64) NOT NULL PRIMARY KEY, message text NOT NULL, checksum char(64) NOT NULL,
       applied_at timestamptz NOT NULL, duration_ms integer NOT NULL, applied_by text NOT NULL,
       host text NOT NULL, tool_version text NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS dihya_audit (
       id bigint NOT NULL PRIMARY KEY, at timestamptz NOT NULL, event text NOT NULL, revision varchar(64),
       duration_ms integer, checksum char(64), actor text NOT NULL, details text NOT NULL,
       prev_hash char(64) NOT NULL, hash char(64) NOT NULL)`,
  ],
  async runBatch(conn, statements) {
    if (statements.length === 0) return;
    await conn.exec(batchScript(statements));
  },
  batchScript,
  sessionStatements(s: SessionSettings) {
    const out: string[] = [];
    if (s.lockTimeout) out.push(`SET LOCAL lock_timeout = ${quoteLiteral(s.lockTimeout, { true: '', false: '' })}`);
    if (s.statementTimeout) out.push(`SET LOCAL statement_timeout = ${quoteLiteral(s.statementTimeout, { true: '', false: '' })}`);
    if (s.searchPath) out.push(`SET LOCAL search_path TO ${s.searchPath.split(',').map((p) => quoteDoubleQuoted(p.trim())).join(', ')}`);
    return out;
  },
  lock: takeAdvisoryLock,
  async beforeCommit() {},
  introspect: introspectPostgres,
};
