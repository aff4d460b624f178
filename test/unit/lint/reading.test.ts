/**
 * How the linter reads revisions: SQL through PostgreSQL's parser or the tolerant MySQL/SQLite
 * reader, and `op` calls mapped back to their line in the file.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Change } from '../../../src/lint/change.js';
import { postgresReader } from '../../../src/lint/sql/pg-reader.js';
import { tolerantReader } from '../../../src/lint/sql/tolerant-reader.js';
import type { RevisionSource } from '../../../src/lint/revision-source.js';
import type { MigrationFn } from '../../../src/revisions/revision.js';
import { parseSqlRevision } from '../../../src/revisions/sql-revision-file.js';
import { lineOf, lintRevisions, tsRevision } from './lint-fixtures.js';

function kinds(changes: readonly Change[]): string[] {
  return changes.map((c) => ('table' in c && c.table ? `${c.kind} ${c.table}` : c.kind));
}

describe('PostgreSQL reader', () => {
  test('reads ALTER TABLE actions, NOT VALID, USING INDEX, CONCURRENTLY and SET', async () => {
    const read = await postgresReader();
    const r = read(`ALTER TABLE public.orders ADD COLUMN note text, ADD CONSTRAINT c CHECK (note IS NOT NULL) NOT VALID, ALTER COLUMN qty TYPE bigint`);
    assert.ok(r.ok);
    assert.deepEqual(kinds(r.changes), ['addColumn orders', 'addConstraint orders', 'alterColumnType orders']);
    assert.deepEqual(r.changes[1], { kind: 'addConstraint', table: 'orders', name: 'c', constraint: 'check', notValid: true, usingIndex: false, columns: [], notNullColumn: 'note' });
    const idx = read('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (ref)');
    assert.ok(idx.ok);
    assert.deepEqual(idx.changes, [{ kind: 'createIndex', table: 'orders', name: 'i', unique: true, concurrently: true, columns: ['ref'] }]);
    const set = read("SET LOCAL lock_timeout TO '2s'");
    assert.ok(set.ok);
    assert.deepEqual(set.changes, [{ kind: 'setting', name: 'lock_timeout', value: '2s' }]);
  });
  test('refuses what PostgreSQL refuses, with the position', async () => {
    const r = (await postgresReader())('ALTER TABLE orders ADD COLUMN');
    assert.deepEqual(r, { ok: false, message: 'syntax error at end of input', offset: 29 });
  });
});

describe('tolerant reader', () => {
  test('MySQL: MODIFY, CHANGE, ALGORITHM, RENAME TABLE, backticks and # comments', () => {
    const read = tolerantReader('mysql');
    const r = read('ALTER TABLE `shop`.`orders` CHANGE `qty` `quantity` BIGINT NOT NULL, ALGORITHM=INPLACE # widen\n');
    assert.ok(r.ok);
    assert.equal(r.algorithm, 'inplace');
    assert.deepEqual(kinds(r.changes), ['renameColumn shop.orders', 'alterColumnType shop.orders', 'setNotNull shop.orders']);
    const rename = read('RENAME TABLE a TO b, c TO d');
    assert.ok(rename.ok);
    assert.deepEqual(kinds(rename.changes), ['renameTable a', 'renameTable c']);
  });
  test('SQLite: RENAME without COLUMN, [bracketed] names, CREATE TABLE … AS', () => {
    const read = tolerantReader('sqlite');
    const r = read('ALTER TABLE [orders] RENAME qty TO quantity');
    assert.ok(r.ok);
    assert.deepEqual(r.changes, [{ kind: 'renameColumn', table: 'orders', column: 'qty', to: 'quantity' }]);
    const copy = read('CREATE TABLE archive AS SELECT * FROM orders');
    assert.ok(copy.ok);
    assert.deepEqual(kinds(copy.changes), ['createTable archive']);
  });
  test('reports unterminated strings and comments, unbalanced parentheses and unknown statements', () => {
    const read = tolerantReader('mysql');
    assert.deepEqual(read("SELECT 'x"), { ok: false, message: 'a string starting here is not closed', offset: 7 });
    assert.deepEqual(read('SELECT 1 /* note'), { ok: false, message: 'a /* comment is not closed', offset: 9 });
    assert.deepEqual(read('INSERT INTO t (a VALUES (1)'), { ok: false, message: "parenthesis '(' is not closed", offset: 14 });
    assert.deepEqual(read('ALTR TABLE t ADD x int'), { ok: false, message: "'ALTR' does not start a statement", offset: 0 });
    assert.deepEqual(tolerantReader('sqlite')('CREATE TABLE t'), { ok: false, message: 'CREATE TABLE needs its columns in parentheses, AS SELECT or LIKE' });
  });
});

describe('op calls and their lines', () => {
  test('each recorded operation is placed at its own call, also in helpers, loops and arrow functions', async () => {
    const text = [
      "import { defineMigration } from 'dihya-migrate';",
      "const drop = (o: any, t: string) => o.dropTable(t);",
      'export default defineMigration({',
      "  revision: 'abcd00000001', downRevision: null, message: 'm',",
      "  purpose: 'Exercise line mapping', impact: 'Drops legacy tables', rollback: 'Nothing comes back',",
      '  phase: "expand",',
      '  up: async (b: any) => {',
      "    b.execute('SELECT 1; -- op.dropTable(x)');",
      "    for (const t of ['a', 'b']) b.dropTable(t);",
      "    /* b.dropColumn('x', 'y') */ b.dropColumn('users', 'legacy');",
      "    drop(b, 'c');",
      '  },',
      '});',
    ].join('\n');
    const up: MigrationFn = (b) => {
      b.execute('SELECT 1; -- op.dropTable(x)');
      for (const t of ['a', 'b']) b.dropTable(t);
      b.dropColumn('users', 'legacy');
      b.dropTable('c');
    };
    const base = tsRevision('');
    const source: RevisionSource = { ...base, meta: { ...base.meta, phase: 'expand' }, text, body: { up } };
    const report = await lintRevisions([source], ['postgres']);
    const lines = report.findings.filter((f) => f.rule.startsWith('drop-')).map((f) => [f.message, f.line, f.column]);
    const loop = lineOf(source, 'for (const t');
    assert.deepEqual(lines, [
      ['drops table a and every row in it', loop, 33],
      ['drops table b and every row in it', loop, 33],
      // Made by a helper: no third `b.dropTable(` is left to point at, so the last one stands in.
      ['drops table c and every row in it', loop, 33],
      ['drops column users.legacy and its data', lineOf(source, "b.dropColumn('users'"), 34],
    ]);
  });
});

describe('op calls of a function defined elsewhere', () => {
  test('are placed at the `up:` key that names the function', async () => {
    const base = tsRevision('');
    const text = base.text.replace('  async up(op) {\n    \n  },', '  up: upgrade,');
    const source: RevisionSource = { ...base, text: `function upgrade(op: any) { op.dropTable('t'); }\n${text}`, body: { up: (op) => op.dropTable('t') } };
    const report = await lintRevisions([source], ['sqlite']);
    assert.deepEqual(report.findings.map((f) => [f.rule, f.line]), [['drop-table', lineOf(source, 'up: upgrade')]]);
  });
});

describe('SQL revision header', () => {
  test('-- dihya:phase is read, and an unknown phase refused', () => {
    const text = (phase: string) => `-- dihya:revision x1\n-- dihya:down-revision\n-- dihya:phase ${phase}\n-- dihya:up\nSELECT 1;\n`;
    assert.equal(parseSqlRevision('x.sql', text('contract')).meta.phase, 'contract');
    assert.throws(() => parseSqlRevision('x.sql', text('shrink')), /phase 'shrink' is not one of expand, migrate, contract/);
  });
});
