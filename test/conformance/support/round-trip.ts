/**
 * The conformance contract of an operation: applied, it changes what introspection sees in the way
 * the test states; its inverse then brings the introspected schema back exactly as it was.
 */
import assert from 'node:assert/strict';
import type { OperationBuilder } from '../../../src/operations/operation-builder.js';
import type { SchemaModel } from '../../../src/schema/schema-model.js';
import type { DatabaseUnderTest } from './database-under-test.js';

export interface RoundTrip {
  /** A small schema with rows in it. */
  readonly setup?: (op: OperationBuilder) => void;
  readonly forward: (op: OperationBuilder) => void;
  /** The inverse, written out explicitly. */
  readonly inverse: (op: OperationBuilder) => void;
  /** What a user sees after `forward`. */
  readonly changed: (db: DatabaseUnderTest, after: SchemaModel, before: SchemaModel) => Promise<void> | void;
  /** What a user sees after `inverse`, besides the identical schema (rows kept, for instance). */
  readonly restored?: (db: DatabaseUnderTest) => Promise<void> | void;
}

export async function roundTrip(db: DatabaseUnderTest, c: RoundTrip): Promise<void> {
  if (c.setup) await db.apply(c.setup);
  const before = await db.schema();
  await db.apply(c.forward);
  const after = await db.schema();
  assert.notDeepEqual(after, before, 'the operation left the introspected schema unchanged');
  await c.changed(db, after, before);
  await db.apply(c.inverse);
  assert.deepEqual(await db.schema(), before, 'the inverse did not restore the schema');
  await c.restored?.(db);
}

/** The table of that name in a snapshot; fails when missing. */
export function tableIn(schema: SchemaModel, name: string) {
  const t = schema.tables.find((x) => x.name === name);
  assert.ok(t, `table ${name} is missing; tables are: ${schema.tables.map((x) => x.name).join(', ') || '(none)'}`);
  return t;
}

/** A column of a table in a snapshot; fails when missing. */
export function columnIn(schema: SchemaModel, table: string, column: string) {
  const c = tableIn(schema, table).columns.find((x) => x.name === column);
  assert.ok(c, `column ${table}.${column} is missing`);
  return c;
}

/** Awaits a promise that must reject; returns the error for further checks. */
export async function rejection(promise: Promise<unknown>, why: string): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  assert.fail(`expected a failure: ${why}`);
}

/** Row counts, read fresh, so "the rows survived" is one assertion. */
export async function count(db: DatabaseUnderTest, table: string): Promise<number> {
  const [row] = await db.rows<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${db.dialect.quoteIdent(table)}`);
  return Number(row?.n);
}
