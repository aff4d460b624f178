/**
 * createTable, dropTable and renameTable on every dialect: applied, then inverted back to the
 * identical introspected schema.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConformanceSuite } from '../support/database-under-test.js';
import { columnIn, count, rejection, roundTrip, tableIn } from '../support/round-trip.js';
import { readCustomers, readOrders, SHOP_CUSTOMERS, SHOP_ORDERS, shopSchema } from '../support/shop-schema.js';
import type { OperationBuilder } from '../../../src/operations/operation-builder.js';

function createInvoices(op: OperationBuilder): void {
  op.createTable('invoices', {
    id: { type: 'integer', primaryKey: true, identity: true },
    customer_id: { type: 'integer', references: { table: 'customers', column: 'id', onDelete: 'set null' } },
    code: { type: 'varchar(20)', notNull: true, unique: true },
    status: { type: 'text', notNull: true, default: 'draft' },
    issued_at: { type: 'timestamptz', default: { sql: 'CURRENT_TIMESTAMP' } },
    paid: { type: 'boolean', notNull: true, default: false },
  });
}

export const tableOperations: ConformanceSuite = (db) =>
  describe('table operations', () => {
    it('createTable makes a table with its keys, defaults and identity; dropTable removes it', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: createInvoices,
        inverse: (op) => op.dropTable('invoices'),
        async changed(d, after) {
          const t = tableIn(after, 'invoices');
          assert.deepEqual(t.columns.map((c) => c.name), ['id', 'customer_id', 'code', 'status', 'issued_at', 'paid']);
          assert.deepEqual(t.primaryKey, { name: 'invoices_pkey', columns: ['id'] });
          assert.equal(columnIn(after, 'invoices', 'id').identity, true);
          assert.equal(columnIn(after, 'invoices', 'code').notNull, true);
          assert.equal(columnIn(after, 'invoices', 'customer_id').notNull, false);
          // PostgreSQL spells the type out; SQLite and MySQL keep the short name.
          assert.equal(columnIn(after, 'invoices', 'code').type, d.kind === 'sqlite' || d.kind === 'mysql' ? 'varchar(20)' : 'character varying(20)');
          assert.deepEqual(t.uniques, [{ name: 'invoices_code_key', columns: ['code'] }]);
          assert.deepEqual(
            t.foreignKeys.map((f) => [f.name, f.columns, f.refTable, f.refColumns, f.onDelete]),
            [['invoices_customer_id_fkey', ['customer_id'], 'customers', ['id'], 'set null']],
          );
          // Defaults and identity as a user meets them: insert the bare minimum and read the row.
          await d.rows('INSERT INTO invoices (code, customer_id) VALUES (?, ?)', ['INV-1', 1]);
          const [row] = await d.rows<Record<string, unknown>>('SELECT id, status, issued_at, paid FROM invoices');
          assert.equal(Number(row!.id), 1);
          assert.equal(row!.status, 'draft');
          assert.notEqual(row!.issued_at, null);
          assert.equal(Boolean(row!.paid), false);
          await rejection(d.rows('INSERT INTO invoices (code) VALUES (?)', ['INV-1']), 'a duplicate code breaks invoices_code_key');
        },
        restored: async (d) => assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS),
      });
    });

    it('dropTable removes a table with rows; createTable with the same columns brings the same schema back', async () => {
      const createTags = (op: OperationBuilder) =>
        op.createTable('tags', {
          id: { type: 'bigint', primaryKey: true },
          label: { type: 'varchar(40)', notNull: true, unique: true },
          weight: { type: 'numeric(5,2)', default: 1.5 },
          customer_id: { type: 'integer', references: { table: 'customers', column: 'id' } },
        });
      await roundTrip(db(), {
        setup: (op) => {
          shopSchema(op);
          createTags(op);
          op.bulkInsert('tags', [{ id: 1, label: 'vip', customer_id: 1 }]);
        },
        forward: (op) => op.dropTable('tags'),
        inverse: createTags,
        changed(_d, after) {
          assert.deepEqual(after.tables.map((t) => t.name), ['customers', 'orders']);
        },
        restored: async (d) => {
          assert.equal(await count(d, 'tags'), 0);
          assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
        },
      });
    });

    it('renameTable keeps rows, indexes and the foreign keys that point at it; renaming back restores it', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.renameTable('customers', 'clients'),
        inverse: (op) => op.renameTable('clients', 'customers'),
        async changed(d, after) {
          assert.deepEqual(after.tables.map((t) => t.name), ['clients', 'orders']);
          assert.deepEqual(tableIn(after, 'clients').indexes.map((i) => [i.name, i.columns]), [['customers_name_idx', ['name']]]);
          assert.equal(tableIn(after, 'orders').foreignKeys[0]?.refTable, 'clients');
          assert.equal(await count(d, 'clients'), 3);
        },
        restored: async (d) => {
          assert.deepEqual(await readCustomers(d), SHOP_CUSTOMERS);
          assert.deepEqual(await readOrders(d), SHOP_ORDERS);
        },
      });
    });

    it('names with embedded quotes are quoted safely through create, index, rename and drop', async () => {
      const table = 'odd "table"';
      await roundTrip(db(), {
        setup: (op) => {
          op.createTable(table, { 'say "hi"': { type: 'text', default: "it's" }, "o'clock": { type: 'integer' } });
          // Index columns that are not plain names are expressions, so a quoted name is written quoted.
          op.createIndex(table, `"o'clock"`, { name: 'odd "idx"' });
          op.bulkInsert(table, [{ "o'clock": 5 }]);
        },
        forward: (op) => {
          op.renameColumn(table, 'say "hi"', 'said "hi"');
          op.renameTable(table, 'odder "table"');
        },
        inverse: (op) => {
          op.renameTable('odder "table"', table);
          op.renameColumn(table, 'said "hi"', 'say "hi"');
        },
        async changed(d, after) {
          const t = tableIn(after, 'odder "table"');
          assert.deepEqual(t.columns.map((c) => c.name), ['said "hi"', "o'clock"]);
          assert.deepEqual(t.indexes.map((i) => [i.name, i.columns]), [['odd "idx"', ["o'clock"]]]);
          const [row] = await d.rows<Record<string, unknown>>(`SELECT * FROM ${d.dialect.quoteIdent('odder "table"')}`);
          assert.deepEqual({ ...row, "o'clock": Number(row!["o'clock"]) }, { 'said "hi"': "it's", "o'clock": 5 });
        },
      });
    });
  });
