/**
 * The differ on schema models, no database needed: no false differences from the forms databases
 * print back, renames only where declared, and operations in an order a database can run.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mysqlNormalizer } from '../../../src/dialects/mysql/mysql-normalizer.js';
import { postgresNormalizer } from '../../../src/dialects/postgres/postgres-normalizer.js';
import { sqliteNormalizer } from '../../../src/dialects/sqlite/sqlite-normalizer.js';
import { diffSchemas } from '../../../src/diff/diff-schemas.js';
import { expectedModel } from '../../../src/diff/expected-model.js';
import { defineSchema } from '../../../src/schema/declared-schema.js';
import { resolveDeclaredSchema } from '../../../src/schema/resolve-declared-schema.js';
import type { ColumnModel, SchemaModel, TableModel } from '../../../src/schema/schema-model.js';

const col = (name: string, type: string, extra: Partial<ColumnModel> = {}): ColumnModel => ({ name, type, notNull: false, default: null, identity: false, comment: null, ...extra });
const table = (name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel => ({
  name, columns, primaryKey: null, uniques: [], foreignKeys: [], checks: [], indexes: [], comment: null, ...extra,
});

const declared = defineSchema({
  tables: {
    items: {
      columns: {
        id: { type: 'integer', primaryKey: true },
        code: { type: 'varchar(255)', notNull: true, default: 'x' },
        delta: { type: 'smallint', default: -1 },
        active: { type: 'boolean', notNull: true, default: false },
        price: { type: 'numeric(10,2)', default: 1.5 },
        state: { type: 'text' },
      },
      checks: [{ name: 'items_state_check', expression: "delta >= 0 AND state IN ('a', 'b')" }],
      indexes: [{ columns: ['lower(code)'], where: 'active' }],
    },
  },
});

describe('diffSchemas', () => {
  test('PostgreSQL: int4/integer, character varying/varchar, casts in defaults and checks are not differences', () => {
    const live: SchemaModel = {
      tables: [
        table('items', [
          col('id', 'int4', { notNull: true }),
          col('code', 'character varying(255)', { notNull: true, default: "'x'::character varying" }),
          col('delta', 'smallint', { default: "'-1'::integer" }),
          col('active', 'bool', { notNull: true, default: 'false' }),
          col('price', 'numeric(10,2)', { default: '1.5' }),
          col('state', 'text'),
        ], {
          primaryKey: { name: 'items_pkey', columns: ['id'] },
          checks: [{ name: 'items_state_check', expression: "((delta >= 0) AND (state = ANY (ARRAY['a'::text, 'b'::text])))" }],
          indexes: [{ name: 'items_lower_code_idx', columns: ['lower((code)::text)'], unique: false, where: 'active' }],
        }),
      ],
    };
    const target = expectedModel(resolveDeclaredSchema(declared, 'postgres'), postgresNormalizer);
    assert.deepEqual(diffSchemas(live, target, postgresNormalizer).changes, []);
  });

  test('MySQL: tinyint(1) booleans, int(11), decimal scale and RESTRICT = NO ACTION are not differences', () => {
    const live: SchemaModel = {
      tables: [
        table('items', [
          col('id', 'int(11)', { notNull: true }),
          col('code', 'varchar(255)', { notNull: true, default: "'x'" }),
          col('delta', 'smallint(6)', { default: '-1' }),
          col('active', 'tinyint(1)', { notNull: true, default: '0' }),
          col('price', 'decimal(10,2)', { default: '1.50' }),
          col('state', 'longtext'),
        ], {
          primaryKey: { name: 'items_pkey', columns: ['id'] },
          checks: [{ name: 'items_state_check', expression: "`delta` >= 0 and `state` in ('a','b')" }],
          indexes: [{ name: 'items_lower_code_idx', columns: ['lower(`code`)'], unique: false, where: 'active' }],
        }),
      ],
    };
    const target = expectedModel(resolveDeclaredSchema(declared, 'mysql'), mysqlNormalizer);
    assert.deepEqual(diffSchemas(live, target, mysqlNormalizer).changes, []);
  });

  test('a real change is reported with the field that changed', () => {
    const target = expectedModel(resolveDeclaredSchema(declared, 'sqlite'), sqliteNormalizer);
    const live = structuredClone(target) as { tables: TableModel[] };
    (live.tables[0]!.columns as ColumnModel[])[1] = col('code', 'varchar(100)', { notNull: true, default: "'x'" });
    const changes = diffSchemas(live, target, sqliteNormalizer).changes;
    assert.deepEqual(changes.map((c) => c.kind === 'alterColumn' && [c.to.name, c.fields]), [['code', ['type']]]);
  });

  test('renamedFrom renames a table and a column; without it, a drop and an add with a note', () => {
    const live: SchemaModel = { tables: [table('people', [col('id', 'integer'), col('mail', 'text')])] };
    const renamed = expectedModel(
      resolveDeclaredSchema(defineSchema({ tables: { persons: { renamedFrom: 'people', columns: { id: { type: 'integer' }, email: { type: 'text', renamedFrom: 'mail' } } } } }), 'sqlite'),
      sqliteNormalizer,
    );
    const hints = { tables: new Map([['persons', 'people']]), columns: new Map([['persons', new Map([['email', 'mail']])]]) };
    const withHints = diffSchemas(live, renamed, sqliteNormalizer, hints);
    assert.deepEqual(withHints.changes.map((c) => c.kind), ['renameTable', 'renameColumn']);
    assert.deepEqual(withHints.notes, []);

    const guessed = diffSchemas(live, renamed, sqliteNormalizer);
    assert.deepEqual(guessed.changes.map((c) => c.kind), ['addTable', 'dropTable']);
    assert.match(guessed.notes[0]!, /people dropped and persons created: if one is a rename, add `renamedFrom/);
  });

  test('a key renamed but otherwise identical is left alone; a changed one is dropped and added', () => {
    const base = table('t', [col('a', 'integer'), col('b', 'integer')]);
    const live: SchemaModel = { tables: [{ ...base, uniques: [{ name: 'old_name', columns: ['a'] }], indexes: [{ name: 't_b_idx', columns: ['b'], unique: false, where: null }] }] };
    const target: SchemaModel = { tables: [{ ...base, uniques: [{ name: 'new_name', columns: ['a'] }], indexes: [{ name: 't_b_idx', columns: ['b'], unique: true, where: null }] }] };
    assert.deepEqual(diffSchemas(live, target, sqliteNormalizer).changes.map((c) => c.kind), ['dropIndex', 'addIndex']);
  });
});
