/**
 * The SQL each dialect writes for createTable's table-level keys, CHECKs and comments, and for the
 * two comment operations, as a DBA reviewing `dihya upgrade --sql` would read it. No database needed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.js';
import { mysqlDialect as my } from '../../../src/dialects/mysql/mysql-dialect.js';
import { postgresDialect as pg } from '../../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect as lite } from '../../../src/dialects/sqlite/sqlite-dialect.js';
import { OperationBuilder } from '../../../src/operations/operation-builder.js';
import type { OperationOf } from '../../../src/operations/operation.js';
import { column, renderSql, table } from './render-helpers.js';

/** Order lines keyed by order and line, each possibly following an earlier line of the same order. */
function createLines(op: OperationBuilder): void {
  op.createTable(
    'lines',
    {
      order_id: { type: 'integer' },
      line: { type: 'integer' },
      prev_line: { type: 'integer' },
      note: { type: 'varchar(80)', comment: "it's C:\\tmp" },
    },
    {
      primaryKey: { columns: ['order_id', 'line'] },
      uniques: [{ columns: ['note'] }],
      foreignKeys: [
        { columns: ['order_id'], references: { table: 'orders', columns: ['id'] }, onDelete: 'cascade' },
        { name: 'lines_prev_fk', columns: ['order_id', 'prev_line'], references: { table: 'lines', columns: ['order_id', 'line'] }, onUpdate: 'restrict' },
      ],
      checks: [{ name: 'lines_line_check', expression: 'line > 0' }],
      comment: 'Order lines',
    },
  );
}

const KEYS = (quote: (s: string) => string, actionsOf: (del: string, upd: string) => string) => [
  `CONSTRAINT ${quote('lines_pkey')} PRIMARY KEY (${quote('order_id')}, ${quote('line')})`,
  `CONSTRAINT ${quote('lines_note_key')} UNIQUE (${quote('note')})`,
  `CONSTRAINT ${quote('lines_order_id_fkey')} FOREIGN KEY (${quote('order_id')}) REFERENCES ${quote('orders')} (${quote('id')})${actionsOf('CASCADE', '')}`,
  `CONSTRAINT ${quote('lines_prev_fk')} FOREIGN KEY (${quote('order_id')}, ${quote('prev_line')}) REFERENCES ${quote('lines')} (${quote('order_id')}, ${quote('line')})${actionsOf('', 'RESTRICT')}`,
  `CONSTRAINT ${quote('lines_line_check')} CHECK (line > 0)`,
];
const dq = (s: string) => `"${s}"`;
const bt = (s: string) => `\`${s}\``;
const stated = (del: string, upd: string) => (del ? ` ON DELETE ${del}` : '') + (upd ? ` ON UPDATE ${upd}` : '');

describe('createTable with table-level keys, checks and a comment', () => {
  it('records the keys with their default names, and only what was given', () => {
    const op = new OperationBuilder();
    createLines(op);
    op.createTable('plain', { id: { type: 'integer', primaryKey: true } });
    const [lines, plain] = op.operations as OperationOf<'createTable'>[];
    assert.deepEqual([lines!.primaryKey, lines!.uniques, lines!.comment], [
      { name: 'lines_pkey', columns: ['order_id', 'line'] },
      [{ name: 'lines_note_key', columns: ['note'] }],
      'Order lines',
    ]);
    assert.deepEqual(plain, { kind: 'createTable', table: 'plain', columns: { id: { type: 'integer', primaryKey: true } } });
  });

  it('refuses a primary key given both ways, a key over a missing column, and a foreign key of the wrong width', () => {
    const op = new OperationBuilder();
    const cols = { a: { type: 'integer', primaryKey: true }, b: { type: 'integer' } };
    assert.throws(() => op.createTable('t', cols, { primaryKey: { columns: ['a'] } }), UsageError);
    assert.throws(() => op.createTable('t', { a: { type: 'integer' } }, { primaryKey: { columns: ['a', 'b'] } }), /primary key names b, which the table does not have/);
    assert.throws(
      () => op.createTable('t', { a: { type: 'integer' } }, { foreignKeys: [{ columns: ['a'], references: { table: 'u', columns: ['x', 'y'] } }] }),
      /foreign key t_a_fkey needs references: \{ table, columns \} with as many columns as it has \(1\)/,
    );
    assert.throws(() => op.createTable('t', { a: { type: 'integer' } }, { checks: [{ name: 't_a_check', expression: ' ' }] }), /every check needs a name and an expression/);
    assert.throws(() => op.setTableComment('t', undefined as unknown as null), /needs the comment as a string, or null to remove it/);
    assert.equal(op.operations.length, 0);
  });

  it('postgres: the keys inside CREATE TABLE, comments as COMMENT ON statements after it', async () => {
    assert.deepEqual(await renderSql(pg, createLines), [
      'CREATE TABLE "lines" (\n  ' +
        ['"order_id" integer', '"line" integer', '"prev_line" integer', '"note" varchar(80)', ...KEYS(dq, stated)].join(',\n  ') +
        '\n)',
      `COMMENT ON TABLE "lines" IS 'Order lines'`,
      `COMMENT ON COLUMN "lines"."note" IS 'it''s C:\\tmp'`,
    ]);
  });

  it('mysql: key columns NOT NULL, actions always stated, comments inline with backslashes escaped', async () => {
    assert.deepEqual(await renderSql(my, createLines), [
      'CREATE TABLE `lines` (\n  ' +
        [
          '`order_id` int NOT NULL', '`line` int NOT NULL', '`prev_line` int NULL', "`note` varchar(80) NULL COMMENT 'it''s C:\\\\tmp'",
          ...KEYS(bt, (del, upd) => ` ON DELETE ${del || 'NO ACTION'} ON UPDATE ${upd || 'NO ACTION'}`),
        ].join(',\n  ') +
        "\n) COMMENT = 'Order lines'",
    ]);
  });

  it('sqlite: key columns NOT NULL, the same constraint lines, no comment anywhere', async () => {
    assert.deepEqual(await renderSql(lite, createLines), [
      'CREATE TABLE "lines" (\n  ' +
        ['"order_id" INTEGER NOT NULL', '"line" INTEGER NOT NULL', '"prev_line" INTEGER', '"note" VARCHAR(80)', ...KEYS(dq, stated)].join(',\n  ') +
        '\n)',
    ]);
  });
});

/** An introspected MySQL table whose columns carry comments, a default and an identity. */
const tickets = table('tickets', {
  columns: [
    column('id', 'int', { notNull: true, identity: true, comment: 'Counted' }),
    column('subject', 'varchar(80)', { notNull: true, default: "'none'", comment: "Shown as 'title'" }),
  ],
  primaryKey: { name: 'tickets_pkey', columns: ['id'] },
  comment: 'Support tickets',
});

describe('comment operations', () => {
  const record = (op: OperationBuilder) => {
    op.setTableComment('tickets', "Support's tickets");
    op.setTableComment('tickets', null);
    op.setColumnComment('tickets', 'subject', 'New');
    op.setColumnComment('tickets', 'id', null);
    op.addColumn('tickets', 'body', { type: 'text', comment: 'Markdown' });
  };

  it('postgres: COMMENT ON TABLE and COLUMN, NULL to remove', async () => {
    assert.deepEqual(await renderSql(pg, record, [tickets]), [
      `COMMENT ON TABLE "tickets" IS 'Support''s tickets'`,
      'COMMENT ON TABLE "tickets" IS NULL',
      `COMMENT ON COLUMN "tickets"."subject" IS 'New'`,
      'COMMENT ON COLUMN "tickets"."id" IS NULL',
      'ALTER TABLE "tickets" ADD COLUMN "body" text',
      `COMMENT ON COLUMN "tickets"."body" IS 'Markdown'`,
    ]);
  });

  it('mysql: the table option, and MODIFY COLUMN restating the whole column with its new comment', async () => {
    assert.deepEqual(await renderSql(my, record, [tickets]), [
      "ALTER TABLE `tickets` COMMENT = 'Support''s tickets', ALGORITHM=INPLACE, LOCK=NONE",
      "ALTER TABLE `tickets` COMMENT = '', ALGORITHM=INPLACE, LOCK=NONE",
      "ALTER TABLE `tickets` MODIFY COLUMN `subject` varchar(80) NOT NULL DEFAULT 'none' COMMENT 'New', ALGORITHM=INPLACE, LOCK=NONE",
      'ALTER TABLE `tickets` MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT, ALGORITHM=INPLACE, LOCK=NONE',
      "ALTER TABLE `tickets` ADD COLUMN `body` longtext NULL COMMENT 'Markdown', ALGORITHM=INSTANT",
    ]);
  });

  it('mysql: alterColumn restating the column with MODIFY keeps its comment', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.alterColumn('tickets', 'subject', { notNull: false });
      op.alterColumn('tickets', 'subject', { type: 'text' });
    }, [tickets]), [
      "ALTER TABLE `tickets` MODIFY COLUMN `subject` varchar(80) NULL DEFAULT 'none' COMMENT 'Shown as ''title''', ALGORITHM=INPLACE, LOCK=NONE",
      "ALTER TABLE `tickets` MODIFY COLUMN `subject` longtext NOT NULL DEFAULT ('none') COMMENT 'Shown as ''title'''",
    ]);
  });

  it('mysql offline: a column comment needs the column known from earlier operations', async () => {
    assert.deepEqual(await renderSql(my, (op) => {
      op.createTable('t', { id: { type: 'integer', primaryKey: true, comment: 'Key' } }, { comment: 'T' });
      op.setColumnComment('t', 'id', 'Still the key');
      op.alterColumn('t', 'id', { type: 'bigint' });
    }), [
      "CREATE TABLE `t` (\n  `id` int NOT NULL COMMENT 'Key',\n  CONSTRAINT `t_pkey` PRIMARY KEY (`id`)\n) COMMENT = 'T'",
      "ALTER TABLE `t` MODIFY COLUMN `id` int NOT NULL COMMENT 'Still the key', ALGORITHM=INPLACE, LOCK=NONE",
      "ALTER TABLE `t` MODIFY COLUMN `id` bigint NOT NULL COMMENT 'Still the key'",
    ]);
    await assert.rejects(
      renderSql(my, (op) => op.setColumnComment('unknown', 'c', 'x')),
      /setColumnComment\('unknown', 'c'\) restates the whole column on MySQL, and the column is not known here \(offline SQL\)/,
    );
  });

  it('sqlite: nothing to run for a comment; addColumn ignores it', async () => {
    assert.deepEqual(await renderSql(lite, record, [tickets]), ['ALTER TABLE "tickets" ADD COLUMN "body" TEXT']);
  });
});
