import type { ColumnFacts } from '../change.js';
import { functionCalls } from './function-calls.js';
import type { SqlToken } from './sql-tokens.js';
import { TokenCursor } from './token-cursor.js';

/** Words that end a column's type and start its attributes. */
const ATTRIBUTE_WORDS = new Set([
  'NOT', 'NULL', 'DEFAULT', 'PRIMARY', 'KEY', 'UNIQUE', 'AUTO_INCREMENT', 'AUTOINCREMENT', 'REFERENCES', 'CHECK',
  'COMMENT', 'COLLATE', 'CHARACTER', 'CHARSET', 'GENERATED', 'AS', 'ON', 'CONSTRAINT', 'INVISIBLE', 'VISIBLE', 'FIRST',
  'AFTER', 'STORED', 'VIRTUAL', 'COLUMN_FORMAT', 'STORAGE', 'SRID',
]);

/** Words that start a table-level element of CREATE TABLE or ALTER TABLE … ADD instead of a column. */
export const TABLE_ELEMENT_WORDS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'KEY', 'INDEX', 'FOREIGN', 'CHECK', 'FULLTEXT', 'SPATIAL']);

/** The text of tokens, joined as written. */
export function tokensText(tokens: readonly SqlToken[]): string {
  return tokens.map((t) => t.text).join(' ').replace(/\s*([(),.])\s*/g, '$1').replace(/,/g, ', ');
}

/**
 * A column definition (`email VARCHAR(255) NOT NULL DEFAULT ''`) read word by word; unknown
 * attributes are skipped, which is what makes the reader tolerant.
 *
 * @example columnFromTokens(sqlTokens('id INT NOT NULL AUTO_INCREMENT PRIMARY KEY', 'mysql'))!.identity; // true
 */
export function columnFromTokens(tokens: readonly SqlToken[]): ColumnFacts | undefined {
  const c = new TokenCursor(tokens);
  const name = c.name();
  if (!name) return undefined;
  const typeStart = c.position;
  while (!c.done && !ATTRIBUTE_WORDS.has(c.peek()!.value)) {
    if (!c.group()) c.next();
  }
  const type = tokensText(tokens.slice(typeStart, c.position)).toLowerCase();
  const facts = { name, type, notNull: false, primaryKey: false, identity: false, unique: false };
  const out: { -readonly [K in keyof ColumnFacts]: ColumnFacts[K] } = facts;
  while (!c.done) {
    if (c.accept('NOT', 'NULL')) out.notNull = true;
    else if (c.accept('PRIMARY', 'KEY')) out.primaryKey = out.notNull = true;
    else if (c.accept('UNIQUE')) out.unique = c.accept('KEY') || true;
    else if (c.accept('AUTO_INCREMENT') || c.accept('AUTOINCREMENT')) out.identity = true;
    else if (c.accept('DEFAULT')) readDefault(c, out);
    else if (c.accept('REFERENCES')) out.references = c.name() ?? '?';
    else if (c.accept('STORED')) out.storedGenerated = true;
    else if (!c.group()) c.next();
  }
  return out;
}

function readDefault(c: TokenCursor, out: { -readonly [K in keyof ColumnFacts]: ColumnFacts[K] }): void {
  const first = c.peek();
  if (!first) return;
  if (first.type === 'word' && first.value === 'NULL') {
    c.next();
    return;
  }
  const start = c.position;
  if (!c.group()) {
    c.next();
    if (first.type === 'word') c.group();
  }
  const text = tokensText(c.tokens.slice(start, c.position));
  out.default = text;
  out.defaultCalls = functionCalls(text);
  out.defaultIsExpression = first.type === 'punct' || (first.type === 'word' && !['TRUE', 'FALSE'].includes(first.value));
}
