import type { DefaultValue } from '../../operations/column-spec.js';
import { parsePortableType } from '../../operations/portable-type.js';
import { UsageError } from '../../core/errors.js';

/**
 * Maps a portable type to a type both MySQL 8 and MariaDB 10.11 accept; any other type string
 * passes through verbatim. `text` is LONGTEXT (PostgreSQL's text has no length limit, TEXT stops
 * at 64 KB), `timestamptz` is TIMESTAMP (stored as an instant, read in the session's time zone)
 * and `timestamp` is DATETIME (stored as written); both keep microseconds.
 *
 * @example mysqlType('varchar(40)') // 'varchar(40)'
 */
export function mysqlType(type: string): string {
  const t = parsePortableType(type);
  if (!t) return type;
  const [a, b] = t.args;
  switch (t.name) {
    case 'integer':
      return 'int';
    case 'text':
      return 'longtext';
    case 'varchar':
      return `varchar(${a ?? 255})`;
    case 'numeric':
      // A bare DECIMAL is DECIMAL(10,0) in MySQL, which would round every fraction away.
      return a ? `decimal(${a}${b ? `,${b}` : ''})` : 'decimal(65,30)';
    case 'timestamp':
      return 'datetime(6)';
    case 'timestamptz':
      return 'timestamp(6)';
    case 'real':
      return 'float';
    case 'uuid':
      return 'char(36)';
    case 'binary':
      return 'longblob';
    default:
      return t.name;
  }
}

/** Types MySQL 8 only lets take a default as an expression in parentheses. */
const EXPRESSION_DEFAULT_ONLY = /^(tiny|medium|long)?(text|blob)$|^json$/i;

/** True for the types whose values an index can only cover by a prefix (and a MariaDB unique key by a hash). */
export function isLongType(type: string): boolean {
  return /^(tiny|medium|long)?(text|blob)$|^json$/i.test(type.trim());
}

/**
 * Escapes a string literal for MySQL: quotes are doubled and backslashes escaped, since MySQL reads
 * a backslash as an escape character (the runner's sessions clear NO_BACKSLASH_ESCAPES so this holds).
 */
export function mysqlString(s: string): string {
  if (s.includes('\u0000')) throw new UsageError('a SQL string literal cannot contain a NUL character');
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A literal for DDL defaults and offline SQL. Dates are written in UTC, as the runner's sessions read them. */
export function mysqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UsageError(`cannot write ${value} as a SQL literal; use a finite number`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return mysqlString(value.toISOString().replace('T', ' ').replace('Z', ''));
  if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
  if (typeof value === 'object') return mysqlString(JSON.stringify(value));
  return mysqlString(String(value));
}

/**
 * Renders a default for a column of `type`. TEXT, BLOB and JSON columns take it in parentheses
 * (MySQL 8 refuses a bare literal there; MariaDB accepts both). CURRENT_TIMESTAMP on a column
 * with microseconds gets the same precision, which MySQL requires.
 */
export function mysqlDefault(value: DefaultValue, type: string): string {
  if (value !== null && typeof value === 'object') {
    const fsp = /\((\d)\)\s*$/.exec(type)?.[1];
    if (fsp && /^(current_timestamp(\(\))?|now\(\))$/i.test(value.sql.trim())) return `CURRENT_TIMESTAMP(${fsp})`;
    return EXPRESSION_DEFAULT_ONLY.test(type) || !/^[\w.]+(\(\d*\))?$/.test(value.sql.trim()) ? `(${value.sql})` : value.sql;
  }
  const literal = mysqlLiteral(value);
  return EXPRESSION_DEFAULT_ONLY.test(type) && value !== null ? `(${literal})` : literal;
}
