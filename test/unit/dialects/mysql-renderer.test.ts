/**
 * The SQL MySQL and MariaDB receive for each operation, as a DBA reviewing `dihya upgrade --sql`
 * would read it: backtick-quoted names, types both servers accept, and the online DDL clauses
 * written only where both servers honour them. No database needed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../src/core/errors.js';
import { mysqlDialect as my } from '../../../src/dialects/mysql/mysql-dialect.js';
import { column, renderOps, renderSql, table } from './render-helpers.js';

const accounts = table('accounts', {
  columns: [column('id', 'int', { notNull: true }), column('name', 'longtext', { default: "'anon'" }), column('score', 'int')],
  primaryKey: { name: 'accounts_pkey', columns: ['id'] },
});

/** A table with a UNIQUE key over TEXT: MariaDB keeps a hidden hash column, which rules out in-place changes. */
const hashed = table('notes', {
  columns: [column('id', 'int', { notNull: true }), column('body', 'longtext')],
  uniques: [{ name: 'notes_body_key', columns: ['body'] }],
});

describe('mysql renderer: tables', () => {
  it('createTable writes types both servers accept, explicit NULLs, keys as named table constraints', async () => {
    const sql = await renderSql(my, (op) =>
      op.createTable('users', {
        id: { type: 'integer', primaryKey: true, identity: true },
        email: { type: 'varchar(255)', notNull: true, unique: true },
        name: { type: 'text', default: "O'Brien" },
        org_id: { type: 'bigint', references: { table: 'orgs', column: 'id', onDelete: 'cascade' } },
        created_at: { type: 'timestamptz', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' } },
        seen_at: { type: 'timestamp' },
        active: { type: 'boolean', default: true },
        price: { type: 'numeric(10,2)' },
        amount: { type: 'numeric' },
        data: { type: 'json' },
        uid: { type: 'uuid' },
        raw: { type: 'binary' },
        code: { type: 'varchar' },
        kind: { type: "enum('a','b')" },
      }),
    );
    assert.deepEqual(sql, [
      'CREATE TABLE `users` (\n' +
        '  `id` int NOT NULL AUTO_INCREMENT,\n' +
        '  `email` varchar(255) NOT NULL,\n' +
        "  `name` longtext NULL DEFAULT ('O''Brien'),\n" +
        '  `org_id` bigint NULL,\n' +
        '  `created_at` timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),\n' +
        '  `seen_at` datetime(6) NULL,\n' +
        '  `active` boolean NULL DEFAULT TRUE,\n' +
        '  `price` decimal(10,2) NULL,\n' +
        '  `amount` decimal(65,30) NULL,\n' +
        '  `data` json NULL,\n' +
        '  `uid` char(36) NULL,\n' +
        '  `raw` longblob NULL,\n' +
        '  `code` varchar(255) NULL,\n' +
        "  `kind` enum('a','b') NULL,\n" +
        '  CONSTRAINT `users_pkey` PRIMARY KEY (`id`),\n' +
        '  CONSTRAINT `users_email_key` UNIQUE (`email`),\n' +
        '  CONSTRAINT `users_org_id_fkey` FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION\n' +
        ')',
    ]);
  });

  it('names with backticks and quotes are quoted safely; a rename keeps the table in its database', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.createTable('odd `table`', { "o'clock": { type: 'integer', default: 5 } });
      op.renameTable('app.items', 'products');
      op.dropTable('app.products');
    }), [
      "CREATE TABLE `odd ``table``` (\n  `o'clock` int NULL DEFAULT 5\n)",
      'RENAME TABLE `app`.`items` TO `app`.`products`',
      'DROP TABLE `app`.`products`',
    ]);
  });
});

describe('mysql renderer: columns and online DDL', () => {
  it('addColumn is instant unless it adds a key; renameColumn and dropColumn run in place without locking writes', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.addColumn('accounts', 'nick', { type: 'varchar(40)', notNull: true, default: 'x' });
      op.addColumn('accounts', 'ref', { type: 'integer', unique: true, references: { table: 'accounts', column: 'id' } });
      op.renameColumn('accounts', 'nick', 'handle');
      op.dropColumn('accounts', 'handle');
    }, [accounts]), [
      "ALTER TABLE `accounts` ADD COLUMN `nick` varchar(40) NOT NULL DEFAULT 'x', ALGORITHM=INSTANT",
      'ALTER TABLE `accounts` ADD COLUMN `ref` int NULL, ADD CONSTRAINT `accounts_ref_key` UNIQUE (`ref`), ' +
        'ADD CONSTRAINT `accounts_ref_fkey` FOREIGN KEY (`ref`) REFERENCES `accounts` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION',
      'ALTER TABLE `accounts` RENAME COLUMN `nick` TO `handle`, ALGORITHM=INPLACE, LOCK=NONE',
      'ALTER TABLE `accounts` DROP COLUMN `handle`, ALGORITHM=INPLACE, LOCK=NONE',
    ]);
  });

  it('no online clause on a table with a UNIQUE key over TEXT, where MariaDB would refuse every one', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.addColumn('notes', 'n', { type: 'integer' });
      op.renameColumn('notes', 'n', 'm');
      op.createIndex('notes', 'id');
      op.alterColumn('notes', 'body', { default: 'x' });
    }, [hashed]), [
      'ALTER TABLE `notes` ADD COLUMN `n` int NULL',
      'ALTER TABLE `notes` RENAME COLUMN `n` TO `m`',
      'CREATE INDEX `notes_id_idx` ON `notes` (`id`)',
      "ALTER TABLE `notes` ALTER COLUMN `body` SET DEFAULT ('x')",
    ]);
  });

  it('dropColumn also drops the foreign keys, CHECKs and multi-column indexes that use the column, as PostgreSQL does', async () => {
    const orders = table('orders', {
      columns: [column('id', 'int'), column('customer_id', 'int'), column('total', 'int')],
      foreignKeys: [{ name: 'orders_customer_id_fkey', columns: ['customer_id'], refTable: 'customers', refColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' }],
      checks: [{ name: 'orders_total_check', expression: '`total` > 0 and `customer_id` > 0' }, { name: 'other', expression: '`total` < 9' }],
      indexes: [{ name: 'orders_pair_idx', columns: ['customer_id', 'total'], unique: false, where: null }],
    });
    assert.deepEqual(await renderSql(my, (op) => op.dropColumn('orders', 'customer_id'), [orders]), [
      'ALTER TABLE `orders` DROP FOREIGN KEY `orders_customer_id_fkey`, DROP CONSTRAINT `orders_total_check`, DROP INDEX `orders_pair_idx`, ' +
        'DROP COLUMN `customer_id`, ALGORITHM=INPLACE, LOCK=NONE',
    ]);
  });

  it('alterColumn: a default alone is instant; nullability restates the column in place; a type change copies', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.alterColumn('accounts', 'score', { default: 0 });
      op.alterColumn('accounts', 'name', { default: "it's" });
      op.alterColumn('accounts', 'name', { default: null });
      op.alterColumn('accounts', 'name', { notNull: true });
      op.alterColumn('accounts', 'score', { type: 'bigint' });
      op.alterColumn('accounts', 'score', { type: 'integer', notNull: true, default: { sql: 'floor(rand() * 10)' } });
    }, [accounts]), [
      'ALTER TABLE `accounts` ALTER COLUMN `score` SET DEFAULT 0, ALGORITHM=INSTANT',
      "ALTER TABLE `accounts` ALTER COLUMN `name` SET DEFAULT ('it''s'), ALGORITHM=INSTANT",
      'ALTER TABLE `accounts` ALTER COLUMN `name` DROP DEFAULT, ALGORITHM=INSTANT',
      "ALTER TABLE `accounts` MODIFY COLUMN `name` longtext NOT NULL DEFAULT ('anon'), ALGORITHM=INPLACE, LOCK=NONE",
      'ALTER TABLE `accounts` MODIFY COLUMN `score` bigint NULL',
      'ALTER TABLE `accounts` MODIFY COLUMN `score` int NOT NULL DEFAULT (floor(rand() * 10)), ALGORITHM=INPLACE, LOCK=NONE',
    ]);
  });

  it('offline, alterColumn restates a column the earlier operations created, and refuses one it cannot know', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.createTable('t', { id: { type: 'integer', primaryKey: true }, label: { type: 'varchar(20)', default: 'none' } });
      op.alterColumn('t', 'label', { notNull: true });
    }), [
      "CREATE TABLE `t` (\n  `id` int NOT NULL,\n  `label` varchar(20) NULL DEFAULT 'none',\n  CONSTRAINT `t_pkey` PRIMARY KEY (`id`)\n)",
      "ALTER TABLE `t` MODIFY COLUMN `label` varchar(20) NOT NULL DEFAULT 'none', ALGORITHM=INPLACE, LOCK=NONE",
    ]);
    await assert.rejects(renderSql(my, (op) => op.alterColumn('unknown', 'c', { notNull: true })), /give type, notNull and default together/);
    assert.deepEqual(await renderSql(my, (op) => op.alterColumn('unknown', 'c', { type: 'text', notNull: false, default: null })), [
      'ALTER TABLE `unknown` MODIFY COLUMN `c` longtext NULL',
    ]);
  });
});

describe('mysql renderer: indexes and constraints', () => {
  it('createIndex runs in place; TEXT columns are indexed by a prefix; quoted names are names; a partial index is refused', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.createIndex('accounts', ['score', 'name']);
      op.createIndex('accounts', '"o\'clock"', { name: 'odd' });
      op.createIndex('accounts', 'score', { unique: true, concurrently: true });
      op.createIndex('accounts', 'name', { unique: true });
    }, [accounts]), [
      'CREATE INDEX `accounts_score_name_idx` ON `accounts` (`score`, `name`(255)) ALGORITHM=INPLACE LOCK=NONE',
      "CREATE INDEX `odd` ON `accounts` (`o'clock`) ALGORITHM=INPLACE LOCK=NONE",
      'CREATE UNIQUE INDEX `accounts_score_idx` ON `accounts` (`score`) ALGORITHM=INPLACE LOCK=NONE',
      // MariaDB enforces a UNIQUE over TEXT with a hidden hash column, which cannot be built in place.
      'CREATE UNIQUE INDEX `accounts_name_idx` ON `accounts` (`name`)',
    ]);
    await assert.rejects(renderSql(my, (op) => op.createIndex('accounts', 'name', { where: 'score > 0' })), { code: 'UNSUPPORTED_OPERATION', message: /partial index accounts_name_idx/ });
  });

  it('offline, an expression index is a functional key part (MySQL 8)', async () => {
    assert.deepEqual(await renderSql(my, (op) => op.createIndex('accounts', 'lower(name)')), [
      'CREATE INDEX `accounts_lower_name_idx` ON `accounts` ((lower(name))) ALGORITHM=INPLACE LOCK=NONE',
    ]);
  });

  it('dropIndex needs its table offline; with it, the index goes in place', async () => {
    assert.deepEqual(await renderSql(my, (op) => op.dropIndex('accounts_score_idx', { table: 'accounts' }), [accounts]), [
      'ALTER TABLE `accounts` DROP INDEX `accounts_score_idx`, ALGORITHM=INPLACE, LOCK=NONE',
    ]);
    await assert.rejects(renderSql(my, (op) => op.dropIndex('nowhere_idx')), /needs \{ table \} on MySQL/);
    assert.deepEqual(await renderSql(my, (op) => {
      op.createTable('t', { id: { type: 'integer' } });
      op.createIndex('t', 'id');
      op.dropIndex('t_id_idx');
    }), [
      'CREATE TABLE `t` (\n  `id` int NULL\n)',
      'CREATE INDEX `t_id_idx` ON `t` (`id`) ALGORITHM=INPLACE LOCK=NONE',
      'ALTER TABLE `t` DROP INDEX `t_id_idx`, ALGORITHM=INPLACE, LOCK=NONE',
    ]);
  });

  it('dropConstraint says which kind of key it drops, from the table or else from the conventional names', async () => {
    const t = table('reviews', {
      columns: [column('id', 'int'), column('order_id', 'int')],
      primaryKey: { name: 'reviews_pkey', columns: ['id'] },
      uniques: [{ name: 'reviews_pair', columns: ['id', 'order_id'] }],
      foreignKeys: [{ name: 'reviews_to_orders', columns: ['order_id'], refTable: 'orders', refColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' }],
      checks: [{ name: 'reviews_rule', expression: '`id` > 0' }],
    });
    assert.deepEqual(await renderSql(my, (op) => {
      op.dropConstraint('reviews', 'reviews_pkey');
      op.dropConstraint('reviews', 'reviews_pair');
      op.dropConstraint('reviews', 'reviews_to_orders');
      op.dropConstraint('reviews', 'reviews_rule');
    }, [t]), [
      'ALTER TABLE `reviews` DROP PRIMARY KEY',
      'ALTER TABLE `reviews` DROP INDEX `reviews_pair`, ALGORITHM=INPLACE, LOCK=NONE',
      'ALTER TABLE `reviews` DROP FOREIGN KEY `reviews_to_orders`, ALGORITHM=INPLACE, LOCK=NONE',
      'ALTER TABLE `reviews` DROP CONSTRAINT `reviews_rule`',
    ]);
    assert.deepEqual(await renderSql(my, (op) => {
      op.dropConstraint('x', 'x_pkey');
      op.dropConstraint('x', 'x_a_fkey');
      op.dropConstraint('x', 'x_a_key');
      op.dropConstraint('x', 'x_a_check');
    }), [
      'ALTER TABLE `x` DROP PRIMARY KEY',
      'ALTER TABLE `x` DROP FOREIGN KEY `x_a_fkey`, ALGORITHM=INPLACE, LOCK=NONE',
      'ALTER TABLE `x` DROP INDEX `x_a_key`, ALGORITHM=INPLACE, LOCK=NONE',
      'ALTER TABLE `x` DROP CONSTRAINT `x_a_check`',
    ]);
  });

  it('addForeignKey writes unstated actions as NO ACTION; unique and check constraints are named', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.addForeignKey('accounts', 'score', { table: 'scores', columns: 'id' }, { onUpdate: 'restrict' });
      op.addUniqueConstraint('accounts', ['score']);
      op.addCheckConstraint('accounts', 'accounts_score_check', 'score >= 0');
    }, [accounts]), [
      'ALTER TABLE `accounts` ADD CONSTRAINT `accounts_score_fkey` FOREIGN KEY (`score`) REFERENCES `scores` (`id`) ON DELETE NO ACTION ON UPDATE RESTRICT',
      'ALTER TABLE `accounts` ADD CONSTRAINT `accounts_score_key` UNIQUE (`score`), ALGORITHM=INPLACE, LOCK=NONE',
      'ALTER TABLE `accounts` ADD CONSTRAINT `accounts_score_check` CHECK (score >= 0)',
    ]);
  });
});

describe('mysql renderer: data, literals and session', () => {
  it('execute keeps its parameters bound; bulkInsert binds every value with ? in as few statements as the limit allows', async () => {
    const [exec] = await renderOps(my, (op) => op.execute('UPDATE t SET a = ? WHERE b = ?', [1, "x'); DROP TABLE t; --"]));
    assert.deepEqual(exec, { sql: 'UPDATE t SET a = ? WHERE b = ?', params: [1, "x'); DROP TABLE t; --"] });
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ id: i, label: `r${i}` }));
    const inserts = await renderOps(my, (op) => op.bulkInsert('t', rows));
    assert.deepEqual(inserts.map((s) => s.params?.length), [65_534, 14_466]);
    assert.match(inserts[0]!.sql, /^INSERT INTO `t` \(`id`, `label`\) VALUES \(\?, \?\), \(\?, \?\)/);
  });

  it('literals escape quotes and backslashes, write dates in UTC and refuse NUL', () => {
    assert.equal(my.literal("it's a \\ path"), "'it''s a \\\\ path'");
    assert.equal(my.literal(new Date('2024-03-01T12:34:56.789Z')), "'2024-03-01 12:34:56.789'");
    assert.deepEqual([my.literal(true), my.literal(null), my.literal(12), my.literal({ a: [1] })], ['TRUE', 'NULL', '12', `'{"a":[1]}'`]);
    assert.throws(() => my.literal('a\u0000b'), /NUL/);
  });

  it("lockWaitTimeout becomes the session's lock_wait_timeout in whole seconds", () => {
    assert.deepEqual(my.sessionStatements({ lockWaitTimeout: 5 }), ['SET SESSION lock_wait_timeout = 5']);
    assert.deepEqual(my.sessionStatements({ lockWaitTimeout: '1500ms' }), ['SET SESSION lock_wait_timeout = 2']);
    assert.deepEqual(my.sessionStatements({ lockWaitTimeout: '2min' }), ['SET SESSION lock_wait_timeout = 120']);
    assert.deepEqual(my.sessionStatements({ lockTimeout: '5s' }), [], 'PostgreSQL settings do not apply');
    assert.throws(() => my.sessionStatements({ lockWaitTimeout: 'soon' }), (e) => e instanceof ConfigError && /lockWaitTimeout 'soon'/.test(e.message));
  });

  it('splitScript keeps semicolons inside strings and honours DELIMITER blocks', () => {
    const script = "INSERT INTO t VALUES ('a;b');\nDELIMITER //\nCREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END//\nDELIMITER ;\nSELECT 1;";
    assert.deepEqual(my.splitScript(script), [
      "INSERT INTO t VALUES ('a;b')",
      'CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END',
      'SELECT 1',
    ]);
  });
});
