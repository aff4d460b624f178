/**
 * PostgreSQL rules: locks, rewrites and the safe forms that avoid them, with `op` calls and with SQL
 * read by PostgreSQL's own parser. Each rule is also checked not to fire for another dialect.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LintDialect } from '../../../src/lint/lint-types.js';
import type { RevisionSource } from '../../../src/lint/revision-source.js';
import { findingsOf, lineOf, lintRevisions, sqlRevision, tsRevision } from './lint-fixtures.js';

async function pg(rule: string, revisions: RevisionSource[], options: { lockTimeout?: boolean; dialect?: LintDialect } = {}) {
  return findingsOf(await lintRevisions(revisions, [options.dialect ?? 'postgres'], { lockTimeout: options.lockTimeout }), rule);
}

describe('volatile-default-rewrite', () => {
  test('a volatile default, a serial or an identity added to an existing table is reported', async () => {
    const ts = tsRevision("op.addColumn('orders', 'public_id', { type: 'uuid', default: { sql: 'gen_random_uuid()' } });");
    assert.deepEqual(await pg('volatile-default-rewrite', [ts]), [
      `${lineOf(ts, 'op.addColumn')}: adds orders.public_id with a volatile default (gen_random_uuid()): PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock`,
    ]);
    const sql = sqlRevision('ALTER TABLE orders ADD COLUMN seq bigserial;\nALTER TABLE orders ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY;');
    assert.deepEqual(await pg('volatile-default-rewrite', [sql]), [
      `${lineOf(sql, 'seq bigserial')}: adds orders.seq with type bigserial (a sequence default): PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock`,
      `${lineOf(sql, 'IDENTITY')}: adds orders.n with an identity (a sequence value per row): PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock`,
    ]);
  });
  test('constant and stable defaults, and new tables, pass; other dialects are not concerned', async () => {
    const ts = tsRevision([
      "op.addColumn('orders', 'status', { type: 'text', default: 'new' });",
      "op.addColumn('orders', 'seen_at', { type: 'timestamptz', default: { sql: 'now()' } });",
      "op.createTable('events', { id: { type: 'bigint', primaryKey: true, identity: true }, key: { type: 'uuid', default: { sql: 'gen_random_uuid()' } } });",
    ].join('\n'));
    assert.deepEqual(await pg('volatile-default-rewrite', [ts]), []);
    const volatile = tsRevision("op.addColumn('orders', 'public_id', { type: 'uuid', default: { sql: 'gen_random_uuid()' } });");
    assert.deepEqual(await pg('volatile-default-rewrite', [volatile], { dialect: 'mysql' }), []);
  });
});

describe('column-type-change', () => {
  const base = tsRevision("op.createTable('items', { id: { type: 'bigint', primaryKey: true, identity: true }, code: { type: 'varchar(20)' }, qty: { type: 'integer' } });", '', { id: 'aaaa00000001' });
  test('a change that rewrites the table is reported, with the type it had', async () => {
    const ts = tsRevision("op.alterColumn('items', 'qty', { type: 'bigint' });", '', { parent: 'aaaa00000001' });
    const sql = sqlRevision('ALTER TABLE items ALTER COLUMN code TYPE integer USING code::integer;', null, { parent: ts.meta.id });
    const unknown = sqlRevision('ALTER TABLE legacy ALTER COLUMN c TYPE text;');
    assert.deepEqual(await pg('column-type-change', [base, ts, sql, unknown]), [
      `${lineOf(ts, 'op.alterColumn')}: changes the type of items.qty from integer to bigint`,
      `${lineOf(sql, 'ALTER TABLE')}: changes the type of items.code from varchar(20) to int4`,
      `${lineOf(unknown, 'ALTER TABLE')}: changes the type of legacy.c (its current type is not known to the linter) to text`,
    ]);
  });
  test('a longer varchar and varchar to text pass; MySQL and SQLite are other rules', async () => {
    const ts = tsRevision("op.alterColumn('items', 'code', { type: 'varchar(40)' });", '', { parent: 'aaaa00000001' });
    const sql = sqlRevision('ALTER TABLE items ALTER COLUMN code TYPE text;', null, { parent: ts.meta.id });
    assert.deepEqual(await pg('column-type-change', [base, ts, sql]), []);
    const widen = tsRevision("op.alterColumn('items', 'qty', { type: 'bigint' });", '', { parent: 'aaaa00000001' });
    assert.deepEqual(await pg('column-type-change', [base, widen], { dialect: 'sqlite' }), []);
  });
});

describe('index-without-concurrently', () => {
  test('plain CREATE INDEX and DROP INDEX on existing tables are reported', async () => {
    const ts = tsRevision("op.createIndex('orders', ['customer_id']);");
    const sql = sqlRevision('DROP INDEX orders_old_idx;\nCREATE UNIQUE INDEX orders_ref_key ON orders (ref);');
    assert.deepEqual(await pg('index-without-concurrently', [ts, sql]), [
      `${lineOf(ts, 'op.createIndex')}: creates index orders_customer_id_idx on orders without CONCURRENTLY`,
      `${lineOf(sql, 'DROP INDEX')}: drops index orders_old_idx without CONCURRENTLY`,
      `${lineOf(sql, 'CREATE UNIQUE')}: creates index orders_ref_key on orders without CONCURRENTLY`,
    ]);
  });
  test('CONCURRENTLY, indexes of new tables, and other dialects pass', async () => {
    const ts = tsRevision([
      "op.createIndex('orders', ['customer_id'], { concurrently: true });",
      "op.createTable('events', { id: { type: 'bigint', primaryKey: true, identity: true }, at: { type: 'timestamptz' } });",
      "op.createIndex('events', ['at']);",
    ].join('\n'));
    const sql = sqlRevision('DROP INDEX CONCURRENTLY orders_old_idx;\nCREATE INDEX CONCURRENTLY orders_ref_idx ON orders (ref);');
    assert.deepEqual(await pg('index-without-concurrently', [ts, sql]), []);
    assert.deepEqual(await pg('index-without-concurrently', [tsRevision("op.createIndex('orders', ['customer_id']);")], { dialect: 'mysql' }), []);
  });
});

describe('constraint-without-not-valid', () => {
  test('foreign keys and checks validated at once, or validated in the same transaction, are reported', async () => {
    const ts = tsRevision([
      "op.addForeignKey('orders', 'customer_id', { table: 'customers', columns: 'id' });",
      "op.addColumn('orders', 'shop_id', { type: 'bigint', references: { table: 'shops', column: 'id' } });",
    ].join('\n'));
    const sql = sqlRevision([
      'ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);',
      'ALTER TABLE orders ADD CONSTRAINT orders_shop_fkey FOREIGN KEY (shop_id) REFERENCES shops (id) NOT VALID;',
      'ALTER TABLE orders VALIDATE CONSTRAINT orders_shop_fkey;',
    ].join('\n'));
    assert.deepEqual(await pg('constraint-without-not-valid', [ts, sql]), [
      `${lineOf(ts, 'op.addForeignKey')}: adds foreign key orders_customer_id_fkey to customers on orders without NOT VALID`,
      `${lineOf(ts, 'op.addColumn')}: adds orders.shop_id with a foreign key to shops, validated at once`,
      `${lineOf(sql, 'orders_total_check')}: adds check orders_total_check on orders without NOT VALID`,
      `${lineOf(sql, 'VALIDATE')}: validates orders_shop_fkey on orders in the same transaction that added it`,
    ]);
  });
  test('NOT VALID then VALIDATE in a later revision passes; other dialects are not concerned', async () => {
    const add = sqlRevision('ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;', null, { id: 'bbbb00000001' });
    const validate = sqlRevision('ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;', null, { parent: 'bbbb00000001' });
    assert.deepEqual(await pg('constraint-without-not-valid', [add, validate]), []);
    const fk = tsRevision("op.addForeignKey('orders', 'customer_id', { table: 'customers', columns: 'id' });");
    assert.deepEqual(await pg('constraint-without-not-valid', [fk], { dialect: 'sqlite' }), []);
  });
});

describe('set-not-null', () => {
  test('SET NOT NULL on an existing column is reported', async () => {
    const ts = tsRevision("op.alterColumn('orders', 'status', { notNull: true });");
    const sql = sqlRevision('ALTER TABLE orders ALTER COLUMN note SET NOT NULL;');
    assert.deepEqual(await pg('set-not-null', [ts, sql]), [
      `${lineOf(ts, 'op.alterColumn')}: sets orders.status NOT NULL, which scans the table under an ACCESS EXCLUSIVE lock`,
      `${lineOf(sql, 'SET NOT NULL')}: sets orders.note NOT NULL, which scans the table under an ACCESS EXCLUSIVE lock`,
    ]);
  });
  test('the CHECK … NOT VALID path, validated in an earlier revision, passes; other dialects are not concerned', async () => {
    const check = sqlRevision('ALTER TABLE orders ADD CONSTRAINT orders_status_nn CHECK (status IS NOT NULL) NOT VALID;', null, { id: 'cccc00000001' });
    const validate = sqlRevision('ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn;', null, { id: 'cccc00000002', parent: 'cccc00000001' });
    const setNotNull = sqlRevision('ALTER TABLE orders ALTER COLUMN status SET NOT NULL;\nALTER TABLE orders DROP CONSTRAINT orders_status_nn;', null, { parent: 'cccc00000002' });
    assert.deepEqual(await pg('set-not-null', [check, validate, setNotNull]), []);
    assert.deepEqual(await pg('set-not-null', [tsRevision("op.alterColumn('orders', 'status', { notNull: true });")], { dialect: 'mysql' }), []);
  });
});

describe('unique-without-using-index', () => {
  test('ADD UNIQUE and ADD PRIMARY KEY that build their index under lock are reported', async () => {
    const ts = tsRevision("op.addUniqueConstraint('users', ['email']);");
    const sql = sqlRevision('ALTER TABLE legacy ADD PRIMARY KEY (id);');
    assert.deepEqual(await pg('unique-without-using-index', [ts, sql]), [
      `${lineOf(ts, 'op.addUniqueConstraint')}: adds unique constraint users_email_key on users without USING INDEX`,
      `${lineOf(sql, 'PRIMARY KEY')}: adds primary key legacy_pkey on legacy without USING INDEX`,
    ]);
  });
  test('USING INDEX passes; other dialects are not concerned', async () => {
    const sql = sqlRevision('CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;');
    assert.deepEqual(await pg('unique-without-using-index', [sql]), []);
    assert.deepEqual(await pg('unique-without-using-index', [tsRevision("op.addUniqueConstraint('users', ['email']);")], { dialect: 'sqlite' }), []);
  });
});

describe('missing-lock-timeout', () => {
  test('lock-taking DDL with no lock_timeout anywhere is reported once, at the first such statement', async () => {
    const ts = tsRevision("op.addColumn('orders', 'note', { type: 'text' });\nop.addColumn('orders', 'tag', { type: 'text' });");
    assert.deepEqual(await pg('missing-lock-timeout', [ts], { lockTimeout: false }), [
      `${lineOf(ts, "'note'")}: waits for an ACCESS EXCLUSIVE lock on orders with no lock_timeout set`,
    ]);
  });
  test("SET lock_timeout in the revision, or env.ts session.lockTimeout, passes; SQLite is not concerned", async () => {
    const sql = sqlRevision("SET lock_timeout = '3s';\nALTER TABLE orders ADD COLUMN note text;");
    assert.deepEqual(await pg('missing-lock-timeout', [sql], { lockTimeout: false }), []);
    const ts = tsRevision("op.addColumn('orders', 'note', { type: 'text' });");
    assert.deepEqual(await pg('missing-lock-timeout', [ts], { lockTimeout: true }), []);
    assert.deepEqual(await pg('missing-lock-timeout', [ts], { lockTimeout: false, dialect: 'sqlite' }), []);
    const zero = sqlRevision('SET lock_timeout = 0;\nALTER TABLE orders ADD COLUMN note text;');
    assert.equal((await pg('missing-lock-timeout', [zero], { lockTimeout: false })).length, 1, 'lock_timeout = 0 turns the timeout off');
  });
});

describe('multiple-heavy-locks', () => {
  test('ACCESS EXCLUSIVE locks on two existing tables in one revision are reported', async () => {
    const ts = tsRevision("op.addColumn('orders', 'note', { type: 'text' });\nop.addColumn('customers', 'note', { type: 'text' });");
    assert.deepEqual(await pg('multiple-heavy-locks', [ts]), [`${lineOf(ts, "'customers'")}: locks orders and customers (ACCESS EXCLUSIVE) in the same transaction`]);
  });
  test('several changes to one table, or a concurrent index elsewhere, pass; MySQL is not concerned', async () => {
    const ts = tsRevision([
      "op.addColumn('orders', 'note', { type: 'text' });",
      "op.alterColumn('orders', 'note', { default: 'none' });",
      "op.createIndex('customers', ['email'], { concurrently: true });",
    ].join('\n'));
    assert.deepEqual(await pg('multiple-heavy-locks', [ts]), []);
    const two = tsRevision("op.addColumn('orders', 'note', { type: 'text' });\nop.addColumn('customers', 'note', { type: 'text' });");
    assert.deepEqual(await pg('multiple-heavy-locks', [two], { dialect: 'mysql' }), []);
  });
});
