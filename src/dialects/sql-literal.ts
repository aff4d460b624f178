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

/**
 * Replaces `$n` and `?` placeholders outside quoted text with escaped literals, for offline SQL and
 * for bookkeeping batches sent as one script.
 */
export function inlineParams(sql: string, params: readonly unknown[], literal: (v: unknown) => string): string {
  if (params.length === 0) return sql;
  // One style per statement: with $n placeholders a `?` is an operator (jsonb), not a parameter.
  const dollarStyle = /\$\d/.test(sql);
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
      continue;
    }
    const dollar = dollarStyle && c === '$' ? /^\$(\d+)/.exec(sql.slice(i)) : null;
    if (dollar) {
      out += literal(params[Number(dollar[1]) - 1]);
      i += dollar[0].length - 1;
    } else if (!dollarStyle && c === '?') {
      out += literal(params[next++]);
    } else {
      out += c;
    }
  }
  return out;
}
