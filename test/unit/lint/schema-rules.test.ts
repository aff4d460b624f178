/**
 * Rules that hold on every dialect: NOT NULL without default, renames, drops. Each is checked with an
 * `op` call and with raw SQL in each dialect's own syntax, and with the cases it must leave alone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LintDialect } from '../../../src/lint/lint-types.js';
import { findingsOf, lineOf, lintRevisions, sqlRevision, tsRevision } from './lint-fixtures.js';

const DIALECTS: LintDialect[] = ['postgres', 'mysql', 'sqlite'];
/** The same statement as each dialect writes it (identifier quoting differs). */
const q = (d: LintDialect, name: string) => (d === 'mysql' ? `\`${name}\`` : `"${name}"`);

async function only(rule: string, dialect: LintDialect, ...revisions: Parameters<typeof lintRevisions>[0]) {
  return findingsOf(await lintRevisions(revisions, [dialect]), rule);
}

describe('not-null-column-without-default', () => {
  for (const d of DIALECTS) {
    test(`${d}: reported for an op call and for SQL on an existing table`, async () => {
      const ts = tsRevision("op.addColumn('users', 'age', { type: 'integer', notNull: true });");
      assert.deepEqual(await only('not-null-column-without-default', d, ts), [`${lineOf(ts, 'op.addColumn')}: adds NOT NULL column users.age without a default to a table that may already hold rows`]);
      const sql = sqlRevision(`ALTER TABLE ${q(d, 'users')} ADD COLUMN age INTEGER NOT NULL;`);
      assert.deepEqual(await only('not-null-column-without-default', d, sql), [`${lineOf(sql, 'ADD COLUMN')}: adds NOT NULL column users.age without a default to a table that may already hold rows`]);
    });
    test(`${d}: a default, a nullable column or a table created in the same revision pass`, async () => {
      const ts = tsRevision([
        "op.addColumn('users', 'active', { type: 'boolean', notNull: true, default: true });",
        "op.addColumn('users', 'nickname', { type: 'text' });",
        "op.createTable('teams', { id: { type: 'bigint', primaryKey: true, identity: true } });",
        "op.addColumn('teams', 'name', { type: 'text', notNull: true });",
      ].join('\n'));
      assert.deepEqual(await only('not-null-column-without-default', d, ts), []);
      const sql = sqlRevision(`ALTER TABLE ${q(d, 'users')} ADD COLUMN age INTEGER NOT NULL DEFAULT 0;`);
      assert.deepEqual(await only('not-null-column-without-default', d, sql), []);
    });
  }
});

describe('rename-column and rename-table', () => {
  for (const d of DIALECTS) {
    test(`${d}: renames of existing tables and columns are reported`, async () => {
      const ts = tsRevision("op.renameColumn('users', 'name', 'full_name');\nop.renameTable('users', 'accounts');");
      const report = await lintRevisions([ts], [d]);
      assert.deepEqual(findingsOf(report, 'rename-column'), [`${lineOf(ts, 'op.renameColumn')}: renames column users.name to full_name`]);
      assert.deepEqual(findingsOf(report, 'rename-table'), [`${lineOf(ts, 'op.renameTable')}: renames table users to accounts`]);
      const renameTable = d === 'mysql' ? 'RENAME TABLE `orders` TO `purchases`;' : 'ALTER TABLE "orders" RENAME TO "purchases";';
      const sql = sqlRevision(`ALTER TABLE ${q(d, 'orders')} RENAME COLUMN total TO amount;\n${renameTable}`);
      const sqlReport = await lintRevisions([sql], [d]);
      assert.deepEqual(findingsOf(sqlReport, 'rename-column'), [`${lineOf(sql, 'RENAME COLUMN')}: renames column orders.total to amount`]);
      assert.deepEqual(findingsOf(sqlReport, 'rename-table'), [`${lineOf(sql, 'purchases')}: renames table orders to purchases`]);
    });
    test(`${d}: renaming what the same revision created is not reported`, async () => {
      const ts = tsRevision([
        "op.createTable('drafts', { id: { type: 'bigint', primaryKey: true }, title: { type: 'text' } });",
        "op.renameColumn('drafts', 'title', 'heading');",
        "op.renameTable('drafts', 'notes');",
      ].join('\n'));
      const report = await lintRevisions([ts], [d]);
      assert.deepEqual([...findingsOf(report, 'rename-column'), ...findingsOf(report, 'rename-table')], []);
    });
  }
});

describe('drop-column and drop-table', () => {
  for (const d of DIALECTS) {
    test(`${d}: drops outside a contract revision are reported`, async () => {
      const ts = tsRevision("op.dropColumn('users', 'legacy');\nop.dropTable('sessions');", '', { phase: 'expand' });
      const report = await lintRevisions([ts], [d]);
      assert.deepEqual(findingsOf(report, 'drop-column'), [`${lineOf(ts, 'op.dropColumn')}: drops column users.legacy and its data`]);
      assert.deepEqual(findingsOf(report, 'drop-table'), [`${lineOf(ts, 'op.dropTable')}: drops table sessions and every row in it`]);
      const sql = sqlRevision(`ALTER TABLE ${q(d, 'users')} DROP COLUMN legacy;\nDROP TABLE ${q(d, 'sessions')};`);
      const sqlReport = await lintRevisions([sql], [d]);
      assert.deepEqual(findingsOf(sqlReport, 'drop-column'), [`${lineOf(sql, 'DROP COLUMN')}: drops column users.legacy and its data`]);
      assert.deepEqual(findingsOf(sqlReport, 'drop-table'), [`${lineOf(sql, 'DROP TABLE')}: drops table sessions and every row in it`]);
    });
    test(`${d}: drops in a contract revision (TypeScript phase or SQL header) pass`, async () => {
      const ts = tsRevision("op.dropColumn('users', 'legacy');\nop.dropTable('sessions');", '', { phase: 'contract' });
      const sql = sqlRevision(`ALTER TABLE ${q(d, 'users')} DROP COLUMN legacy;\nDROP TABLE ${q(d, 'sessions')};`, null, { phase: 'contract' });
      assert.equal(sql.meta.phase, 'contract');
      const report = await lintRevisions([ts, sql], [d]);
      assert.deepEqual([...findingsOf(report, 'drop-column'), ...findingsOf(report, 'drop-table')], []);
    });
    test(`${d}: dropping a table the same revision created is not reported`, async () => {
      const ts = tsRevision("op.createTable('scratch', { id: { type: 'bigint', primaryKey: true } });\nop.dropTable('scratch');");
      assert.deepEqual(await only('drop-table', d, ts), []);
    });
  }
});
