/**
 * createTable's third argument on every dialect: a composite primary key, unique keys, foreign keys
 * (one of them to the table itself) with their actions, CHECKs and comments, all made by the one
 * CREATE TABLE and gone again with dropTable.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OperationBuilder } from '../../../src/operations/operation-builder.js';
import type { ConformanceSuite } from '../support/database-under-test.js';
import { columnIn, rejection, roundTrip, tableIn } from '../support/round-trip.js';
import { readOrders, SHOP_ORDERS, shopSchema } from '../support/shop-schema.js';

/** Parcels of an order: keyed by order and line, each may follow an earlier parcel (a self-reference). */
function createParcels(op: OperationBuilder): void {
  op.createTable(
    'parcels',
    {
      order_id: { type: 'integer' },
      line: { type: 'integer' },
      customer_id: { type: 'integer' },
      after_order_id: { type: 'integer' },
      after_line: { type: 'integer' },
      carrier: { type: 'varchar(20)' },
      tracking: { type: 'varchar(40)', comment: "The carrier's code, e.g. 'C:\\42'" },
      weight: { type: 'integer', notNull: true, default: 1 },
    },
    {
      primaryKey: { columns: ['order_id', 'line'] },
      uniques: [{ columns: ['carrier', 'tracking'] }, { name: 'parcels_tracking_once', columns: ['tracking'] }],
      foreignKeys: [
        { columns: ['order_id'], references: { table: 'orders', columns: ['id'] }, onDelete: 'cascade' },
        { name: 'parcels_customer_fk', columns: ['customer_id'], references: { table: 'customers', columns: ['id'] }, onDelete: 'set null', onUpdate: 'cascade' },
        { columns: ['after_order_id', 'after_line'], references: { table: 'parcels', columns: ['order_id', 'line'] }, onDelete: 'cascade' },
      ],
      checks: [{ name: 'parcels_weight_check', expression: 'weight > 0' }],
      comment: 'One row per parcel shipped',
    },
  );
}

export const tableOptionOperations: ConformanceSuite = (db, kind) =>
  describe('createTable with table-level keys, checks and comments', () => {
    it('makes every key, CHECK and comment in one statement; dropTable removes them', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: createParcels,
        inverse: (op) => op.dropTable('parcels'),
        async changed(d, after) {
          const t = tableIn(after, 'parcels');
          assert.deepEqual(t.primaryKey, { name: 'parcels_pkey', columns: ['order_id', 'line'] });
          assert.equal(columnIn(after, 'parcels', 'line').notNull, true, 'a primary key column is NOT NULL');
          assert.deepEqual([...t.uniques].sort((a, b) => a.name.localeCompare(b.name)), [
            { name: 'parcels_carrier_tracking_key', columns: ['carrier', 'tracking'] },
            { name: 'parcels_tracking_once', columns: ['tracking'] },
          ]);
          assert.deepEqual(
            t.foreignKeys.map((f) => [f.name, f.columns, f.refTable, f.refColumns, f.onDelete, f.onUpdate]).sort(),
            [
              ['parcels_after_order_id_after_line_fkey', ['after_order_id', 'after_line'], 'parcels', ['order_id', 'line'], 'cascade', 'no action'],
              ['parcels_customer_fk', ['customer_id'], 'customers', ['id'], 'set null', 'cascade'],
              ['parcels_order_id_fkey', ['order_id'], 'orders', ['id'], 'cascade', 'no action'],
            ],
          );
          assert.deepEqual(t.checks.map((c) => c.name), ['parcels_weight_check']);
          assert.deepEqual(t.indexes, [], 'no index besides the keys (MySQL hides the ones it adds for foreign keys)');
          // SQLite keeps no comments; the others give them back as written.
          const sqlite = kind === 'sqlite';
          assert.equal(t.comment, sqlite ? null : 'One row per parcel shipped');
          assert.equal(columnIn(after, 'parcels', 'tracking').comment, sqlite ? null : "The carrier's code, e.g. 'C:\\42'");
          assert.equal(columnIn(after, 'parcels', 'carrier').comment, null);

          await d.asApplication(async () => {
            await d.rows('INSERT INTO parcels (order_id, line, customer_id) VALUES (?, ?, ?)', [1, 1, 1]);
            await d.rows('INSERT INTO parcels (order_id, line, after_order_id, after_line) VALUES (?, ?, ?, ?)', [2, 1, 1, 1]);
            await rejection(d.rows('INSERT INTO parcels (order_id, line) VALUES (?, ?)', [1, 1]), 'parcel (1, 1) exists');
            await rejection(d.rows('INSERT INTO parcels (order_id, line, weight) VALUES (?, ?, ?)', [3, 1, 0]), 'a parcel weighs something');
            await rejection(
              d.rows('INSERT INTO parcels (order_id, line, after_order_id, after_line) VALUES (?, ?, ?, ?)', [3, 1, 9, 9]),
              'parcel (9, 9) does not exist',
            );
            // Deleting a parcel takes the one that follows it along (ON DELETE CASCADE to itself).
            await d.rows('DELETE FROM parcels WHERE order_id = ? AND line = ?', [1, 1]);
          });
          assert.deepEqual(await d.rows('SELECT order_id FROM parcels'), []);
        },
        restored: async (d) => assert.deepEqual(await readOrders(d), SHOP_ORDERS),
      });
    });

    it('a primary key given as an option makes the same table as the column flags (identity included)', async () => {
      const d = db();
      const columns = { id: { type: 'integer', identity: true }, code: { type: 'varchar(10)', unique: true } };
      await d.apply((op) => op.createTable('flagged', { ...columns, id: { ...columns.id, primaryKey: true } }));
      const flagged = await d.table('flagged');
      await d.apply((op) => {
        op.dropTable('flagged');
        op.createTable('flagged', columns, { primaryKey: { columns: ['id'] } });
      });
      assert.deepEqual(await d.table('flagged'), flagged);
      assert.equal(flagged.columns[0]?.identity, true);
    });

    it('refuses, before anything runs, a primary key given both ways or a key over a column the table lacks', async () => {
      const d = db();
      await d.apply(shopSchema);
      const before = await d.schema();
      const twice = await rejection(
        d.apply((op) => op.createTable('pairs', { a: { type: 'integer', primaryKey: true }, b: { type: 'integer' } }, { primaryKey: { columns: ['a', 'b'] } })),
        'the primary key is declared twice',
      );
      assert.match(twice.message, /createTable\('pairs'\) declares its primary key twice .*keep one/);
      const missing = await rejection(
        d.apply((op) => op.createTable('pairs', { a: { type: 'integer' } }, { primaryKey: { columns: ['a', 'c'] } })),
        'column c does not exist',
      );
      assert.match(missing.message, /createTable\('pairs'\): the primary key names c, which the table does not have/);
      const unknownUnique = await rejection(
        d.apply((op) => op.createTable('pairs', { a: { type: 'integer' } }, { uniques: [{ columns: ['z'] }] })),
        'column z does not exist',
      );
      assert.match(unknownUnique.message, /names z, which the table does not have/);
      assert.deepEqual(await d.schema(), before);
    });
  });
