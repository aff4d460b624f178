import { createHmac } from 'node:crypto';
import { UsageError } from '../core/errors.js';
import { gdprKey } from '../core/gdpr-key.js';
import type { Connection, Dialect, Statement } from '../dialects/dialect.js';
import { anonymizeTarget } from '../operations/anonymize-target.js';
import type { OperationOf } from '../operations/operation.js';

/** Rows per UPDATE, so three bound values a row stay under every database's placeholder limit. */
const ROWS_PER_UPDATE = 1000;
/** A hex HMAC-SHA-256 is 64 characters; a shorter column could not hold it. */
const HASH_LENGTH = 64;

/**
 * The statements of `anonymizeColumn(…, 'pseudonymize')`, computed here rather than in SQL because
 * SQLite and MySQL have no HMAC and PostgreSQL has one only with pgcrypto. Each batch of
 * `batchSize` rows is read by primary key after the previous one, and its pseudonyms are written
 * back as bound values; the clear values stay in this process and reach no statement, log or error.
 */
export async function* pseudonymizeStatements(conn: Connection, dialect: Dialect, op: OperationOf<'anonymizeColumn'>): AsyncGenerator<Statement> {
  const key = gdprKey();
  const target = anonymizeTarget(op, (await dialect.introspect(conn, op.table)).tables.find((t) => t.name === op.table));
  requireRoomForHash(op, target.column.type);
  const q = (n: string) => dialect.quoteIdent(n);
  const [table, column, pk] = [q(op.table), q(op.column), q(target.key)];
  const rows = `${column} IS NOT NULL${op.where ? ` AND (${op.where})` : ''}`;
  let last: unknown;
  for (let first = true; ; first = false) {
    const after = first ? '' : ` AND ${pk} > ${dialect.placeholder(1)}`;
    const batch = await conn.query<{ k: unknown; v: unknown }>(
      `SELECT ${pk} AS k, ${column} AS v FROM ${table} WHERE ${rows}${after} ORDER BY ${pk} LIMIT ${op.batchSize}`,
      first ? [] : [last],
    );
    if (batch.length === 0) return;
    last = batch.at(-1)!.k;
    for (let i = 0; i < batch.length; i += ROWS_PER_UPDATE) {
      yield updateOf(dialect, table, column, pk, batch.slice(i, i + ROWS_PER_UPDATE).map((r) => [r.k, pseudonym(key, r.v)]));
    }
    if (batch.length < op.batchSize) return;
  }
}

/** HMAC-SHA-256 of the value's text, in hex. */
function pseudonym(key: string, value: unknown): string {
  const text = Buffer.isBuffer(value) ? value : value instanceof Date ? value.toISOString() : String(value);
  return createHmac('sha256', key).update(text).digest('hex');
}

/** One UPDATE giving each key its pseudonym: `SET c = CASE pk WHEN ? THEN ? … END WHERE pk IN (…)`. */
function updateOf(dialect: Dialect, table: string, column: string, pk: string, pairs: Array<[unknown, string]>): Statement {
  let n = 0;
  const p = () => dialect.placeholder(++n);
  const cases = pairs.map(() => `WHEN ${p()} THEN ${p()}`).join(' ');
  const keys = pairs.map(() => p()).join(', ');
  return {
    sql: `UPDATE ${table} SET ${column} = CASE ${pk} ${cases} END WHERE ${pk} IN (${keys})`,
    params: [...pairs.flat(), ...pairs.map(([k]) => k)],
  };
}

function requireRoomForHash(op: OperationOf<'anonymizeColumn'>, type: string): void {
  const t = type.toLowerCase();
  const length = /char\w*(?: varying)?\((\d+)\)/.exec(t)?.[1];
  const textual = t === '' || /char|text|clob|citext|string/.test(t);
  if (!textual || (length !== undefined && Number(length) < HASH_LENGTH)) {
    throw new UsageError(
      `anonymizeColumn('${op.table}', '${op.column}', 'pseudonymize'): the column (${type}) cannot hold a ${HASH_LENGTH}-character pseudonym; ` +
        `widen it to text or varchar(${HASH_LENGTH}) first, or use 'anonymize'`,
    );
  }
}
