import type { Change } from '../change.js';
import type { ParsedStatement, StatementReader } from './parsed-statement.js';
import { SqlTokenError, sqlTokens, type SqlToken } from './sql-tokens.js';
import { alterActionChanges, tableElementChanges } from './tolerant-alter.js';
import { columnFromTokens, TABLE_ELEMENT_WORDS } from './tolerant-columns.js';
import { splitTopLevel, TokenCursor, unbalancedParenthesis } from './token-cursor.js';

/** Statements the rules do not look into, by their first word. */
const OTHER_HEADS = new Set([
  'GRANT', 'REVOKE', 'PRAGMA', 'ANALYZE', 'ANALYSE', 'VACUUM', 'REINDEX', 'BEGIN', 'COMMIT', 'START', 'END', 'ROLLBACK',
  'SAVEPOINT', 'RELEASE', 'LOCK', 'UNLOCK', 'COMMENT', 'USE', 'DO', 'CALL', 'OPTIMIZE', 'EXPLAIN', 'ATTACH', 'DETACH',
  'FLUSH', 'SHOW', 'DESCRIBE', 'DESC', 'CHECKSUM', 'REPAIR', 'CHECK', 'PREPARE', 'EXECUTE', 'DEALLOCATE', 'DECLARE',
  'DELIMITER', 'HANDLER', 'LOAD', 'INSTALL', 'UNINSTALL', 'KILL', 'RESET', 'PURGE', 'XA',
]);
const DATA_HEADS = new Set(['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'SELECT', 'WITH', 'VALUES', 'TRUNCATE', 'TABLE']);

/** The statement cannot be read; `token` says where. */
class ReadError extends Error {
  constructor(message: string, readonly token?: SqlToken) {
    super(message);
  }
}

/**
 * A tolerant reader for MySQL/MariaDB and SQLite statements: it follows the statement's structure
 * (CREATE/ALTER/DROP/RENAME of tables and indexes, data statements, SET) closely enough for the
 * rules, skips the clauses it does not know, and reports what it cannot read at all: an
 * unterminated string or comment, unbalanced parentheses, or a statement that starts with no SQL
 * keyword.
 *
 * @example tolerantReader('mysql')('ALTER TABLE t DROP COLUMN c, ALGORITHM=INPLACE');
 * // { ok: true, changes: [{ kind: 'dropColumn', table: 't', column: 'c' }], algorithm: 'inplace' }
 */
export function tolerantReader(dialect: 'mysql' | 'sqlite'): StatementReader {
  return (sql) => {
    try {
      const tokens = sqlTokens(sql, dialect);
      const unbalanced = unbalancedParenthesis(tokens);
      if (unbalanced) throw new ReadError(`parenthesis '${unbalanced.value}' is not ${unbalanced.value === '(' ? 'closed' : 'opened'}`, unbalanced);
      return readStatement(new TokenCursor(tokens));
    } catch (e) {
      if (e instanceof SqlTokenError) return { ok: false, message: e.message, offset: e.offset };
      if (e instanceof ReadError) return { ok: false, message: e.message, ...(e.token ? { offset: e.token.offset } : {}) };
      throw e;
    }
  };
}

function readStatement(c: TokenCursor): ParsedStatement {
  const head = c.peek();
  if (!head) return { ok: true, changes: [] };
  if (head.type !== 'word') throw new ReadError(`a statement cannot start with '${head.text}'`, head);
  if (c.accept('CREATE')) return { ok: true, changes: create(c) };
  if (c.is('ALTER', 'TABLE') || c.is('ALTER', 'IGNORE', 'TABLE') || c.is('ALTER', 'ONLINE', 'TABLE')) return alterTable(c);
  if (c.accept('DROP')) return { ok: true, changes: drop(c) };
  if (c.accept('RENAME', 'TABLE')) {
    const pairs = splitTopLevel(c.rest());
    return { ok: true, changes: pairs.map((p) => renamePair(p)) };
  }
  if (c.accept('SET')) return { ok: true, changes: [setting(c)] };
  if (DATA_HEADS.has(head.value)) return { ok: true, changes: [dataChange(c)] };
  if (OTHER_HEADS.has(head.value) || head.value === 'ALTER') return { ok: true, changes: [{ kind: 'other', what: head.value }] };
  throw new ReadError(`'${head.text}' does not start a statement`, head);
}

function create(c: TokenCursor): Change[] {
  c.accept('OR', 'REPLACE');
  c.accept('TEMPORARY') || c.accept('TEMP');
  if (c.accept('TABLE')) return createTable(c);
  const unique = c.accept('UNIQUE');
  c.accept('FULLTEXT') || c.accept('SPATIAL');
  if (c.accept('INDEX')) {
    c.accept('IF', 'NOT', 'EXISTS');
    const name = c.is('ON') ? '' : (c.name() ?? '');
    if (!c.accept('ON')) throw new ReadError('CREATE INDEX needs ON <table>', c.peek());
    return [{ kind: 'createIndex', table: c.name() ?? '?', name, unique, concurrently: false }];
  }
  return [{ kind: 'other', what: `CREATE ${c.peek()?.value ?? ''}` }];
}

function createTable(c: TokenCursor): Change[] {
  c.accept('IF', 'NOT', 'EXISTS');
  const table = c.name();
  if (!table) throw new ReadError('CREATE TABLE needs a table name', c.peek());
  const group = c.group();
  if (!group) {
    if (c.is('AS') || c.is('LIKE') || c.is('SELECT')) return [{ kind: 'createTable', table, columns: [], primaryKey: [] }];
    throw new ReadError('CREATE TABLE needs its columns in parentheses, AS SELECT or LIKE', c.peek());
  }
  const isElement = (e: SqlToken[]) => e[0]?.type === 'word' && TABLE_ELEMENT_WORDS.has(e[0].value);
  const columns = group.filter((e) => !isElement(e)).flatMap((e) => columnFromTokens(e) ?? []);
  const elements = group.filter(isElement).flatMap((e) => tableElementChanges(table, e));
  const keys = elements.filter((ch) => ch.kind === 'addConstraint' && ch.constraint === 'primaryKey');
  let primaryKey = keys.flatMap((k) => (k.kind === 'addConstraint' ? k.columns : []));
  if (primaryKey.length === 0) primaryKey = columns.filter((col) => col.primaryKey).map((col) => col.name);
  const inKey = new Set(primaryKey.map((k) => k.toLowerCase()));
  const create: Change = {
    kind: 'createTable',
    table,
    columns: columns.map((col) => (inKey.has(col.name.toLowerCase()) ? { ...col, primaryKey: true, notNull: true } : col)),
    primaryKey,
  };
  return [create, ...elements.filter((ch) => !keys.includes(ch))];
}

function alterTable(c: TokenCursor): ParsedStatement {
  c.next();
  c.accept('IGNORE') || c.accept('ONLINE');
  c.accept('TABLE');
  c.accept('IF', 'EXISTS');
  const table = c.name();
  if (!table) throw new ReadError('ALTER TABLE needs a table name', c.peek());
  const actions = splitTopLevel(c.rest());
  if (actions.length === 0) throw new ReadError(`ALTER TABLE ${table} says nothing to change`);
  let algorithm: string | undefined;
  const changes = actions.flatMap((a) => {
    const r = alterActionChanges(table, a);
    algorithm = r.algorithm ?? algorithm;
    return r.changes;
  });
  return { ok: true, changes, ...(algorithm ? { algorithm } : {}) };
}

function drop(c: TokenCursor): Change[] {
  c.accept('TEMPORARY');
  if (c.accept('TABLE')) {
    c.accept('IF', 'EXISTS');
    return splitTopLevel(c.rest()).map((part) => ({ kind: 'dropTable', table: new TokenCursor(part).name() ?? '?' }));
  }
  if (c.accept('INDEX')) {
    c.accept('IF', 'EXISTS');
    const name = c.name() ?? '?';
    const table = c.accept('ON') ? c.name() : undefined;
    return [{ kind: 'dropIndex', name, concurrently: false, ...(table ? { table } : {}) }];
  }
  return [{ kind: 'other', what: `DROP ${c.peek()?.value ?? ''}` }];
}

function renamePair(tokens: SqlToken[]): Change {
  const c = new TokenCursor(tokens);
  const table = c.name() ?? '?';
  c.accept('TO');
  return { kind: 'renameTable', table, to: c.name() ?? '?' };
}

function setting(c: TokenCursor): Change {
  c.accept('SESSION') || c.accept('LOCAL') || c.accept('GLOBAL');
  c.accept('@', '@');
  const name = (c.next()?.text ?? '').replace(/^@@(session\.|global\.)?/i, '').toLowerCase();
  c.accept('=') || c.accept('TO') || c.accept(':=');
  return { kind: 'setting', name, value: c.next()?.value ?? '' };
}

function dataChange(c: TokenCursor): Change {
  const verb = c.next()!.value.toLowerCase();
  c.accept('INTO') || c.accept('FROM') || c.accept('TABLE');
  const table = ['insert', 'replace', 'update', 'delete', 'truncate'].includes(verb) ? c.name() : undefined;
  return { kind: 'data', verb, ...(table ? { table } : {}) };
}
