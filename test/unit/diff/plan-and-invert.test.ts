/** Generated `up` calls in a runnable order, and their inverse for `down`, with data loss said aloud. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sqliteNormalizer } from '../../../src/dialects/sqlite/sqlite-normalizer.js';
import { operationsOf } from '../../../src/diff/builder-call.js';
import { diffSchemas } from '../../../src/diff/diff-schemas.js';
import { invertCalls } from '../../../src/diff/invert-calls.js';
import { planCalls } from '../../../src/diff/plan-calls.js';
import { writeCalls } from '../../../src/diff/write-calls.js';
import { canonicalExpression } from '../../../src/schema/canonical-sql.js';
import type { ColumnModel, SchemaModel, TableModel } from '../../../src/schema/schema-model.js';

const col = (name: string, type = 'integer', extra: Partial<ColumnModel> = {}): ColumnModel => ({ name, type, notNull: false, default: null, identity: false, comment: null, ...extra });
const table = (name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel => ({
  name, columns, primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [], comment: null, ...extra,
});
const fk = (name: string, column: string, refTable: string) => ({ name, columns: [column], refTable, refColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' });

describe('planCalls', () => {
  test('parents are created first; a foreign key closing a cycle is added after both tables', () => {
    const a = table('a', [col('id'), col('b_id')], { foreignKeys: [fk('a_b_id_fkey', 'b_id', 'b')] });
    const b = table('b', [col('id'), col('a_id'), col('parent_id')], { foreignKeys: [fk('b_a_id_fkey', 'a_id', 'a'), fk('b_parent_fkey', 'parent_id', 'b')] });
    const child = table('c', [col('id'), col('a_id')], { foreignKeys: [fk('c_a_id_fkey', 'a_id', 'a')] });
    const calls = planCalls(diffSchemas({ tables: [] }, { tables: [child, a, b] }, sqliteNormalizer).changes);
    assert.deepEqual(calls.map((c) => `${c.method}:${c.method ? String(c.args[0]) : ''}`), ['createTable:b', 'createTable:a', 'createTable:c', 'addForeignKey:b']);
    const ops = operationsOf(calls);
    const createB = ops[0] as { foreignKeys?: { name: string }[] };
    assert.deepEqual(createB.foreignKeys?.map((f) => f.name), ['b_parent_fkey'], 'the self-reference stays inline');
  });

  test('dropped foreign keys go first, dropped tables children first', () => {
    const parent = table('parent', [col('id')]);
    const kid = table('kid', [col('id'), col('parent_id')], { foreignKeys: [fk('kid_parent_id_fkey', 'parent_id', 'parent')] });
    const keep = table('keep', [col('id'), col('parent_id')], { foreignKeys: [fk('keep_parent_id_fkey', 'parent_id', 'parent')] });
    const calls = planCalls(diffSchemas({ tables: [kid, keep, parent] }, { tables: [{ ...keep, foreignKeys: [] }] }, sqliteNormalizer).changes);
    assert.deepEqual(calls.map((c) => `${c.method}:${c.method ? String(c.args[0]) : ''}`), ['dropConstraint:keep', 'dropTable:kid', 'dropTable:parent']);
  });
});

describe('invertCalls', () => {
  const before: SchemaModel = {
    tables: [table('users', [col('id', 'integer', { notNull: true }), col('nick', 'varchar(20)', { default: "'x'" })], { primaryKey: { name: 'users_pkey', columns: ['id'] } }), table('old', [col('id')])],
  };

  test('each step inverted in reverse order; structure comes back, lost data is said aloud', () => {
    const after: SchemaModel = { tables: [table('users', [col('id', 'integer', { notNull: true }), col('age')], { primaryKey: { name: 'users_pkey', columns: ['id'] } }), table('fresh', [col('id')])] };
    const up = planCalls(diffSchemas(before, after, sqliteNormalizer).changes);
    const down = invertCalls(up, before);
    assert.deepEqual(up.map((c) => c.method), ['createTable', 'addColumn', 'dropColumn', 'dropTable']);
    assert.deepEqual(down.map((c) => c.method), ['createTable', 'addColumn', 'dropColumn', 'dropTable']);
    assert.deepEqual(down.map((c) => String(c.args[0] ?? '')), ['old', 'users', 'users', 'fresh']);
    assert.match(down[0]!.comment![0]!, /recreates old empty: the rows it held are not restored/);
    assert.match(down[1]!.comment![0]!, /re-adds users\.nick empty: its values are not restored/);
    const text = writeCalls(down);
    assert.match(text, /\/\/ re-adds users\.nick empty/);
    assert.match(text, /op\.addColumn\('users', 'nick', \{ type: 'varchar\(20\)', default: \{ sql: "'x'" \} \}\);/);
  });

  test('a type change is restored to the old type, with a warning about rounded values', () => {
    const after: SchemaModel = { tables: [before.tables[0]!, table('old', [col('id', 'bigint')])] };
    const up = planCalls(diffSchemas(before, after, sqliteNormalizer).changes);
    const [down] = invertCalls(up, before);
    assert.deepEqual(down!.args, ['old', 'id', { type: 'integer' }]);
    assert.match(down!.comment![0]!, /restores the type integer/);
  });
});

describe('canonicalExpression', () => {
  for (const [a, b] of [
    ["((a >= 0) AND (c = ANY (ARRAY['x'::text, 'y'::text])))", "a >= 0 AND c IN ('x', 'y')"],
    ["`a` >= 0 and `c` in ('x','y')", "a >= 0 AND c IN ('x', 'y')"],
    ['lcase(`email`)', 'lower(email)'],
    ['now()', 'CURRENT_TIMESTAMP'],
    ['current_timestamp(6)', 'CURRENT_TIMESTAMP'],
    ["'it\\'s'", "'it''s'::text"],
  ]) {
    test(`${a} ≡ ${b}`, () => assert.equal(canonicalExpression(a!), canonicalExpression(b!)));
  }
  test('string literals keep their case and a real change stays a change', () => {
    assert.notEqual(canonicalExpression("status = 'Open'"), canonicalExpression("status = 'open'"));
    assert.notEqual(canonicalExpression('a >= 0'), canonicalExpression('a > 0'));
  });
});
