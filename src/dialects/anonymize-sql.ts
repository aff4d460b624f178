import { UnsupportedOperationError, UsageError } from '../core/errors.js';
import { anonymizeTarget } from '../operations/anonymize-target.js';
import type { OperationOf } from '../operations/operation.js';
import type { RenderContext, Statement } from './dialect.js';

/** What differs between dialects in the SQL of `anonymizeColumn`. */
export interface AnonymizeSyntax {
  readonly dialect: string;
  quoteIdent(name: string): string;
  literal(value: unknown): string;
  placeholder(n: number): string;
  /** Text concatenation of SQL expressions. */
  concat(parts: readonly string[]): string;
  /** A key column's value as text. */
  asText(expression: string): string;
  /** A UUID derived from a text expression, where the database has a UUID type. */
  uuidFrom?(textExpression: string): string;
}

/** Domain reserved by RFC 2606: a replacement address can never reach anyone. */
const ANON_DOMAIN = '@anonymized.invalid';
/** Column names that hold an e-mail address (English and French, snake or camel case). */
const EMAIL_NAME = /(^|_)(e_?mail|mail|courriel)(_|$)/i;

/**
 * Renders `anonymizeColumn` for the `null` and `anonymize` strategies (`pseudonymize` needs the key,
 * which only the running process holds, so it has no SQL of its own). With a live database the rows
 * are cut into primary-key ranges of `batchSize` rows, read now, one UPDATE each, so no statement
 * rewrites or locks the whole table; offline there is no database to read the ranges from, so the
 * script holds one UPDATE. NULL values stay NULL: inventing a value would add data, not remove it.
 */
export async function renderAnonymizeColumn(op: OperationOf<'anonymizeColumn'>, ctx: RenderContext, sql: AnonymizeSyntax): Promise<Statement[]> {
  const q = sql.quoteIdent;
  if (op.strategy === 'pseudonymize') {
    throw new UnsupportedOperationError(
      sql.dialect,
      `write anonymizeColumn('${op.table}', '${op.column}', 'pseudonymize') as SQL`,
      'pseudonyms are computed with DIHYA_GDPR_KEY while the revision runs: apply it with `dihya upgrade`, not --sql',
    );
  }
  const table = await ctx.introspectTable(op.table);
  if (!table && !ctx.query && op.strategy === 'anonymize') {
    throw new UnsupportedOperationError(
      sql.dialect,
      `write anonymizeColumn('${op.table}', '${op.column}', 'anonymize') as offline SQL: the columns of ${op.table} are not known without a database`,
      "apply it with `dihya upgrade`, or use the 'null' strategy offline",
    );
  }
  const target = table || ctx.query ? anonymizeTarget(op, table) : undefined;
  const value = op.strategy === 'null' ? 'NULL' : replacement(op, target!, sql);
  const rows = `${q(op.column)} IS NOT NULL${op.where ? ` AND (${op.where})` : ''}`;
  const update = (range: string, params: unknown[]): Statement => ({
    sql: `UPDATE ${q(op.table)} SET ${q(op.column)} = ${value} WHERE ${rows}${range}`,
    ...(params.length ? { params } : {}),
  });
  if (!ctx.query || !target) return [update('', [])];
  const bounds = await batchBounds(ctx, `SELECT ${q(target.key)} AS k FROM ${q(op.table)} WHERE ${rows}`, q(target.key), op.batchSize, sql);
  const key = q(target.key);
  const statements: Statement[] = [];
  for (let i = 0; i <= bounds.length; i++) {
    const lower = i > 0 ? [bounds[i - 1]] : [];
    const upper = i < bounds.length ? [bounds[i]] : [];
    const parts = [...(lower.length ? [`${key} > ${sql.placeholder(1)}`] : []), ...(upper.length ? [`${key} <= ${sql.placeholder(lower.length + 1)}`] : [])];
    statements.push(update(parts.length ? ` AND ${parts.join(' AND ')}` : '', [...lower, ...upper]));
  }
  return statements;
}

/** The last key of every full batch, walking the index of the primary key one batch at a time. */
async function batchBounds(ctx: RenderContext, select: string, key: string, batchSize: number, sql: AnonymizeSyntax): Promise<unknown[]> {
  const bounds: unknown[] = [];
  for (;;) {
    const after = bounds.length ? ` AND ${key} > ${sql.placeholder(1)}` : '';
    const [row] = await ctx.query!<{ k: unknown }>(`${select}${after} ORDER BY ${key} LIMIT 1 OFFSET ${batchSize - 1}`, bounds.length ? [bounds.at(-1)] : []);
    if (!row) return bounds;
    bounds.push(row.k);
  }
}

/**
 * The replacement of `'anonymize'`, chosen from the column's type so the format survives: text
 * becomes `anon-<key>` (an address `anon-<key>@anonymized.invalid` when the column is named as
 * one), unique because keys are; numbers 0, booleans false, dates and timestamps 2000-01-01
 * (inside every database's range), UUIDs one derived from the key. A constant would break a
 * UNIQUE key, so such columns are refused.
 */
function replacement(op: OperationOf<'anonymizeColumn'>, target: ReturnType<typeof anonymizeTarget>, sql: AnonymizeSyntax): string {
  const type = target.column.type.toLowerCase();
  const tag = sql.concat([sql.literal('anon-'), sql.asText(sql.quoteIdent(target.key))]);
  if (/^(bool|boolean|tinyint\(1\))$/.test(type)) return constant(sql.literal(false), op, target);
  if (/^uuid$/.test(type)) {
    if (sql.uuidFrom) return sql.uuidFrom(tag);
    throw new UnsupportedOperationError(sql.dialect, `anonymize the uuid column ${op.table}.${op.column}`, "use 'null', or op.execute with your own replacement");
  }
  if (/^interval/.test(type) || /^time( |$|\()/.test(type)) return unsupported(op, type, sql);
  if (/int|numeric|decimal|real|double|float|serial|^number/.test(type)) return constant('0', op, target);
  if (/^date$/.test(type)) return constant(sql.literal('2000-01-01'), op, target);
  if (/timestamp|datetime/.test(type)) return constant(sql.literal('2000-01-01 00:00:00'), op, target);
  if (type === '' || /char|text|clob|citext|string/.test(type)) {
    return EMAIL_NAME.test(snake(op.column)) ? sql.concat([tag, sql.literal(ANON_DOMAIN)]) : tag;
  }
  return unsupported(op, type, sql);
}

function constant(value: string, op: OperationOf<'anonymizeColumn'>, target: ReturnType<typeof anonymizeTarget>): string {
  if (target.unique) {
    throw new UsageError(`anonymizeColumn('${op.table}', '${op.column}', 'anonymize'): the column is UNIQUE and its type takes one fixed replacement; use 'null'`);
  }
  return value;
}

function unsupported(op: OperationOf<'anonymizeColumn'>, type: string, sql: AnonymizeSyntax): never {
  throw new UnsupportedOperationError(sql.dialect, `anonymize ${op.table}.${op.column} of type ${type}`, "use 'null', or op.execute with your own replacement");
}

/** `contactEmail` → `contact_email`, so camel-case names match like snake-case ones. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}
