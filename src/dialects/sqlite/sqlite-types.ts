import { parsePortableType } from '../../operations/portable-type.js';
import type { DefaultValue } from '../../operations/column-spec.js';
import { quoteLiteral } from '../sql-literal.js';

/**
 * Maps a portable type to a SQLite declared type. SQLite keeps the declared name, so the names stay
 * close to the portable ones; the affinity they imply is what matters for storage.
 */
export function sqliteType(type: string, identity = false): string {
  const t = parsePortableType(type);
  if (!t) return type;
  if (identity && (t.name === 'integer' || t.name === 'bigint' || t.name === 'smallint')) return 'INTEGER';
  const args = t.args.length ? `(${t.args.join(',')})` : '';
  switch (t.name) {
    case 'uuid':
      return 'TEXT';
    case 'binary':
      return 'BLOB';
    default:
      return `${t.name.toUpperCase()}${args}`;
  }
}

/** A default as SQLite stores it: literals quoted (booleans as 1/0), expressions in parentheses. */
export function sqliteDefault(value: DefaultValue): string {
  if (value !== null && typeof value === 'object') return `(${value.sql})`;
  return quoteLiteral(value, { true: '1', false: '0' });
}

const LITERAL_DEFAULT = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|0x[0-9a-f]+|'(?:[^']|'')*'|x'[0-9a-f]*'|null|true|false|current_time|current_date|current_timestamp)$/i;

/**
 * A default as PRAGMA table_info reports it, made usable after DEFAULT again: SQLite drops the
 * parentheses that an expression default needs (`DEFAULT (lower('x'))` reads back as `lower('x')`),
 * so a table rebuild would write invalid SQL without them.
 */
export function defaultFromPragma(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.trim();
  return LITERAL_DEFAULT.test(trimmed) ? trimmed : `(${trimmed})`;
}
