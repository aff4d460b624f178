/**
 * addForeignKey, addUniqueConstraint, addCheckConstraint and dropConstraint on every dialect, each
 * inverted back. On SQLite each is a rebuild, here of both a parent and a child table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConformanceSuite } from '../support/database-under-test.js';
import { count, rejection, roundTrip, tableIn } from '../support/round-trip.js';
import { readCustomers, readOrders, SHOP_CUSTOMERS, SHOP_ORDERS, shopSchema } from '../support/shop-schema.js';
import type { OperationBuilder } from '../../../src/operations/operation-builder.js';

function withReviews(op: OperationBuilder): void {
  shopSchema(op);
  op.createTable('reviews', {
    id: { type: 'integer', primaryKey: true },
    order_id: { type: 'integer' },
    customer_id: { type: 'integer' },
    stars: { type: 'integer', notNull: true },
  });
  op.createIndex('reviews', 'order_id');
  op.bulkInsert('reviews', [
    { id: 1, order_id: 1, customer_id: 1, stars: 5 },
    { id: 2, order_id: 3, customer_id: 2, stars: 3 },
  ]);
}

export const constraintOperations: ConformanceSuite = (db, kind) =>
  describe('constraint operations', () => {
    it('addForeignKey is named, enforced at commit and keeps its actions; dropConstraint removes it', async () => {
      await roundTrip(db(), {
        setup: withReviews,
        forward: (op) => {
          op.addForeignKey('reviews', 'order_id', { table: 'orders', columns: 'id' }, { onDelete: 'cascade' });
          op.addForeignKey('reviews', ['customer_id'], { table: 'customers', columns: ['id'] }, { name: 'reviews_author_fk', onUpdate: 'restrict' });
        },
        inverse: (op) => {
          op.dropConstraint('reviews', 'reviews_author_fk');
          op.dropConstraint('reviews', 'reviews_order_id_fkey');
        },
        async changed(d, after) {
          const fks = tableIn(after, 'reviews').foreignKeys.map((f) => [f.name, f.columns, f.refTable, f.refColumns, f.onDelete, f.onUpdate]);
          assert.deepEqual(fks.sort(), [
            ['reviews_author_fk', ['customer_id'], 'customers', ['id'], 'no action', 'restrict'],
            ['reviews_order_id_fkey', ['order_id'], 'orders', ['id'], 'cascade', 'no action'],
          ]);
          assert.deepEqual(tableIn(after, 'reviews').indexes.map((i) => i.name), ['reviews_order_id_idx']);
          await rejection(d.apply((op) => op.bulkInsert('reviews', [{ id: 3, order_id: 99, stars: 1 }])), 'order 99 does not exist');
          assert.deepEqual(await readOrders(d), SHOP_ORDERS);
        },
        restored: async (d) => {
          await d.apply((op) => op.bulkInsert('reviews', [{ id: 3, order_id: 99, stars: 1 }]));
        },
      });
    });

    it('addForeignKey over a row that breaks it fails and leaves the schema and rows as they were', async () => {
      const d = db();
      await d.apply(withReviews);
      await d.apply((op) => op.execute('DELETE FROM orders WHERE id = 3'));
      const before = await d.schema();
      await rejection(
        d.apply((op) => op.addForeignKey('reviews', 'order_id', { table: 'orders', columns: 'id' })),
        'review 2 points at the deleted order 3',
      );
      assert.deepEqual(await d.schema(), before);
      const reviews = await d.rows<{ id: number }>('SELECT id FROM reviews ORDER BY id');
      assert.deepEqual(reviews.map((r) => Number(r.id)), [1, 2]);
    });

    it('addUniqueConstraint refuses duplicates; dropConstraint allows them again', async () => {
      await roundTrip(db(), {
        setup: withReviews,
        forward: (op) => op.addUniqueConstraint('reviews', ['order_id', 'customer_id']),
        inverse: (op) => op.dropConstraint('reviews', 'reviews_order_id_customer_id_key'),
        async changed(d, after) {
          const t = tableIn(after, 'reviews');
          assert.deepEqual(t.uniques, [{ name: 'reviews_order_id_customer_id_key', columns: ['order_id', 'customer_id'] }]);
          assert.deepEqual(t.indexes.map((i) => i.name), ['reviews_order_id_idx']);
          await rejection(d.rows('INSERT INTO reviews (id, order_id, customer_id, stars) VALUES (?, ?, ?, ?)', [3, 1, 1, 4]), 'a second review of order 1 by customer 1');
        },
        restored: async (d) => {
          await d.rows('INSERT INTO reviews (id, order_id, customer_id, stars) VALUES (?, ?, ?, ?)', [3, 1, 1, 4]);
        },
      });
    });

    it('addCheckConstraint with >=, <= and <> refuses bad rows; dropConstraint accepts them again', async () => {
      await roundTrip(db(), {
        setup: withReviews,
        forward: (op) => op.addCheckConstraint('reviews', 'reviews_stars_check', "stars >= 1 AND stars <= 5 AND stars <> 4"),
        inverse: (op) => op.dropConstraint('reviews', 'reviews_stars_check'),
        async changed(d, after) {
          assert.deepEqual(tableIn(after, 'reviews').checks.map((c) => c.name), ['reviews_stars_check']);
          await rejection(d.rows('INSERT INTO reviews (id, stars) VALUES (?, ?)', [3, 6]), '6 stars');
          await rejection(d.rows('INSERT INTO reviews (id, stars) VALUES (?, ?)', [3, 4]), '4 stars');
          await d.rows('INSERT INTO reviews (id, stars) VALUES (?, ?)', [3, 2]);
          // A later rebuild of the table (SQLite) must carry the CHECK through intact.
          await d.apply((op) => op.alterColumn('reviews', 'customer_id', { default: 0 }));
          await rejection(d.rows('INSERT INTO reviews (id, stars) VALUES (?, ?)', [4, 0]), '0 stars after a rebuild');
          await d.apply((op) => op.alterColumn('reviews', 'customer_id', { default: null }));
        },
        restored: async (d) => {
          await d.rows('INSERT INTO reviews (id, stars) VALUES (?, ?)', [4, 9]);
        },
      });
    });

    it('adding a constraint under a name the table already uses fails and changes nothing', async () => {
      const d = db();
      await d.apply(withReviews);
      await d.apply((op) => op.addCheckConstraint('reviews', 'reviews_rule', 'stars >= 1'));
      const before = await d.schema();
      await rejection(d.apply((op) => op.addCheckConstraint('reviews', 'reviews_rule', 'stars <= 5')), 'reviews_rule is taken');
      await rejection(d.apply((op) => op.addUniqueConstraint('reviews', 'order_id', { name: 'reviews_rule' })), 'reviews_rule is taken');
      assert.deepEqual(await d.schema(), before);
      // Dropping it by name removes exactly the one constraint.
      await d.apply((op) => op.dropConstraint('reviews', 'reviews_rule'));
      assert.deepEqual(tableIn(await d.schema(), 'reviews').checks, []);
    });

    it('constraints written without names in raw SQL get PostgreSQL\'s names on every dialect, and drop by them', async () => {
      // MariaDB names them itself (a UNIQUE and a CHECK after their column, a foreign key <table>_ibfk_<n>,
      // stated actions as RESTRICT): there the test drops and restores them by those names.
      const my = kind === 'mysql';
      const name = my
        ? { unique: 'code', fk: 'gadgets_ibfk_1', check: 'weight' }
        : { unique: 'gadgets_code_key', fk: 'gadgets_owner_id_fkey', check: 'gadgets_weight_check' };
      await roundTrip(db(), {
        setup: (op) => {
          shopSchema(op);
          op.execute(`CREATE TABLE gadgets (
            id integer PRIMARY KEY,
            code text UNIQUE,
            owner_id integer REFERENCES customers (id),
            weight integer CHECK (weight > 0)
          )`);
          op.bulkInsert('gadgets', [{ id: 1, code: 'G-1', owner_id: 1, weight: 3 }]);
        },
        forward: (op) => {
          op.dropConstraint('gadgets', name.unique);
          op.dropConstraint('gadgets', name.fk);
          op.dropConstraint('gadgets', name.check);
        },
        inverse: (op) => {
          op.addUniqueConstraint('gadgets', 'code', { name: name.unique });
          op.addForeignKey('gadgets', 'owner_id', { table: 'customers', columns: 'id' }, my ? { name: name.fk, onDelete: 'restrict', onUpdate: 'restrict' } : {});
          op.addCheckConstraint('gadgets', name.check, 'weight > 0');
        },
        async changed(d, after) {
          const t = tableIn(after, 'gadgets');
          assert.deepEqual([t.primaryKey?.name, t.uniques, t.foreignKeys, t.checks], ['gadgets_pkey', [], [], []]);
          await d.rows('INSERT INTO gadgets (id, code, weight) VALUES (?, ?, ?)', [2, 'G-1', -1]);
          await d.rows('DELETE FROM gadgets WHERE id = ?', [2]);
        },
        restored: async (d) => assert.equal(await count(d, 'gadgets'), 1),
      });
    });

    it('dropConstraint of keys made by createTable; adding them back by name restores the schema', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => {
          op.dropConstraint('orders', 'orders_customer_id_fkey');
          op.dropConstraint('customers', 'customers_email_key');
        },
        inverse: (op) => {
          op.addUniqueConstraint('customers', 'email');
          op.addForeignKey('orders', 'customer_id', { table: 'customers', columns: 'id' }, { onDelete: 'cascade' });
        },
        async changed(d, after) {
          assert.deepEqual(tableIn(after, 'customers').uniques, []);
          assert.deepEqual(tableIn(after, 'orders').foreignKeys, []);
          assert.deepEqual(tableIn(after, 'customers').indexes.map((i) => i.name), ['customers_name_idx']);
          assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
          assert.deepEqual(await readOrders(d), SHOP_ORDERS);
        },
        restored: async (d) => {
          await d.asApplication(() => d.rows('DELETE FROM customers WHERE id = ?', [2]).then(() => undefined));
          assert.deepEqual(await readOrders(d), SHOP_ORDERS.filter((o) => o.customer_id !== 2), 'ON DELETE CASCADE is back');
        },
      });
    });
  });
