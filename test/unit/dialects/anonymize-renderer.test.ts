/**
 * The SQL of `op.anonymizeColumn` per dialect: the replacement chosen from the column's type, the
 * refusals a user meets before any row changes, and the primary-key batches read from a database.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openConnection } from '../../../src/api/open-database.js';
import type { Connection } from '../../../src/dialects/dialect.js';
import { mysqlDialect } from '../../../src/dialects/mysql/mysql-dialect.js';
import { postgresDialect as pg } from '../../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/sqlite-dialect.js';
import { OperationBuilder } from '../../../src/operations/operation-builder.js';
import { renderContext } from '../../../src/runner/execute-operations.js';
import { column, renderOps, renderSql, table } from './render-helpers.js';

const people = table('people', {
  columns: [
    column('id', 'integer', { notNull: true }), column('email', 'character varying(255)', { notNull: true }), column('name', 'text'),
    column('age', 'integer'), column('badge', 'integer'), column('born', 'date'), column('ref', 'uuid'), column('active', 'boolean'),
  ],
  primaryKey: { name: 'people_pkey', columns: ['id'] },
  uniques: [{ name: 'people_email_key', columns: ['email'] }, { name: 'people_badge_key', columns: ['badge'] }],
});

describe('anonymizeColumn rendering', () => {
  it('keeps the format per type: e-mail-named text, numbers, dates, UUIDs, booleans', async () => {
    const sql = await renderSql(pg, (op) => {
      op.anonymizeColumn('people', 'email', 'anonymize', { where: 'is_rgpd_deleted' });
      op.anonymizeColumn('people', 'name', 'anonymize');
      op.anonymizeColumn('people', 'age', 'anonymize');
      op.anonymizeColumn('people', 'born', 'anonymize');
      op.anonymizeColumn('people', 'ref', 'anonymize');
      op.anonymizeColumn('people', 'active', 'anonymize');
      op.anonymizeColumn('people', 'name', 'null');
    }, [people]);
    assert.deepEqual(sql, [
      `UPDATE "people" SET "email" = 'anon-' || "id"::text || '@anonymized.invalid' WHERE "email" IS NOT NULL AND (is_rgpd_deleted)`,
      `UPDATE "people" SET "name" = 'anon-' || "id"::text WHERE "name" IS NOT NULL`,
      `UPDATE "people" SET "age" = 0 WHERE "age" IS NOT NULL`,
      `UPDATE "people" SET "born" = '2000-01-01' WHERE "born" IS NOT NULL`,
      `UPDATE "people" SET "ref" = md5('anon-' || "id"::text)::uuid WHERE "ref" IS NOT NULL`,
      `UPDATE "people" SET "active" = false WHERE "active" IS NOT NULL`,
      `UPDATE "people" SET "name" = NULL WHERE "name" IS NOT NULL`,
    ]);
  });

  it('MySQL concatenates with CONCAT (|| is OR there), SQLite casts the key to text', async () => {
    assert.deepEqual(await renderSql(mysqlDialect, (op) => op.anonymizeColumn('people', 'email', 'anonymize'), [people]), [
      "UPDATE `people` SET `email` = CONCAT(CONCAT('anon-', `id`), '@anonymized.invalid') WHERE `email` IS NOT NULL",
    ]);
    assert.deepEqual(await renderSql(sqliteDialect, (op) => op.anonymizeColumn('people', 'name', 'anonymize'), [people]), [
      `UPDATE "people" SET "name" = 'anon-' || CAST("id" AS TEXT) WHERE "name" IS NOT NULL`,
    ]);
  });

  it('refuses in one line what would fail or break a key', async () => {
    const refused = async (record: (op: OperationBuilder) => void, message: RegExp, tables = [people]) =>
      assert.rejects(renderOps(pg, record, tables), message);
    await refused((op) => op.anonymizeColumn('people', 'badge', 'anonymize'), /badge.*UNIQUE.*use 'null'/);
    await refused((op) => op.anonymizeColumn('people', 'email', 'null'), /NOT NULL; use 'anonymize'/);
    await refused((op) => op.anonymizeColumn('people', 'email', 'pseudonymize'), /postgres cannot write .*pseudonymize.* as SQL.*dihya upgrade/);
    await refused((op) => op.anonymizeColumn('people', 'nope', 'null'), /has no column nope/);
    await refused((op) => op.anonymizeColumn('people', 'name', 'null'), /single-column primary key/, [{ ...people, primaryKey: null }]);
    await refused((op) => op.anonymizeColumn('people', 'email', 'anonymize'), /not known without a database/, []);
    assert.throws(() => new OperationBuilder().anonymizeColumn('people', 'email', 'erase' as 'null'), /strategy 'null', 'anonymize' or 'pseudonymize'/);
    assert.throws(() => new OperationBuilder().anonymizeColumn('people', 'email', 'null', { batchSize: 0 }), /batchSize/);
  });

  it('addSoftDelete records the two soft-delete columns', () => {
    const op = new OperationBuilder();
    op.addSoftDelete('users');
    assert.deepEqual(op.operations, [
      { kind: 'addColumn', table: 'users', column: 'is_rgpd_deleted', spec: { type: 'boolean', notNull: true, default: false } },
      { kind: 'addColumn', table: 'users', column: 'rgpd_deleted_at', spec: { type: 'timestamp' } },
    ]);
  });

  it('cuts the rows into primary-key ranges of batchSize, read from the database', async () => {
    const conn = (await openConnection({ kind: 'sqlite', file: ':memory:', text: 'sqlite::memory:' }, 1000)) as Connection;
    try {
      await conn.exec('CREATE TABLE people (id integer PRIMARY KEY, email text NOT NULL UNIQUE)');
      for (let i = 1; i <= 25; i++) await conn.query('INSERT INTO people VALUES (?, ?)', [i * 2, `p${i}@example.org`]);
      const op = new OperationBuilder();
      op.anonymizeColumn('people', 'email', 'anonymize', { batchSize: 7, where: 'id > 2' });
      const statements = await sqliteDialect.render(op.operations[0]!, renderContext(conn, sqliteDialect));
      const where = `WHERE "email" IS NOT NULL AND (id > 2)`;
      assert.deepEqual(statements.map((s) => [s.sql.slice(s.sql.indexOf('WHERE')), s.params]), [
        [`${where} AND "id" <= ?`, [16]],
        [`${where} AND "id" > ? AND "id" <= ?`, [16, 30]],
        [`${where} AND "id" > ? AND "id" <= ?`, [30, 44]],
        [`${where} AND "id" > ?`, [44]],
      ]);
    } finally {
      await conn.close();
    }
  });
});
