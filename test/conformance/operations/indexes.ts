/**
 * createIndex and dropIndex on every dialect: plain, multi-column, unique, expression and partial
 * indexes, CONCURRENTLY (outside the transaction on PostgreSQL), each inverted back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConformanceSuite, DatabaseUnderTest } from '../support/database-under-test.js';
import { rejection, roundTrip, tableIn } from '../support/round-trip.js';
import { readCustomers, SHOP_CUSTOMERS, shopSchema } from '../support/shop-schema.js';

/** MariaDB has no expression indexes (MySQL 8 has); the dialect refuses them there before running anything. */
async function isMariaDb(d: DatabaseUnderTest): Promise<boolean> {
  if (d.kind !== 'mysql') return false;
  const [row] = await d.rows<{ v: string }>('SELECT VERSION() AS v');
  return /mariadb/i.test(row?.v ?? '');
}

/** The operation is refused before anything runs, naming what the database cannot do; the schema is unchanged. */
async function refusedUnchanged(d: DatabaseUnderTest, fn: Parameters<DatabaseUnderTest['apply']>[0], what: RegExp): Promise<void> {
  const before = await d.schema();
  const error = await rejection(d.apply(fn), 'the database has no such index');
  assert.match(error.message, what);
  assert.deepEqual(await d.schema(), before);
}

export const indexOperations: ConformanceSuite = (db) =>
  describe('index operations', () => {
    it('createIndex on two columns is named after them; dropIndex removes it', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.createIndex('orders', ['customer_id', 'total']),
        inverse: (op) => op.dropIndex('orders_customer_id_total_idx', { table: 'orders' }),
        changed(_d, after) {
          const index = tableIn(after, 'orders').indexes.find((i) => i.name === 'orders_customer_id_total_idx');
          assert.deepEqual(index && [index.columns, index.unique, index.where], [['customer_id', 'total'], false, null]);
        },
      });
    });

    it('a unique expression index on lower(email) refuses a case-only duplicate', async () => {
      if (await isMariaDb(db())) {
        await db().apply(shopSchema);
        return refusedUnchanged(db(), (op) => op.createIndex('customers', 'lower(email)', { unique: true }), /mariadb cannot index the expression lower\(email\)/);
      }
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.createIndex('customers', 'lower(email)', { unique: true }),
        inverse: (op) => op.dropIndex('customers_lower_email_idx'),
        async changed(d, after) {
          const index = tableIn(after, 'customers').indexes.find((i) => i.name === 'customers_lower_email_idx');
          assert.ok(index?.unique);
          assert.match(index.columns.join(), /^lower\(.*email.*\)$/);
          await rejection(d.rows('INSERT INTO customers (id, email) VALUES (?, ?)', [8, 'ADA@example.org']), 'lower(email) is taken');
        },
        restored: async (d) => {
          await d.rows('INSERT INTO customers (id, email) VALUES (?, ?)', [8, 'ADA@example.org']);
          await d.rows('DELETE FROM customers WHERE id = ?', [8]);
        },
      });
    });

    it('a partial unique index applies only to the rows its WHERE selects', async () => {
      if (db().kind === 'mysql') {
        // MySQL and MariaDB index every row of a table: there is no WHERE on an index.
        await db().apply(shopSchema);
        return refusedUnchanged(db(), (op) => op.createIndex('customers', 'name', { name: 'scored_name_key', unique: true, where: 'score IS NOT NULL' }), /partial index scored_name_key/);
      }
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.createIndex('customers', 'name', { name: 'scored_name_key', unique: true, where: 'score IS NOT NULL' }),
        inverse: (op) => op.dropIndex('scored_name_key'),
        async changed(d, after) {
          const index = tableIn(after, 'customers').indexes.find((i) => i.name === 'scored_name_key');
          assert.deepEqual(index && [index.columns, index.unique], [['name'], true]);
          assert.match(index?.where ?? '', /score IS NOT NULL/i);
          // Bo has no score, so a second Bo without a score is outside the index...
          await d.rows('INSERT INTO customers (id, email, name) VALUES (?, ?, ?)', [10, 'bo2@example.org', 'Bo']);
          // ...while a second Ada with a score is refused.
          await rejection(d.rows('INSERT INTO customers (id, email, name, score) VALUES (?, ?, ?, ?)', [11, 'ada2@example.org', 'Ada', 1]), 'Ada is scored');
          await d.rows('DELETE FROM customers WHERE id = ?', [10]);
        },
        restored: async (d) => assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS),
      });
    });

    it('expression and partial indexes made again from what introspection read come back identical', async () => {
      const d = db();
      const mariadb = await isMariaDb(d);
      // MariaDB has neither expression nor partial indexes (and reads a unique index as a unique
      // constraint), MySQL 8 has no partial ones.
      const expression = mariadb ? ['name', 'score'] : ['lower(email)', 'score'];
      await d.apply((op) => {
        shopSchema(op);
        op.createIndex('customers', expression, { name: 'customers_expr_idx', unique: !mariadb });
        if (d.kind !== 'mysql') op.createIndex('customers', 'name', { name: 'customers_scored_idx', where: 'score IS NOT NULL AND name <> \'\'' });
      });
      const before = await d.schema();
      const read = tableIn(before, 'customers').indexes.filter((i) => i.name !== 'customers_name_idx');
      assert.equal(read.length, d.kind === 'mysql' ? 1 : 2, 'the indexes are read as indexes');
      await d.apply((op) => {
        for (const i of read) op.dropIndex(i.name, { table: 'customers' });
        for (const i of read) op.createIndex('customers', [...i.columns], { name: i.name, unique: i.unique, where: i.where ?? undefined });
      });
      assert.deepEqual(await d.schema(), before);
    });

    it('createIndex with concurrently: true builds the index (outside the transaction on PostgreSQL)', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.createIndex('customers', 'score', { concurrently: true }),
        inverse: (op) => op.dropIndex('customers_score_idx'),
        changed(_d, after) {
          const index = tableIn(after, 'customers').indexes.find((i) => i.name === 'customers_score_idx');
          assert.deepEqual(index?.columns, ['score']);
        },
      });
    });

    it('dropIndex removes an index; createIndex with the same columns brings the same schema back', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.dropIndex('customers_name_idx', { table: 'customers' }),
        inverse: (op) => op.createIndex('customers', 'name'),
        async changed(d, after) {
          assert.deepEqual(tableIn(after, 'customers').indexes, []);
          assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
        },
      });
    });
  });

/**
 * SQLite has no schemas inside one database file, and a MySQL schema is a whole database on the
 * server: this suite is PostgreSQL's only.
 */
export const schemaQualifiedNames: ConformanceSuite = (db, kind) => {
  if (kind === 'sqlite' || kind === 'mysql') return;
  describe('schema-qualified names', () => {
    it('tables and indexes in another schema are created, renamed and dropped there', async () => {
      const d = db();
      const indexes = () => d.rows<{ name: string; table: string }>(
        "SELECT indexname AS name, tablename AS \"table\" FROM pg_indexes WHERE schemaname = 'app' ORDER BY indexname");
      await d.apply((op) => {
        op.execute('CREATE SCHEMA app');
        op.createTable('app.items', { id: { type: 'integer', primaryKey: true }, sku: { type: 'text' } });
        op.createIndex('app.items', 'sku');
        op.bulkInsert('app.items', [{ id: 1, sku: 'A-1' }]);
      });
      assert.deepEqual(await indexes(), [{ name: 'items_pkey', table: 'items' }, { name: 'items_sku_idx', table: 'items' }]);
      await d.apply((op) => op.renameTable('app.items', 'app.products'));
      assert.deepEqual((await indexes()).map((r) => r.table), ['products', 'products']);
      await d.apply((op) => op.dropIndex('items_sku_idx', { table: 'app.products' }));
      assert.deepEqual((await indexes()).map((r) => r.name), ['items_pkey']);
      assert.deepEqual(await d.rows('SELECT sku FROM app.products'), [{ sku: 'A-1' }]);
      assert.deepEqual((await d.schema()).tables, [], 'the current schema was left untouched');
    });
  });
};
