import { UsageError } from '../core/errors.js';

/**
 * Shared literal quoting for dialects whose strings use single quotes with '' doubling. Values are
 * inlined only in DDL defaults and offline SQL; live statements bind them.
 */
export function quoteLiteral(value: unknown, booleans: { true: string; false: string }): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? booleans.true : booleans.false;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UsageError(`cannot write ${value} as a SQL literal; use a finite number`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return quoteString(value.toISOString());
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  if (typeof value === 'object') return quoteString(JSON.stringify(value));
  return quoteString(String(value));
}

function quoteString(s: string): string {
  if (s.includes('\u0000')) throw new UsageError('a SQL string literal cannot contain a NUL character');
  return `'${s.replace(/'/g, "''")}'`;
}

/** Quotes an identifier with double quotes, doubling embedded ones; `schema.table` is quoted per part. */
export function quoteDoubleQuoted(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}

/** True when a createIndex column is a plain column name rather than an expression. */
export function isPlainIdentifier(column: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(column);
}
