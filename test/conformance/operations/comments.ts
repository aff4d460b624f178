/**
 * setTableComment, setColumnComment and addColumn's comment on every dialect: set, read back by
 * introspection, and removed again with null. SQLite keeps no comments: there the operations run
 * and change nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperationBuilder } from '../../../src/operations/operation-builder.js';
import type { ConformanceSuite, DatabaseUnderTest } from '../support/database-under-test.js';
import { columnIn, roundTrip, tableIn } from '../support/round-trip.js';
import { readCustomers, readOrders, SHOP_CUSTOMERS, SHOP_ORDERS, shopSchema } from '../support/shop-schema.js';

/** Quotes, a backslash and a non-ASCII letter: each dialect's literal escaping is on the path. */
const NOTE = "Personal data: it's erased on request (see C:\\gdpr) — données";

/** On SQLite the operation must run and leave the introspected schema exactly as it was. */
async function unchangedOnSqlite(d: DatabaseUnderTest, setup: (op: OperationBuilder) => void, forward: (op: OperationBuilder) => void): Promise<void> {
  await d.apply(setup);
  const before = await d.schema();
  await d.apply(forward);
  assert.deepEqual(await d.schema(), before);
  assert.ok(before.tables.every((t) => t.comment === null && t.columns.every((c) => c.comment === null)));
}

export const commentOperations: ConformanceSuite = (db, kind) =>
  describe('comment operations', () => {
    it('setTableComment sets a table comment; setting it to null removes it', async () => {
      const forward = (op: OperationBuilder) => op.setTableComment('customers', NOTE);
      if (kind === 'sqlite') return unchangedOnSqlite(db(), shopSchema, forward);
      await roundTrip(db(), {
        setup: shopSchema,
        forward,
        inverse: (op) => op.setTableComment('customers', null),
        changed(_d, after) {
          assert.equal(tableIn(after, 'customers').comment, NOTE);
          assert.equal(tableIn(after, 'orders').comment, null);
        },
      });
    });

    it('setColumnComment keeps the whole column (type, NOT NULL, default, identity); null removes the comment', async () => {
      const setup = (op: OperationBuilder) => {
        shopSchema(op);
        op.createTable('tickets', { id: { type: 'integer', primaryKey: true, identity: true }, subject: { type: 'text' } });
        op.bulkInsert('tickets', [{ subject: 'first' }]);
      };
      const forward = (op: OperationBuilder) => {
        op.setColumnComment('customers', 'email', NOTE);
        op.setColumnComment('customers', 'name', 'Shown on invoices');
        op.setColumnComment('orders', 'total', 'In euros');
        op.setColumnComment('tickets', 'id', 'Counted by the database');
      };
      if (kind === 'sqlite') return unchangedOnSqlite(db(), setup, forward);
      await roundTrip(db(), {
        setup,
        forward,
        inverse: (op) => {
          op.setColumnComment('tickets', 'id', null);
          op.setColumnComment('orders', 'total', null);
          op.setColumnComment('customers', 'name', null);
          op.setColumnComment('customers', 'email', null);
        },
        async changed(d, after, before) {
          const comments = (table: string) => tableIn(after, table).columns.map((c) => [c.name, c.comment]);
          assert.deepEqual(comments('customers'), [['id', null], ['email', NOTE], ['name', 'Shown on invoices'], ['score', null]]);
          assert.deepEqual(comments('orders'), [['id', null], ['customer_id', null], ['total', 'In euros']]);
          assert.equal(columnIn(after, 'tickets', 'id').comment, 'Counted by the database');
          // Everything but the comments is as it was (MySQL restated each column in full).
          const withoutComments = (s: typeof after) => s.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, comment: null })) }));
          assert.deepEqual(withoutComments(after), withoutComments(before));
          await d.rows('INSERT INTO tickets (subject) VALUES (?)', ['second']);
          const ids = await d.rows<{ id: number }>('SELECT id FROM tickets ORDER BY id');
          assert.deepEqual(ids.map((r) => Number(r.id)), [1, 2]);
          await d.rows('DELETE FROM tickets WHERE id = ?', [2]);
        },
        restored: async (d) => {
          assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
          assert.deepEqual(await readOrders(d), SHOP_ORDERS);
        },
      });
    });

    it('alterColumn keeps the comment of the column it changes', async () => {
      const d = db();
      await d.apply((op) => {
        shopSchema(op);
        op.setColumnComment('customers', 'name', 'Shown on invoices');
      });
      await d.apply((op) => {
        op.alterColumn('customers', 'name', { notNull: true });
        op.alterColumn('customers', 'name', { type: 'varchar(80)' });
        op.alterColumn('customers', 'name', { default: 'nobody' });
      });
      const name = columnIn(await d.schema(), 'customers', 'name');
      assert.deepEqual([name.notNull, name.comment], [true, kind === 'sqlite' ? null : 'Shown on invoices']);
      assert.match(name.type, /^(varchar|character varying)\(80\)$/);
      assert.match(name.default ?? '', /nobody/);
    });

    it('addColumn with a comment adds the column with it; dropColumn removes both', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.addColumn('customers', 'vip', { type: 'boolean', notNull: true, default: false, comment: NOTE }),
        inverse: (op) => op.dropColumn('customers', 'vip'),
        changed(_d, after) {
          const vip = columnIn(after, 'customers', 'vip');
          assert.equal(vip.notNull, true);
          assert.equal(vip.comment, kind === 'sqlite' ? null : NOTE);
        },
        restored: async (d) => assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS),
      });
    });
  });
