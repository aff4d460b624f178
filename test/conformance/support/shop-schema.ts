/**
 * The small schema most conformance tests start from: a parent table referenced by a child with
 * ON DELETE CASCADE (so a rebuild that dropped the parent with foreign keys on would empty the
 * child), an index on each, and rows in both.
 */
import type { OperationBuilder } from '../../../src/operations/operation-builder.js';
import type { DatabaseUnderTest } from './database-under-test.js';

export function shopSchema(op: OperationBuilder): void {
  op.createTable('customers', {
    id: { type: 'integer', primaryKey: true },
    email: { type: 'varchar(120)', notNull: true, unique: true },
    name: { type: 'text', default: 'anonymous' },
    score: { type: 'integer' },
  });
  op.createIndex('customers', 'name');
  op.createTable('orders', {
    id: { type: 'integer', primaryKey: true },
    customer_id: { type: 'integer', notNull: true, references: { table: 'customers', column: 'id', onDelete: 'cascade' } },
    total: { type: 'numeric(10,2)', notNull: true, default: 0 },
  });
  op.createIndex('orders', 'customer_id');
  op.bulkInsert('customers', [
    { id: 1, email: 'ada@example.org', name: 'Ada', score: 10 },
    { id: 2, email: 'bo@example.org', name: 'Bo', score: null },
    { id: 3, email: 'cy@example.org', score: 5 },
  ]);
  op.bulkInsert('orders', [
    { id: 1, customer_id: 1, total: 9.5 },
    { id: 2, customer_id: 1, total: 20 },
    { id: 3, customer_id: 2, total: 1 },
  ]);
}

/** The rows `shopSchema` inserts, as a user reads them back (ids, emails and names). */
export const SHOP_CUSTOMERS = [
  { id: 1, email: 'ada@example.org', name: 'Ada' },
  { id: 2, email: 'bo@example.org', name: 'Bo' },
  { id: 3, email: 'cy@example.org', name: 'anonymous' },
];

/** The order ids with their customer, as `shopSchema` inserts them. */
export const SHOP_ORDERS = [
  { id: 1, customer_id: 1 },
  { id: 2, customer_id: 1 },
  { id: 3, customer_id: 2 },
];

/** The customers as a user reads them back. */
export async function readCustomers(db: DatabaseUnderTest): Promise<typeof SHOP_CUSTOMERS> {
  const rows = await db.rows<{ id: number; email: string; name: string }>('SELECT id, email, name FROM customers ORDER BY id');
  return rows.map((r) => ({ id: Number(r.id), email: r.email, name: r.name }));
}

/** The orders as a user reads them back. */
export async function readOrders(db: DatabaseUnderTest): Promise<typeof SHOP_ORDERS> {
  const rows = await db.rows<{ id: number; customer_id: number }>('SELECT id, customer_id FROM orders ORDER BY id');
  return rows.map((r) => ({ id: Number(r.id), customer_id: Number(r.customer_id) }));
}
