/**
 * alterColumn on every dialect: type, nullability and default, each inverted by an alterColumn back
 * to the old spec. On SQLite each is a table rebuild of a parent table whose child rows cascade on
 * delete, so a rebuild that lost or deleted rows would show here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatementFailedError } from '../../../src/core/errors.js';
import type { ConformanceSuite, DatabaseUnderTest } from '../support/database-under-test.js';
import { columnIn, rejection, roundTrip, tableIn } from '../support/round-trip.js';
import { readCustomers, readOrders, SHOP_CUSTOMERS, SHOP_ORDERS, shopSchema } from '../support/shop-schema.js';

async function everyRowAndIndexKept(d: DatabaseUnderTest): Promise<void> {
  assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
  assert.deepEqual(await readOrders(d), SHOP_ORDERS);
  const t = await d.table('customers');
  assert.deepEqual(t.indexes.map((i) => [i.name, i.columns]), [['customers_name_idx', ['name']]]);
  assert.deepEqual(t.uniques, [{ name: 'customers_email_key', columns: ['email'] }]);
}

export const alterColumnOperations: ConformanceSuite = (db) =>
  describe('alterColumn', () => {
    it('changes a type (integer → bigint) keeping values, rows and indexes; the old type comes back', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.alterColumn('customers', 'score', { type: 'bigint' }),
        inverse: (op) => op.alterColumn('customers', 'score', { type: 'integer' }),
        async changed(d, after) {
          assert.equal(columnIn(after, 'customers', 'score').type, 'bigint');
          const rows = await d.rows<{ score: unknown }>('SELECT score FROM customers ORDER BY id');
          assert.deepEqual(rows.map((r) => (r.score === null ? null : Number(r.score))), [10, null, 5]);
          await everyRowAndIndexKept(d);
        },
        restored: everyRowAndIndexKept,
      });
    });

    it('changes a type with a default (text → varchar(80)); the default still applies', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.alterColumn('customers', 'name', { type: 'varchar(80)' }),
        inverse: (op) => op.alterColumn('customers', 'name', { type: 'text' }),
        async changed(d, after) {
          assert.equal(columnIn(after, 'customers', 'name').type, d.kind === 'sqlite' || d.kind === 'mysql' ? 'varchar(80)' : 'character varying(80)');
          await d.rows('INSERT INTO customers (id, email) VALUES (?, ?)', [5, 'e@example.org']);
          const [row] = await d.rows<{ name: string }>('SELECT name FROM customers WHERE id = ?', [5]);
          assert.equal(row?.name, 'anonymous');
          await d.rows('DELETE FROM customers WHERE id = ?', [5]);
          await everyRowAndIndexKept(d);
        },
        restored: everyRowAndIndexKept,
      });
    });

    it('sets NOT NULL so that a NULL is refused, and drops it again', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.alterColumn('customers', 'name', { notNull: true }),
        inverse: (op) => op.alterColumn('customers', 'name', { notNull: false }),
        async changed(d, after) {
          assert.equal(columnIn(after, 'customers', 'name').notNull, true);
          await rejection(d.rows('INSERT INTO customers (id, email, name) VALUES (?, ?, NULL)', [6, 'f@example.org']), 'name is NOT NULL');
          await everyRowAndIndexKept(d);
        },
        restored: everyRowAndIndexKept,
      });
    });

    it("sets a default containing a quote (O'Brien), changes one, and drops them", async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => {
          op.alterColumn('customers', 'name', { default: "O'Brien" });
          op.alterColumn('customers', 'score', { default: 0 });
        },
        inverse: (op) => {
          op.alterColumn('customers', 'score', { default: null });
          op.alterColumn('customers', 'name', { default: 'anonymous' });
        },
        async changed(d, after) {
          assert.equal(columnIn(after, 'customers', 'score').notNull, false);
          await d.rows('INSERT INTO customers (id, email) VALUES (?, ?)', [7, 'g@example.org']);
          const [row] = await d.rows<{ name: string; score: unknown }>('SELECT name, score FROM customers WHERE id = ?', [7]);
          assert.deepEqual([row?.name, Number(row?.score)], ["O'Brien", 0]);
          await d.rows('DELETE FROM customers WHERE id = ?', [7]);
        },
        async restored(d) {
          assert.equal(columnIn(await d.schema(), 'customers', 'score').default, null);
          await everyRowAndIndexKept(d);
        },
      });
    });

    it('sets an expression default that a later table rebuild (SQLite) carries through', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => {
          op.alterColumn('customers', 'name', { default: { sql: "upper('guest')" } });
          op.alterColumn('customers', 'score', { type: 'bigint' });
        },
        inverse: (op) => {
          op.alterColumn('customers', 'score', { type: 'integer' });
          op.alterColumn('customers', 'name', { default: 'anonymous' });
        },
        async changed(d) {
          await d.rows('INSERT INTO customers (id, email) VALUES (?, ?)', [8, 'h@example.org']);
          const [row] = await d.rows<{ name: string }>('SELECT name FROM customers WHERE id = ?', [8]);
          assert.equal(row?.name, 'GUEST');
          await d.rows('DELETE FROM customers WHERE id = ?', [8]);
        },
        restored: everyRowAndIndexKept,
      });
    });

    it('a table with an identity key keeps counting after a change: a deleted id is never handed out again', async () => {
      const d = db();
      await d.apply((op) => {
        op.createTable('tickets', { id: { type: 'integer', primaryKey: true, identity: true }, title: { type: 'text' } });
        op.bulkInsert('tickets', [{ title: 'one' }, { title: 'two' }, { title: 'three' }]);
        op.execute("DELETE FROM tickets WHERE title = 'three'");
      });
      await d.apply((op) => op.alterColumn('tickets', 'title', { notNull: true }));
      await d.apply((op) => op.bulkInsert('tickets', [{ title: 'four' }]));
      const rows = await d.rows<{ id: number; title: string }>('SELECT id, title FROM tickets ORDER BY id');
      assert.deepEqual(rows.map((r) => [Number(r.id), r.title]), [[1, 'one'], [2, 'two'], [4, 'four']]);
    });

    it('SET NOT NULL on a column holding NULLs fails and the transaction rolls back with every row intact', async () => {
      const d = db();
      await d.apply(shopSchema);
      const before = await d.schema();
      const error = await rejection(
        d.apply((op) => {
          op.alterColumn('customers', 'name', { default: 'someone' });
          op.alterColumn('customers', 'score', { notNull: true });
        }),
        'customer 2 has no score',
      );
      assert.ok(error instanceof StatementFailedError, `expected a StatementFailedError, got ${error}`);
      assert.equal(d.conn.inTransaction, false);
      if (d.kind === 'mysql') {
        // MySQL commits each DDL statement: the new default stayed, the failed NOT NULL did not
        // (the runner journals such revisions, see test/e2e/mysql-journal.test.ts).
        assert.equal(columnIn(await d.schema(), 'customers', 'name').default, "'someone'");
        await d.apply((op) => op.alterColumn('customers', 'name', { default: 'anonymous' }));
      }
      assert.deepEqual(await d.schema(), before);
      assert.equal(tableIn(before, 'customers').columns.find((c) => c.name === 'score')?.notNull, false);
      await everyRowAndIndexKept(d);
      const scores = await d.rows<{ score: unknown }>('SELECT score FROM customers ORDER BY id');
      assert.deepEqual(scores.map((r) => (r.score === null ? null : Number(r.score))), [10, null, 5]);
    });
  });
