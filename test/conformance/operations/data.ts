/**
 * execute and bulkInsert on every dialect: raw SQL with bound parameters, and rows whose booleans,
 * dates, JSON and NULLs read back as what was inserted (in the dialect's own representation).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConformanceSuite, DatabaseUnderTest } from '../support/database-under-test.js';
import { count, roundTrip, tableIn } from '../support/round-trip.js';
import { readCustomers, SHOP_CUSTOMERS, shopSchema } from '../support/shop-schema.js';

const AT = new Date('2024-03-01T12:34:56.789Z');
const PAYLOAD = { tags: ['a', "it's"], nested: { ok: true, n: 1.5, none: null } };

async function readEvents(d: DatabaseUnderTest) {
  const rows = await d.rows<Record<string, unknown>>(
    'SELECT id, flag, CAST(happened_on AS CHAR(10)) AS happened_on, happened_at, payload, note FROM events ORDER BY id');
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    happened_at: r.happened_at === null ? null : new Date(r.happened_at as string | Date).getTime(),
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  }));
}

export const dataOperations: ConformanceSuite = (db) =>
  describe('data operations', () => {
    it('execute runs DDL (a raw CREATE TABLE) and its inverse DROP TABLE', async () => {
      await roundTrip(db(), {
        setup: shopSchema,
        forward: (op) => op.execute('CREATE TABLE audit_log (id integer PRIMARY KEY, message text NOT NULL)'),
        inverse: (op) => op.execute('DROP TABLE audit_log'),
        changed(_d, after) {
          assert.deepEqual(tableIn(after, 'audit_log').columns.map((c) => [c.name, c.notNull]), [['id', true], ['message', true]]);
        },
      });
    });

    it('execute binds its parameters: a hostile value is stored verbatim and runs nothing', async () => {
      const d = db();
      await d.apply(shopSchema);
      const hostile = "x'); DROP TABLE customers; --";
      const p = d.dialect.placeholder;
      await d.apply((op) => op.execute(`INSERT INTO customers (id, email, name) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [4, 'evil@example.org', hostile]));
      const [row] = await d.rows<{ name: string }>('SELECT name FROM customers WHERE id = ?', [4]);
      assert.equal(row?.name, hostile);
      assert.equal(await count(d, 'customers'), 4);
    });

    it('bulkInsert round-trips booleans, dates, timestamps, JSON (objects and arrays), NULLs and absent keys', async () => {
      const d = db();
      await d.apply((op) =>
        op.createTable('events', {
          id: { type: 'integer', primaryKey: true },
          flag: { type: 'boolean' },
          happened_on: { type: 'date' },
          happened_at: { type: 'timestamptz' },
          payload: { type: 'json' },
          note: { type: 'text', default: 'none given' },
        }),
      );
      const before = await d.schema();
      await d.apply((op) =>
        op.bulkInsert('events', [
          { id: 1, flag: true, happened_on: '2024-02-29', happened_at: AT, payload: PAYLOAD, note: null },
          { id: 2, flag: false, happened_on: null, happened_at: null, payload: [1, 'two', { three: 3 }], note: "O'Brien" },
          { id: 3, flag: null, happened_on: '1999-12-31', happened_at: AT, payload: null },
        ]),
      );
      // SQLite and MySQL have no boolean type: true and false are stored as 1 and 0.
      const [yes, no] = d.kind === 'sqlite' || d.kind === 'mysql' ? [1, 0] : [true, false];
      assert.deepEqual(await readEvents(d), [
        { id: 1, flag: yes, happened_on: '2024-02-29', happened_at: AT.getTime(), payload: PAYLOAD, note: null },
        { id: 2, flag: no, happened_on: null, happened_at: null, payload: [1, 'two', { three: 3 }], note: "O'Brien" },
        { id: 3, flag: null, happened_on: '1999-12-31', happened_at: AT.getTime(), payload: null, note: 'none given' },
      ]);
      await d.apply((op) => op.execute('DELETE FROM events'));
      assert.equal(await count(d, 'events'), 0);
      assert.deepEqual(await d.schema(), before);
    });

    it('bulkInsert of more rows than one statement may bind inserts them all, and keeps existing rows', async () => {
      const d = db();
      await d.apply(shopSchema);
      const rows = Array.from({ length: 17_000 }, (_, i) => ({ id: 100 + i, email: `user${i}@example.org`, name: `User ${i}`, score: i }));
      await d.apply((op) => op.bulkInsert('customers', rows));
      assert.equal(await count(d, 'customers'), 3 + rows.length);
      const [last] = await d.rows<{ email: string }>('SELECT email FROM customers WHERE id = ?', [100 + rows.length - 1]);
      assert.equal(last?.email, `user${rows.length - 1}@example.org`);
      assert.deepEqual((await readCustomers(d)).slice(0, 3), SHOP_CUSTOMERS);
    });
  });
