/**
 * Identifier and literal quoting shared by the dialects: what ends up in DDL defaults and in the
 * offline SQL a DBA reviews.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postgresDialect } from '../../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/sqlite-dialect.js';

describe('identifier quoting', () => {
  for (const dialect of [sqliteDialect, postgresDialect]) {
    it(`${dialect.name}: doubles embedded double quotes and quotes schema and table apart`, () => {
      assert.equal(dialect.quoteIdent('users'), '"users"');
      assert.equal(dialect.quoteIdent('say "hi"'), '"say ""hi"""');
      assert.equal(dialect.quoteIdent("o'clock"), `"o'clock"`);
      assert.equal(dialect.quoteIdent('app.users'), '"app"."users"');
      assert.equal(dialect.quoteIdent('Mixed Case'), '"Mixed Case"');
    });
  }
});

describe('literals', () => {
  it('strings double their single quotes; NULL, numbers and bigints are bare', () => {
    for (const dialect of [sqliteDialect, postgresDialect]) {
      assert.equal(dialect.literal("O'Brien"), "'O''Brien'");
      assert.equal(dialect.literal("'); DROP TABLE users; --"), "'''); DROP TABLE users; --'");
      assert.equal(dialect.literal(null), 'NULL');
      assert.equal(dialect.literal(undefined), 'NULL');
      assert.equal(dialect.literal(-1.5), '-1.5');
      assert.equal(dialect.literal(12345678901234567890n), '12345678901234567890');
    }
  });

  it('booleans are 1/0 on SQLite and true/false on PostgreSQL', () => {
    assert.deepEqual([sqliteDialect.literal(true), sqliteDialect.literal(false)], ['1', '0']);
    assert.deepEqual([postgresDialect.literal(true), postgresDialect.literal(false)], ['true', 'false']);
  });

  it('dates become ISO strings, objects JSON strings, buffers hex blobs', () => {
    assert.equal(sqliteDialect.literal(new Date('2024-03-01T12:00:00Z')), "'2024-03-01T12:00:00.000Z'");
    assert.equal(postgresDialect.literal({ name: "O'Brien", tags: [1] }), `'{"name":"O''Brien","tags":[1]}'`);
    assert.equal(sqliteDialect.literal(Buffer.from([0xde, 0xad])), "X'dead'");
  });

  it('refuses what has no safe literal: NaN, Infinity and NUL characters', () => {
    assert.throws(() => sqliteDialect.literal(Number.NaN), /cannot write NaN as a SQL literal/);
    assert.throws(() => postgresDialect.literal(Number.POSITIVE_INFINITY), /cannot write Infinity/);
    assert.throws(() => postgresDialect.literal('a\u0000b'), /NUL character/);
  });

  it('placeholders: ? on SQLite, $n on PostgreSQL', () => {
    assert.deepEqual([sqliteDialect.placeholder(3), postgresDialect.placeholder(3)], ['?', '$3']);
  });
});
