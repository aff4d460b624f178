import { createHash, createHmac } from 'node:crypto';
import { UsageError } from '../core/errors.js';
import type { PlannedColumn } from './erase-plan.js';

/** Domain reserved by RFC 2606, as `anonymizeColumn` uses: a replacement address reaches no one. */
const ANON_DOMAIN = '@anonymized.invalid';
/** Column names that hold an e-mail address (English and French, snake or camel case), as `anonymizeColumn` reads them. */
const EMAIL_NAME = /(^|_)(e_?mail|mail|courriel)(_|$)/i;
const HASH_LENGTH = 64;
/** The value `erasedValue` returns for a column whose value stays as it is. */
export const UNCHANGED: unique symbol = Symbol('unchanged');

/** What the erasure of one row needs besides the column: the row's key, its current value, the key of pseudonyms and the time. */
export interface ErasureContext {
  readonly key: unknown;
  readonly value: unknown;
  readonly gdprKey: string;
  /** `YYYY-MM-DD HH:MM:SS` in UTC: the moment of the erasure, for soft-delete timestamps. */
  readonly now: string;
}

/**
 * The value a column takes when its row is erased, with the same rules as `op.anonymizeColumn`, so
 * a strategy means the same in a revision and in a request: `anonymize` gives text `anon-<key>` (an
 * address `anon-<key>@anonymized.invalid` for a column named as one), numbers 0, booleans false,
 * dates 2000-01-01; `pseudonymize` the hex HMAC-SHA-256 of the value's text under DIHYA_GDPR_KEY;
 * `soft-delete` true for a flag and the erasure time for a date (a date already set is kept: it
 * records when the person was first erased). NULL stays NULL for `anonymize` and `pseudonymize`.
 *
 * @example erasedValue({ name: 'email', strategy: 'anonymize', type: 'varchar(255)', … }, ctx) // 'anon-3@anonymized.invalid'
 */
export function erasedValue(table: string, c: PlannedColumn, ctx: ErasureContext): unknown {
  switch (c.strategy) {
    case 'keep':
      return UNCHANGED;
    case 'null':
    case 'delete':
      return null;
    case 'anonymize':
      return ctx.value === null || ctx.value === undefined ? null : anonymized(table, c, ctx.key);
    case 'pseudonymize':
      return ctx.value === null || ctx.value === undefined ? null : pseudonym(table, c, ctx.gdprKey, ctx.value);
    case 'soft-delete':
      return softDeleted(table, c, ctx);
  }
}

function anonymized(table: string, c: PlannedColumn, key: unknown): unknown {
  const type = c.type;
  const constant = (value: unknown) => {
    if (c.unique) throw new UsageError(`${table}.${c.name} (strategy anonymize): the column is UNIQUE and its type takes one fixed replacement; use 'null'`);
    return value;
  };
  if (/^(bool|boolean|tinyint\(1\))$/.test(type)) return constant(false);
  if (/^uuid$/.test(type)) return uuidFrom(`anon-${String(key)}`);
  if (/^interval/.test(type) || /^time( |$|\()/.test(type)) return unsupported(table, c);
  if (/int|numeric|decimal|real|double|float|serial|^number/.test(type)) return constant(0);
  if (/^date$/.test(type)) return constant('2000-01-01');
  if (/timestamp|datetime/.test(type)) return constant('2000-01-01 00:00:00');
  if (type === '' || /char|text|clob|citext|string/.test(type)) {
    const tag = `anon-${String(key)}`;
    return EMAIL_NAME.test(snake(c.name)) ? tag + ANON_DOMAIN : tag;
  }
  return unsupported(table, c);
}

/** The same pseudonym `anonymizeColumn(…, 'pseudonymize')` writes: HMAC-SHA-256 of the value's text, hex. */
function pseudonym(table: string, c: PlannedColumn, key: string, value: unknown): string {
  const length = /char\w*(?: varying)?\((\d+)\)/.exec(c.type)?.[1];
  const textual = c.type === '' || /char|text|clob|citext|string/.test(c.type);
  if (!textual || (length !== undefined && Number(length) < HASH_LENGTH)) {
    throw new UsageError(`${table}.${c.name} (strategy pseudonymize): the column (${c.type}) cannot hold a ${HASH_LENGTH}-character pseudonym; widen it to text or varchar(${HASH_LENGTH}), or use 'anonymize'`);
  }
  const text = Buffer.isBuffer(value) ? value : value instanceof Date ? value.toISOString() : String(value);
  return createHmac('sha256', key).update(text).digest('hex');
}

function softDeleted(table: string, c: PlannedColumn, ctx: ErasureContext): unknown {
  if (/^(bool|boolean|tinyint\(1\))$/.test(c.type)) return true;
  if (/timestamp|datetime|^date$/.test(c.type)) {
    if (ctx.value !== null && ctx.value !== undefined) return UNCHANGED;
    return c.type === 'date' ? ctx.now.slice(0, 10) : ctx.now;
  }
  if (/int/.test(c.type)) return 1;
  throw new UsageError(`${table}.${c.name} (strategy soft-delete): a ${c.type} column can be neither a flag nor a date; soft-delete is for a boolean flag and its timestamp`);
}

/** PostgreSQL's `md5(text)::uuid`, computed here so the replacement is the one `anonymizeColumn` writes. */
function uuidFrom(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function unsupported(table: string, c: PlannedColumn): never {
  throw new UsageError(`${table}.${c.name} (strategy anonymize): a ${c.type} column has no anonymous replacement; use 'null'`);
}

/** `contactEmail` → `contact_email`, so camel-case names match like snake-case ones. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}
