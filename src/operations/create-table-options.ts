import type { ReferentialAction } from './column-spec.js';

/**
 * The table-level part of `op.createTable`: keys over several columns, CHECKs and a comment, all
 * written inside the one CREATE TABLE statement. A name left out gets PostgreSQL's default name
 * (`<table>_pkey`, `<table>_<columns>_key`, `<table>_<columns>_fkey`), as the column-level flags do.
 * The columns of the primary key are NOT NULL. MySQL calls every primary key PRIMARY (introspection
 * reports `<table>_pkey` there whatever the name), and SQLite keeps no comments: there `comment` is
 * ignored.
 *
 * @example
 * op.createTable('memberships', {
 *   org_id: { type: 'integer' },
 *   user_id: { type: 'integer' },
 *   parent_user_id: { type: 'integer' },
 * }, {
 *   primaryKey: { columns: ['org_id', 'user_id'] },
 *   foreignKeys: [{ columns: ['org_id', 'parent_user_id'], references: { table: 'memberships', columns: ['org_id', 'user_id'] }, onDelete: 'cascade' }],
 *   checks: [{ name: 'memberships_no_self_parent', expression: 'parent_user_id <> user_id' }],
 *   comment: 'Who belongs to which organisation',
 * });
 */
export interface CreateTableOptions {
  /** A primary key over one or more columns; replaces column-level `primaryKey: true` flags. */
  readonly primaryKey?: { readonly name?: string; readonly columns: readonly string[] };
  readonly uniques?: readonly { readonly name?: string; readonly columns: readonly string[] }[];
  readonly foreignKeys?: readonly {
    readonly name?: string;
    readonly columns: readonly string[];
    /** The referenced table may be the table being created (a self-reference). */
    readonly references: { readonly table: string; readonly columns: readonly string[] };
    readonly onDelete?: ReferentialAction;
    readonly onUpdate?: ReferentialAction;
  }[];
  readonly checks?: readonly { readonly name: string; readonly expression: string }[];
  readonly comment?: string;
}
