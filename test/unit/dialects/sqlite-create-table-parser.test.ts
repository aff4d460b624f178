/**
 * Reading SQLite's stored CREATE TABLE / CREATE INDEX text: what PRAGMAs do not tell (constraint
 * names, CHECK expressions, index expressions and WHERE clauses) must come back exactly as written,
 * since a table rebuild writes it into SQL again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCreateTable, parseIndex } from '../../../src/dialects/sqlite/sqlite-create-table-parser.js';
import { defaultFromPragma } from '../../../src/dialects/sqlite/sqlite-types.js';

describe('parseCreateTable', () => {
  it('reads named column and table constraints, and AUTOINCREMENT', () => {
    const parsed = parseCreateTable(`CREATE TABLE "orders" (
      "id" INTEGER CONSTRAINT "orders_pkey" PRIMARY KEY AUTOINCREMENT,
      "code" TEXT NOT NULL CONSTRAINT "orders_code_key" UNIQUE,
      "customer_id" INTEGER CONSTRAINT "orders_customer_fk" REFERENCES "customers" ("id") ON DELETE CASCADE,
      "a" INT, "b" INT,
      CONSTRAINT "orders_a_b_key" UNIQUE ("a", "b"),
      CONSTRAINT "orders_b_fkey" FOREIGN KEY ("b") REFERENCES "other" ("id")
    )`);
    assert.equal(parsed.autoincrement, true);
    assert.deepEqual(parsed.constraints.map((c) => [c.kind, c.name, c.columns]), [
      ['primaryKey', 'orders_pkey', ['id']],
      ['unique', 'orders_code_key', ['code']],
      ['foreignKey', 'orders_customer_fk', ['customer_id']],
      ['unique', 'orders_a_b_key', ['a', 'b']],
      ['foreignKey', 'orders_b_fkey', ['b']],
    ]);
  });

  it('keeps CHECK expressions as written: two-character operators, strings with quotes and parentheses, comments', () => {
    const parsed = parseCreateTable(`CREATE TABLE t (
      price INTEGER CHECK (price >= 0),
      name TEXT, -- a comment with a ) in it
      CONSTRAINT "t_name_check" CHECK (name <> '' AND name != 'it''s (odd)' AND length(name) <= 10 OR name || 'x' = 'yx')
    )`);
    assert.deepEqual(parsed.constraints.map((c) => [c.name, c.expression]), [
      [null, 'price >= 0'],
      ['t_name_check', `name <> '' AND name != 'it''s (odd)' AND length(name) <= 10 OR name || 'x' = 'yx'`],
    ]);
    assert.equal(parsed.autoincrement, false);
  });

  it('does not take a quoted column named like a keyword for a constraint', () => {
    const parsed = parseCreateTable('CREATE TABLE t ("check" TEXT, "unique" INT, CONSTRAINT "t_pkey" PRIMARY KEY ("unique"))');
    assert.deepEqual(parsed.constraints.map((c) => [c.kind, c.name, c.columns]), [['primaryKey', 't_pkey', ['unique']]]);
  });
});

describe('parseIndex', () => {
  it('returns plain columns and expressions (without their parentheses) in order, and the WHERE clause', () => {
    assert.deepEqual(parseIndex(`CREATE UNIQUE INDEX "i" ON "users" ((lower(email)), "org_id" DESC, (coalesce(a, ',')) ) WHERE deleted_at IS NULL AND x <> 'where'`), {
      columns: ['lower(email)', '"org_id" DESC', "coalesce(a, ',')"],
      where: "deleted_at IS NULL AND x <> 'where'",
    });
  });

  it('is not fooled by a quoted name containing "where"', () => {
    assert.deepEqual(parseIndex('CREATE INDEX "where_idx" ON "where" ("a")'), { columns: ['"a"'], where: null });
  });
});

describe('defaultFromPragma', () => {
  it('keeps literals and wraps expressions in the parentheses DEFAULT needs', () => {
    assert.equal(defaultFromPragma(null), null);
    assert.equal(defaultFromPragma("'O''Brien'"), "'O''Brien'");
    assert.equal(defaultFromPragma('-1.5'), '-1.5');
    assert.equal(defaultFromPragma('CURRENT_TIMESTAMP'), 'CURRENT_TIMESTAMP');
    assert.equal(defaultFromPragma("X'00ff'"), "X'00ff'");
    assert.equal(defaultFromPragma("lower('X')"), "(lower('X'))");
    assert.equal(defaultFromPragma("'a' || 'b'"), "('a' || 'b')");
    assert.equal(defaultFromPragma('1 + 1'), '(1 + 1)');
  });
});
