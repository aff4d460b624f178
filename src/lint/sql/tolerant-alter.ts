import type { Change, ConstraintKind } from '../change.js';
import { defaultConstraintName } from './default-constraint-name.js';
import type { SqlToken } from './sql-tokens.js';
import { columnFromTokens, TABLE_ELEMENT_WORDS } from './tolerant-columns.js';
import { TokenCursor } from './token-cursor.js';

/** The changes of one table-level element (`CONSTRAINT x FOREIGN KEY …`, `UNIQUE KEY k (a)`, `INDEX i (a)`). */
export function tableElementChanges(table: string, tokens: readonly SqlToken[]): Change[] {
  const c = new TokenCursor(tokens);
  let name = '';
  if (c.accept('CONSTRAINT')) {
    if (!TABLE_ELEMENT_WORDS.has(c.peek()?.value ?? '') || c.peek()?.type === 'name') name = c.name() ?? '';
  }
  const columns = () => (c.group() ?? []).map((part) => (part[0]?.type === 'word' ? part[0].text : (part[0]?.value ?? ''))).filter(Boolean);
  const constraint = (kind: ConstraintKind, cols: string[], extra: Partial<Extract<Change, { kind: 'addConstraint' }>> = {}): Change =>
    ({ kind: 'addConstraint', table, name: name || defaultConstraintName(table, kind, cols), constraint: kind, notValid: false, usingIndex: false, columns: cols, ...extra });
  if (c.accept('PRIMARY', 'KEY')) return [constraint('primaryKey', columns())];
  if (c.accept('FOREIGN', 'KEY')) {
    if (!c.is('(')) name ||= c.name() ?? '';
    const cols = columns();
    return [constraint('foreignKey', cols, c.accept('REFERENCES') ? { refTable: c.name() ?? '?' } : {})];
  }
  if (c.accept('CHECK')) return [constraint('check', [])];
  if (c.accept('UNIQUE')) {
    c.accept('KEY') || c.accept('INDEX');
    const index = c.is('(') ? name : (c.name() ?? name);
    return [{ kind: 'createIndex', table, name: index, unique: true, concurrently: false, columns: columns() }];
  }
  if (c.accept('KEY') || c.accept('INDEX') || c.accept('FULLTEXT') || c.accept('SPATIAL')) {
    c.accept('KEY') || c.accept('INDEX');
    const index = c.is('(') ? '' : (c.name() ?? '');
    return [{ kind: 'createIndex', table, name: index, unique: false, concurrently: false, columns: columns() }];
  }
  return [{ kind: 'other', what: 'table element' }];
}

/**
 * The changes of one action of MySQL's or SQLite's ALTER TABLE (`ADD COLUMN …`, `MODIFY …`,
 * `DROP PRIMARY KEY`, `RENAME COLUMN a TO b`, `CONVERT TO CHARACTER SET …`). `ALGORITHM=` is
 * returned apart, since it applies to the whole statement.
 */
export function alterActionChanges(table: string, tokens: readonly SqlToken[]): { changes: Change[]; algorithm?: string } {
  const c = new TokenCursor(tokens);
  if (c.accept('ALGORITHM')) {
    c.accept('=');
    return { changes: [], algorithm: c.next()?.value.toLowerCase() };
  }
  if (c.is('LOCK')) return { changes: [] };
  if (c.accept('ADD')) return { changes: add(table, c) };
  if (c.accept('DROP')) return { changes: [drop(table, c)] };
  if (c.accept('MODIFY')) {
    c.accept('COLUMN');
    return { changes: restate(table, undefined, c.rest()) };
  }
  if (c.accept('CHANGE')) {
    c.accept('COLUMN');
    const old = c.name() ?? '?';
    return { changes: restate(table, old, c.rest()) };
  }
  if (c.accept('ALTER')) {
    c.accept('COLUMN');
    const column = c.name() ?? '?';
    return { changes: [c.is('SET', 'DEFAULT') || c.is('DROP', 'DEFAULT') ? { kind: 'setDefault', table, column } : { kind: 'other', what: 'ALTER COLUMN' }] };
  }
  if (c.accept('RENAME')) return { changes: [rename(table, c)] };
  if (c.is('CONVERT', 'TO') || c.is('ENGINE') || c.is('FORCE') || c.is('ORDER', 'BY')) {
    return { changes: [{ kind: 'rebuildTable', table, reason: tokens.slice(0, 2).map((t) => t.value).join(' ') }] };
  }
  return { changes: [{ kind: 'other', what: tokens[0]?.value ?? 'ALTER TABLE' }] };
}

function add(table: string, c: TokenCursor): Change[] {
  if (TABLE_ELEMENT_WORDS.has(c.peek()?.value ?? '') && c.peek()?.type === 'word') return tableElementChanges(table, c.rest());
  c.accept('COLUMN');
  c.accept('IF', 'NOT', 'EXISTS');
  const group = c.group();
  const defs = group ?? [c.rest()];
  return defs.flatMap((d) => {
    const column = columnFromTokens(d);
    return column ? [{ kind: 'addColumn', table, column } as Change] : [];
  });
}

function drop(table: string, c: TokenCursor): Change {
  if (c.accept('PRIMARY', 'KEY')) return { kind: 'dropConstraint', table, name: 'PRIMARY', primaryKey: true };
  if (c.accept('FOREIGN', 'KEY') || c.accept('CONSTRAINT') || c.accept('CHECK')) return { kind: 'dropConstraint', table, name: c.name() ?? '?' };
  if (c.accept('INDEX') || c.accept('KEY')) return { kind: 'dropIndex', table, name: c.name() ?? '?', concurrently: false };
  c.accept('COLUMN');
  c.accept('IF', 'EXISTS');
  return { kind: 'dropColumn', table, column: c.name() ?? '?' };
}

function restate(table: string, old: string | undefined, tokens: SqlToken[]): Change[] {
  const column = columnFromTokens(tokens);
  if (!column) return [{ kind: 'other', what: 'MODIFY' }];
  const name = old ?? column.name;
  const out: Change[] = [];
  if (old !== undefined && old.toLowerCase() !== column.name.toLowerCase()) out.push({ kind: 'renameColumn', table, column: old, to: column.name });
  out.push({ kind: 'alterColumnType', table, column: name, type: column.type, restated: true });
  if (column.notNull) out.push({ kind: 'setNotNull', table, column: name });
  return out;
}

function rename(table: string, c: TokenCursor): Change {
  if (c.accept('COLUMN')) {
    const from = c.name() ?? '?';
    c.accept('TO');
    return { kind: 'renameColumn', table, column: from, to: c.name() ?? '?' };
  }
  if (c.is('INDEX') || c.is('KEY')) return { kind: 'other', what: 'RENAME INDEX' };
  if (c.accept('TO') || c.accept('AS')) return { kind: 'renameTable', table, to: c.name() ?? '?' };
  const first = c.name() ?? '?';
  // SQLite lets COLUMN out (`RENAME a TO b`); MySQL's `RENAME t` renames the table.
  if (c.accept('TO')) return { kind: 'renameColumn', table, column: first, to: c.name() ?? '?' };
  return { kind: 'renameTable', table, to: first };
}
