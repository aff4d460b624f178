/**
 * The SQL SQLite receives for each operation. What SQLite cannot ALTER in place becomes the
 * documented table rebuild (create new, copy, drop old, rename, recreate indexes). No database needed:
 * the table a rebuild starts from is given as an introspected model.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sqliteDialect as lite } from '../../../src/dialects/sqlite/sqlite-dialect.js';
import { column, renderOps, renderSql, table } from './render-helpers.js';

/** An introspected `accounts` table: integer key, a unique email, a default, an index and a CHECK. */
const accounts = table('accounts', {
  columns: [
    column('id', 'integer', { notNull: true }),
    column('email', 'varchar(120)', { notNull: true }),
    column('note', 'text', { default: "'n/a'" }),
    column('balance', 'integer', { default: '0' }),
  ],
  primaryKey: { name: 'accounts_pkey', columns: ['id'] },
  uniques: [{ name: 'accounts_email_key', columns: ['email'] }],
  checks: [{ name: 'accounts_balance_check', expression: 'balance >= 0' }],
  indexes: [{ name: 'accounts_note_idx', columns: ['note'], unique: false, where: null, definition: 'CREATE INDEX "accounts_note_idx" ON "accounts" ("note")' }],
});

/** The rebuild of `accounts` into the shape whose column and constraint lines are given. */
function rebuildOf(lines: string[], copied = '"id", "email", "note", "balance"'): string[] {
  return [
    `CREATE TABLE "_dihya_rebuild_accounts" (\n  ${lines.join(',\n  ')}\n)`,
    `INSERT INTO "_dihya_rebuild_accounts" (${copied}) SELECT ${copied} FROM "accounts"`,
    'DROP TABLE "accounts"',
    'ALTER TABLE "_dihya_rebuild_accounts" RENAME TO "accounts"',
    'CREATE INDEX "accounts_note_idx" ON "accounts" ("note")',
  ];
}

const COLUMNS = ['"id" INTEGER NOT NULL', '"email" VARCHAR(120) NOT NULL', `"note" TEXT DEFAULT 'n/a'`, '"balance" INTEGER DEFAULT 0'];
const KEYS = ['CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")', 'CONSTRAINT "accounts_email_key" UNIQUE ("email")'];
const CHECK = 'CONSTRAINT "accounts_balance_check" CHECK (balance >= 0)';

describe('sqlite renderer: tables', () => {
  it('createTable: AUTOINCREMENT identity key inline, other keys as named table constraints, portable types', async () => {
    const sql = await renderSql(lite, (op) =>
      op.createTable('users', {
        id: { type: 'bigint', primaryKey: true, identity: true },
        email: { type: 'varchar(255)', notNull: true, unique: true },
        name: { type: 'text', default: "O'Brien" },
        org_id: { type: 'integer', references: { table: 'orgs', column: 'id', onDelete: 'cascade' } },
        created_at: { type: 'timestamp', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' } },
        active: { type: 'boolean', default: true },
        uid: { type: 'uuid' },
        raw: { type: 'binary' },
      }),
    );
    assert.deepEqual(sql, [
      'CREATE TABLE "users" (\n' +
        '  "id" INTEGER CONSTRAINT "users_pkey" PRIMARY KEY AUTOINCREMENT,\n' +
        '  "email" VARCHAR(255) NOT NULL,\n' +
        `  "name" TEXT DEFAULT 'O''Brien',\n` +
        '  "org_id" INTEGER,\n' +
        '  "created_at" TIMESTAMP NOT NULL DEFAULT (CURRENT_TIMESTAMP),\n' +
        '  "active" BOOLEAN DEFAULT 1,\n' +
        '  "uid" TEXT,\n' +
        '  "raw" BLOB,\n' +
        '  CONSTRAINT "users_email_key" UNIQUE ("email"),\n' +
        '  CONSTRAINT "users_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE CASCADE\n' +
        ')',
    ]);
  });

  it('a composite primary key becomes one table constraint', async () => {
    const sql = await renderSql(lite, (op) =>
      op.createTable('memberships', { user_id: { type: 'integer', primaryKey: true }, org_id: { type: 'integer', primaryKey: true } }),
    );
    assert.deepEqual(sql, [
      'CREATE TABLE "memberships" (\n  "user_id" INTEGER NOT NULL,\n  "org_id" INTEGER NOT NULL,\n  CONSTRAINT "memberships_pkey" PRIMARY KEY ("user_id", "org_id")\n)',
    ]);
  });

  it('dropTable and renameTable run in place', async () => {
    assert.deepEqual(await renderSql(lite, (op) => { op.dropTable('users'); op.renameTable('users', 'members'); }), [
      'DROP TABLE "users"',
      'ALTER TABLE "users" RENAME TO "members"',
    ]);
  });
});

describe('sqlite renderer: columns', () => {
  it('addColumn with a constant default or a reference, renameColumn and an unused dropColumn run in place', async () => {
    const plain = table('plain', { columns: [column('id', 'integer'), column('age', 'integer')] });
    const sql = await renderSql(lite, (op) => {
      op.addColumn('accounts', 'age', { type: 'smallint', notNull: true, default: 0 });
      op.addColumn('accounts', 'owner_id', { type: 'integer', references: { table: 'users', column: 'id', onDelete: 'set null' } });
      op.renameColumn('accounts', 'note', 'remark');
      op.dropColumn('plain', 'age');
    }, [accounts, plain]);
    assert.deepEqual(sql, [
      'ALTER TABLE "accounts" ADD COLUMN "age" SMALLINT NOT NULL DEFAULT 0',
      'ALTER TABLE "accounts" ADD COLUMN "owner_id" INTEGER CONSTRAINT "accounts_owner_id_fkey" REFERENCES "users" ("id") ON DELETE SET NULL',
      'ALTER TABLE "accounts" RENAME COLUMN "note" TO "remark"',
      'ALTER TABLE "plain" DROP COLUMN "age"',
    ]);
  });

  it('addColumn of a unique column or with an expression default rebuilds the table', async () => {
    const unique = await renderSql(lite, (op) => op.addColumn('accounts', 'nick', { type: 'text', unique: true }), [accounts]);
    assert.deepEqual(unique, rebuildOf([...COLUMNS, '"nick" TEXT', ...KEYS, 'CONSTRAINT "accounts_nick_key" UNIQUE ("nick")', CHECK]));
    const expression = await renderSql(lite, (op) => op.addColumn('accounts', 'seen', { type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } }), [accounts]);
    assert.deepEqual(expression, rebuildOf([...COLUMNS, '"seen" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP)', ...KEYS, CHECK]));
  });

  it('dropColumn of a column a CHECK or index uses rebuilds without the column and what used it', async () => {
    const sql = await renderSql(lite, (op) => op.dropColumn('accounts', 'balance'), [accounts]);
    assert.deepEqual(sql, rebuildOf([...COLUMNS.slice(0, 3), ...KEYS], '"id", "email", "note"'));
    const withoutNote = await renderSql(lite, (op) => op.dropColumn('accounts', 'note'), [accounts]);
    assert.equal(withoutNote.some((s) => s.includes('accounts_note_idx')), false);
  });

  it('alterColumn rebuilds the table with the new type, nullability and default', async () => {
    const sql = await renderSql(lite, (op) => op.alterColumn('accounts', 'balance', { type: 'bigint', notNull: true, default: "it's" }), [accounts]);
    assert.deepEqual(sql, rebuildOf([...COLUMNS.slice(0, 3), `"balance" BIGINT NOT NULL DEFAULT 'it''s'`, ...KEYS, CHECK]));
    const dropped = await renderSql(lite, (op) => op.alterColumn('accounts', 'note', { default: null }), [accounts]);
    assert.equal(dropped[0]?.includes('"note" TEXT,'), true);
  });

  it('a rebuild of an AUTOINCREMENT table carries its counter over, so deleted ids are not reused', async () => {
    const tickets = table('tickets', {
      columns: [column('id', 'integer', { notNull: true, identity: true }), column('title', 'text')],
      primaryKey: { name: 'tickets_pkey', columns: ['id'] },
    });
    const statements = await renderOps(lite, (op) => op.alterColumn('tickets', 'title', { notNull: true }), [tickets]);
    assert.deepEqual(statements, [
      { sql: 'CREATE TABLE "_dihya_rebuild_tickets" (\n  "id" INTEGER CONSTRAINT "tickets_pkey" PRIMARY KEY AUTOINCREMENT,\n  "title" TEXT NOT NULL\n)' },
      { sql: 'INSERT INTO "_dihya_rebuild_tickets" ("id", "title") SELECT "id", "title" FROM "tickets"' },
      { sql: 'DELETE FROM sqlite_sequence WHERE name = ?', params: ['_dihya_rebuild_tickets'] },
      { sql: 'INSERT INTO sqlite_sequence (name, seq) SELECT ?, seq FROM sqlite_sequence WHERE name = ?', params: ['_dihya_rebuild_tickets', 'tickets'] },
      { sql: 'DROP TABLE "tickets"' },
      { sql: 'ALTER TABLE "_dihya_rebuild_tickets" RENAME TO "tickets"' },
    ]);
  });

  it('names a missing table or column in its error', async () => {
    await assert.rejects(renderSql(lite, (op) => op.alterColumn('ghosts', 'x', { notNull: true })), /table ghosts does not exist/);
    await assert.rejects(renderSql(lite, (op) => op.alterColumn('accounts', 'x', { notNull: true }), [accounts]), /column accounts\.x does not exist/);
  });
});

describe('sqlite renderer: indexes and constraints', () => {
  it('createIndex (plain, unique expression, partial) and dropIndex run in place; CONCURRENTLY does not exist here', async () => {
    const statements = await renderOps(lite, (op) => {
      op.createIndex('users', ['email', 'name']);
      op.createIndex('users', 'lower(email)', { unique: true, where: 'deleted_at IS NULL' });
      op.createIndex('users', 'email', { concurrently: true });
      op.dropIndex('users_email_idx', { table: 'users' });
    });
    assert.deepEqual(statements.map((s) => s.sql), [
      'CREATE INDEX "users_email_name_idx" ON "users" ("email", "name")',
      'CREATE UNIQUE INDEX "users_lower_email_idx" ON "users" ((lower(email))) WHERE deleted_at IS NULL',
      'CREATE INDEX "users_email_idx" ON "users" ("email")',
      'DROP INDEX "users_email_idx"',
    ]);
    assert.equal(statements.some((s) => s.transactional === false), false);
  });

  it('addForeignKey, addUniqueConstraint and addCheckConstraint rebuild with the new named constraint', async () => {
    const fk = await renderSql(lite, (op) => op.addForeignKey('accounts', 'id', { table: 'users', columns: 'id' }, { onDelete: 'cascade', onUpdate: 'restrict' }), [accounts]);
    assert.deepEqual(fk, rebuildOf([...COLUMNS, ...KEYS, 'CONSTRAINT "accounts_id_fkey" FOREIGN KEY ("id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE RESTRICT', CHECK]));
    const unique = await renderSql(lite, (op) => op.addUniqueConstraint('accounts', ['email', 'note']), [accounts]);
    assert.deepEqual(unique, rebuildOf([...COLUMNS, ...KEYS, 'CONSTRAINT "accounts_email_note_key" UNIQUE ("email", "note")', CHECK]));
    const check = await renderSql(lite, (op) => op.addCheckConstraint('accounts', 'accounts_note_check', "note <> ''"), [accounts]);
    assert.deepEqual(check, rebuildOf([...COLUMNS, ...KEYS, CHECK, `CONSTRAINT "accounts_note_check" CHECK (note <> '')`]));
  });

  it('dropConstraint rebuilds without it; an unknown or already taken name is refused', async () => {
    assert.deepEqual(await renderSql(lite, (op) => op.dropConstraint('accounts', 'accounts_balance_check'), [accounts]), rebuildOf([...COLUMNS, ...KEYS]));
    await assert.rejects(renderSql(lite, (op) => op.dropConstraint('accounts', 'nope'), [accounts]), /table accounts has no constraint named nope/);
    await assert.rejects(
      renderSql(lite, (op) => op.addCheckConstraint('accounts', 'accounts_email_key', 'id > 0'), [accounts]),
      /table accounts already has a constraint named accounts_email_key/,
    );
  });
});

describe('sqlite renderer: quoting and data', () => {
  it('doubles embedded double quotes in identifiers and single quotes in literals', async () => {
    const sql = await renderSql(lite, (op) => {
      op.createTable('we"ird', { 'say "hi"': { type: 'text', default: "it's" } });
      op.renameColumn('we"ird', 'say "hi"', 'said "hi"');
      op.createIndex('we"ird', 'n', { name: 'idx "1"' });
      op.dropIndex('idx "1"');
    });
    assert.deepEqual(sql, [
      `CREATE TABLE "we""ird" (\n  "say ""hi""" TEXT DEFAULT 'it''s'\n)`,
      'ALTER TABLE "we""ird" RENAME COLUMN "say ""hi""" TO "said ""hi"""',
      'CREATE INDEX "idx ""1""" ON "we""ird" ("n")',
      'DROP INDEX "idx ""1"""',
    ]);
  });

  it('execute passes SQL and parameters through; bulkInsert binds with ? and splits at 32,766 parameters', async () => {
    assert.deepEqual(await renderOps(lite, (op) => op.execute('DELETE FROM users WHERE id = ?', [3])), [{ sql: 'DELETE FROM users WHERE id = ?', params: [3] }]);
    assert.deepEqual(await renderOps(lite, (op) => op.bulkInsert('users', [{ id: 1, ok: true }, { id: 2 }])), [
      { sql: 'INSERT INTO "users" ("id", "ok") VALUES (?, ?)', params: [1, true] },
      { sql: 'INSERT INTO "users" ("id") VALUES (?)', params: [2] },
    ]);
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ a: i, b: i }));
    const statements = await renderOps(lite, (op) => op.bulkInsert('t', rows));
    assert.deepEqual(statements.map((s) => s.params?.length), [32_766, 7_234]);
  });
});
