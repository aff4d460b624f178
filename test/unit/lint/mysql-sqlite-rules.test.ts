/**
 * MySQL/MariaDB and SQLite rules (table copies and rebuilds), and the key-width rule that holds on
 * PostgreSQL and MySQL but not on SQLite.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LintDialect } from '../../../src/lint/lint-types.js';
import type { RevisionSource } from '../../../src/lint/revision-source.js';
import { findingsOf, lineOf, lintRevisions, sqlRevision, tsRevision } from './lint-fixtures.js';

async function run(rule: string, dialect: LintDialect, revisions: RevisionSource[]) {
  return findingsOf(await lintRevisions(revisions, [dialect]), rule);
}

describe('mysql-alter-copy', () => {
  const base = sqlRevision('CREATE TABLE `items` (`id` BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, `code` VARCHAR(20), `qty` INT);', null, { id: 'dddd00000001' });
  test('type changes, foreign keys, checks, ALGORITHM=COPY and charset conversions are reported', async () => {
    const sql = sqlRevision([
      'ALTER TABLE `items` MODIFY `qty` BIGINT;',
      'ALTER TABLE `items` ADD CONSTRAINT `items_shop_fkey` FOREIGN KEY (`shop_id`) REFERENCES `shops` (`id`);',
      'ALTER TABLE `items` ADD CONSTRAINT `items_qty_check` CHECK (`qty` >= 0);',
      'ALTER TABLE `items` ADD COLUMN `note` TEXT, ALGORITHM=COPY;',
      'ALTER TABLE `items` CONVERT TO CHARACTER SET utf8mb4;',
    ].join('\n'), null, { parent: 'dddd00000001' });
    const ts = tsRevision("op.alterColumn('items', 'code', { type: 'integer' });", '', { parent: sql.meta.id });
    assert.deepEqual(await run('mysql-alter-copy', 'mysql', [base, sql, ts]), [
      `${lineOf(sql, 'MODIFY')}: changes the type of items.qty from int to bigint, which copies the table`,
      `${lineOf(sql, 'FOREIGN KEY')}: adds foreign key items_shop_fkey on items, which copies the table while foreign_key_checks is on`,
      `${lineOf(sql, 'CHECK')}: adds check items_qty_check on items, which copies the table to check every row`,
      `${lineOf(sql, 'ALGORITHM=COPY')}: asks for ALGORITHM=COPY on items`,
      `${lineOf(sql, 'CONVERT')}: converts items to another character set, which copies the table`,
      `${lineOf(ts, 'op.alterColumn')}: changes the type of items.code from varchar(20) to integer, which copies the table`,
    ]);
  });
  test('ALGORITHM=INPLACE/INSTANT, a VARCHAR that grows in place, and new tables pass; PostgreSQL is not concerned', async () => {
    const sql = sqlRevision([
      'ALTER TABLE `items` MODIFY `qty` BIGINT, ALGORITHM=INPLACE, LOCK=NONE;',
      'ALTER TABLE `items` MODIFY `code` VARCHAR(40);',
      'ALTER TABLE `items` ADD COLUMN `note` TEXT, ALGORITHM=INSTANT;',
      'CREATE TABLE `tags` (`id` BIGINT NOT NULL PRIMARY KEY, `label` VARCHAR(20));',
      'ALTER TABLE `tags` ADD CONSTRAINT `tags_label_check` CHECK (`label` <> \'\');',
    ].join('\n'), null, { parent: 'dddd00000001' });
    assert.deepEqual(await run('mysql-alter-copy', 'mysql', [base, sql]), []);
    const fk = tsRevision("op.addForeignKey('items', 'shop_id', { table: 'shops', columns: 'id' });");
    assert.deepEqual(await run('mysql-alter-copy', 'postgres', [fk]), []);
  });
});

describe('sqlite-table-rebuild', () => {
  test('op calls that SQLite can only do by rebuilding the table are reported', async () => {
    const ts = tsRevision([
      "op.alterColumn('orders', 'status', { notNull: true });",
      "op.addCheckConstraint('orders', 'orders_total_check', 'total >= 0');",
      "op.addColumn('orders', 'created_at', { type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } });",
    ].join('\n'));
    assert.deepEqual(await run('sqlite-table-rebuild', 'sqlite', [ts]), [
      `${lineOf(ts, 'op.alterColumn')}: changes whether orders.status accepts NULL: SQLite rebuilds orders (copies every row into a new table)`,
      `${lineOf(ts, 'op.addCheckConstraint')}: adds constraint orders_total_check: SQLite rebuilds orders (copies every row into a new table)`,
      `${lineOf(ts, "'created_at'")}: adds orders.created_at with a non-constant default: SQLite rebuilds orders (copies every row into a new table)`,
    ]);
  });
  test('changes SQLite makes in place, and new tables, pass; MySQL is not concerned', async () => {
    const ts = tsRevision([
      "op.addColumn('orders', 'note', { type: 'text', default: 'none' });",
      "op.renameColumn('orders', 'note', 'remark');",
      "op.createTable('tags', { id: { type: 'integer', primaryKey: true }, label: { type: 'text' } });",
      "op.alterColumn('tags', 'label', { notNull: true });",
    ].join('\n'));
    assert.deepEqual(await run('sqlite-table-rebuild', 'sqlite', [ts]), []);
    assert.deepEqual(await run('sqlite-table-rebuild', 'mysql', [tsRevision("op.alterColumn('orders', 'status', { notNull: true });")]), []);
  });
});

describe('prefer-bigint-identity', () => {
  for (const d of ['postgres', 'mysql'] as const) {
    test(`${d}: 32-bit primary keys are reported, in op calls and SQL`, async () => {
      const ts = tsRevision("op.createTable('roles', { id: { type: 'integer', primaryKey: true }, name: { type: 'text' } });");
      const ddl = d === 'mysql' ? 'CREATE TABLE `tags` (`id` INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`));' : 'CREATE TABLE tags (id serial PRIMARY KEY);';
      const sql = sqlRevision(ddl);
      const kind = d === 'mysql' ? 'integer' : 'serial';
      assert.deepEqual(await run('prefer-bigint-identity', d, [ts, sql]), [
        `${lineOf(ts, 'op.createTable')}: roles.id is a 32-bit integer primary key, which runs out at 2,147,483,647`,
        `${lineOf(sql, 'CREATE TABLE')}: tags.id is a 32-bit ${kind} primary key, which runs out at 2,147,483,647`,
      ]);
    });
    test(`${d}: bigint identity keys and composite keys pass`, async () => {
      const ts = tsRevision([
        "op.createTable('orders', { id: { type: 'bigint', primaryKey: true, identity: true } });",
        "op.createTable('order_tags', { order_id: { type: 'integer', primaryKey: true }, tag_id: { type: 'integer', primaryKey: true } });",
      ].join('\n'));
      assert.deepEqual(await run('prefer-bigint-identity', d, [ts]), []);
    });
  }
  test("sqlite: an INTEGER PRIMARY KEY is SQLite's 64-bit row id, never reported", async () => {
    const ts = tsRevision("op.createTable('roles', { id: { type: 'integer', primaryKey: true } });");
    assert.deepEqual(await run('prefer-bigint-identity', 'sqlite', [ts]), []);
  });
});
