/**
 * addColumn, dropColumn and renameColumn on every dialect. On SQLite several of these rebuild the
 * table, so each test also checks that rows, indexes and child rows come through.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConformanceSuite } from '../support/database-under-test.js';
import { columnIn, count, rejection, roundTrip, tableIn } from '../support/round-trip.js';
import { readCustomers, readOrders, SHOP_CUSTOMERS, SHOP_ORDERS, shopSchema } from '../support/shop-schema.js';

export const columnOperations: ConformanceSuite = (db, kind) =>
  describe('column operations', () => {
    it('addColumn with a quoted literal default fills existing and new rows; dropColumn removes it', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.addColumn('customers', 'surname', { type: 'varchar(60)', notNull: true, default: "O'Brien" }),
        inverse: (op) => op.dropColumn('customers', 'surname'),
        async changed(d, after) {
          const c = columnIn(after, 'customers', 'surname');
          assert.equal(c.notNull, true);
          assert.notEqual(c.default, null);
          await d.rows('INSERT INTO customers (id, email) VALUES (?, ?)', [4, 'dee@example.org']);
          const rows = await d.rows<{ surname: string }>('SELECT surname FROM customers ORDER BY id');
          assert.deepEqual(rows.map((r) => r.surname), ["O'Brien", "O'Brien", "O'Brien", "O'Brien"]);
          await d.rows('DELETE FROM customers WHERE id = ?', [4]);
        },
        restored: async (d) => assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS),
      });
    });

    it('addColumn of a unique column (a SQLite rebuild) keeps every row, index and child row', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.addColumn('customers', 'nickname', { type: 'text', unique: true }),
        inverse: (op) => op.dropColumn('customers', 'nickname'),
        async changed(d, after) {
          const t = tableIn(after, 'customers');
          assert.ok(t.uniques.some((u) => u.name === 'customers_nickname_key' && u.columns[0] === 'nickname'));
          assert.deepEqual(t.indexes.map((i) => i.name), ['customers_name_idx']);
          assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
          assert.deepEqual(await readOrders(d), SHOP_ORDERS);
          await d.rows('UPDATE customers SET nickname = ? WHERE id = ?', ['ace', 1]);
          await rejection(d.rows('UPDATE customers SET nickname = ? WHERE id = ?', ['ace', 2]), 'a duplicate nickname');
        },
        restored: async (d) => assert.deepEqual(await readOrders(d), SHOP_ORDERS),
      });
    });

    it('addColumn with a foreign key and with an expression default; dropColumn removes both', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => {
          op.addColumn('orders', 'referrer_id', { type: 'integer', references: { table: 'customers', column: 'id', onDelete: 'set null' } });
          op.addColumn('orders', 'placed_at', { type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } });
        },
        inverse: (op) => {
          op.dropColumn('orders', 'placed_at');
          op.dropColumn('orders', 'referrer_id');
        },
        async changed(d, after) {
          const fk = tableIn(after, 'orders').foreignKeys.find((f) => f.name === 'orders_referrer_id_fkey');
          assert.deepEqual(fk && [fk.columns, fk.refTable, fk.refColumns, fk.onDelete], [['referrer_id'], 'customers', ['id'], 'set null']);
          await d.rows('INSERT INTO orders (id, customer_id) VALUES (?, ?)', [9, 3]);
          const [row] = await d.rows<{ placed_at: unknown }>('SELECT placed_at FROM orders WHERE id = ?', [9]);
          assert.notEqual(row?.placed_at, null);
          await d.rows('DELETE FROM orders WHERE id = ?', [9]);
        },
        restored: async (d) => assert.deepEqual(await readOrders(d), SHOP_ORDERS),
      });
    });

    it('addColumn NOT NULL without a default works on an empty table and fails, changing nothing, on one with rows', async () => {
      const d = db();
      await d.apply(shopSchema);
      await d.apply((op) => op.createTable('notes', { id: { type: 'integer', primaryKey: true } }));
      await roundTrip(d, {
        forward: (op) => op.addColumn('notes', 'body', { type: 'text', notNull: true }),
        inverse: (op) => op.dropColumn('notes', 'body'),
        changed: (_d, after) => assert.equal(columnIn(after, 'notes', 'body').notNull, true),
      });
      const before = await d.schema();
      if (d.kind === 'mysql') {
        // MySQL fills existing rows with the type's implicit default ('' for text) instead of refusing.
        await d.apply((op) => op.addColumn('customers', 'vat', { type: 'text', notNull: true }));
        const vat = await d.rows<{ vat: string }>('SELECT vat FROM customers ORDER BY id');
        assert.deepEqual(vat.map((r) => r.vat), ['', '', '']);
        await d.apply((op) => op.dropColumn('customers', 'vat'));
      } else {
        await rejection(d.apply((op) => op.addColumn('customers', 'vat', { type: 'text', notNull: true })), 'existing rows have no value');
      }
      assert.deepEqual(await d.schema(), before);
      assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
      assert.deepEqual(await readOrders(d), SHOP_ORDERS);
    });

    it('dropColumn of an indexed column drops its index; addColumn and createIndex bring both back', async () => {
      await roundTrip(db(), {
        setup: (op) => {
          shopSchema(op);
          op.createIndex('customers', 'score');
        },
        forward: (op) => op.dropColumn('customers', 'score'),
        inverse: (op) => {
          op.addColumn('customers', 'score', { type: 'integer' });
          op.createIndex('customers', 'score');
        },
        async changed(d, after) {
          const t = tableIn(after, 'customers');
          assert.deepEqual(t.columns.map((c) => c.name), ['id', 'email', 'name']);
          assert.deepEqual(t.indexes.map((i) => i.name), ['customers_name_idx']);
          assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
          assert.deepEqual(await readOrders(d), SHOP_ORDERS);
        },
        restored: async (d) => {
          assert.deepEqual(await readOrders(d), SHOP_ORDERS);
          const scores = await d.rows<{ score: unknown }>('SELECT score FROM customers ORDER BY id');
          assert.deepEqual(scores.map((r) => r.score), [null, null, null]);
        },
      });
    });

    it('dropColumn of a column used by an expression index and a CHECK drops them too', async () => {
      // MariaDB has no expression indexes: there the index is a two-column one, which MySQL would
      // otherwise keep with the column cut out of it.
      const indexed = kind === 'mysql' ? ['age', 'email'] : 'lower(email)';
      await roundTrip(db(), {
        setup: (op) => {
          op.createTable('people', {
            id: { type: 'integer', primaryKey: true },
            age: { type: 'integer' },
            email: { type: 'text' },
          });
          op.createIndex('people', indexed);
          op.addCheckConstraint('people', 'people_email_check', "email <> ''");
          op.bulkInsert('people', [{ id: 1, email: 'A@x.io', age: 30 }, { id: 2, email: 'b@x.io', age: 40 }]);
        },
        forward: (op) => op.dropColumn('people', 'email'),
        inverse: (op) => {
          op.addColumn('people', 'email', { type: 'text' });
          op.createIndex('people', indexed);
          op.addCheckConstraint('people', 'people_email_check', "email <> ''");
        },
        async changed(d, after) {
          const t = tableIn(after, 'people');
          assert.deepEqual(t.columns.map((c) => c.name), ['id', 'age']);
          assert.deepEqual([t.indexes, t.checks], [[], []]);
          const rows = await d.rows<{ age: number }>('SELECT age FROM people ORDER BY id');
          assert.deepEqual(rows.map((r) => Number(r.age)), [30, 40]);
        },
        restored: async (d) => assert.equal(await count(d, 'people'), 2),
      });
    });

    it('renameColumn carries keys, indexes and foreign keys (both ends) to the new name; renaming back restores them', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => {
          op.renameColumn('customers', 'id', 'customer_no');
          op.renameColumn('customers', 'email', 'mail');
          op.renameColumn('customers', 'name', 'full_name');
          op.renameColumn('orders', 'customer_id', 'buyer_id');
        },
        inverse: (op) => {
          op.renameColumn('orders', 'buyer_id', 'customer_id');
          op.renameColumn('customers', 'full_name', 'name');
          op.renameColumn('customers', 'mail', 'email');
          op.renameColumn('customers', 'customer_no', 'id');
        },
        async changed(d, after) {
          const customers = tableIn(after, 'customers');
          assert.deepEqual(customers.columns.map((c) => c.name), ['customer_no', 'mail', 'full_name', 'score']);
          assert.deepEqual(customers.primaryKey?.columns, ['customer_no']);
          assert.deepEqual(customers.uniques.map((u) => u.columns), [['mail']]);
          assert.deepEqual(customers.indexes.map((i) => i.columns), [['full_name']]);
          const fk = tableIn(after, 'orders').foreignKeys[0];
          assert.deepEqual(fk && [fk.columns, fk.refColumns], [['buyer_id'], ['customer_no']]);
          await d.rows('INSERT INTO customers (customer_no, mail) VALUES (?, ?)', [7, 'new@example.org']);
          const [row] = await d.rows<{ full_name: string }>('SELECT full_name FROM customers WHERE customer_no = ?', [7]);
          assert.equal(row?.full_name, 'anonymous');
          await d.rows('DELETE FROM customers WHERE customer_no = ?', [7]);
        },
        restored: async (d) => {
          assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
          assert.deepEqual(await readOrders(d), SHOP_ORDERS);
        },
      });
    });
  });
