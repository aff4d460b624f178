/** A literal default (quoted safely by the dialect) or raw SQL (`{ sql: 'CURRENT_TIMESTAMP' }`). */
export type DefaultValue = string | number | boolean | null | { readonly sql: string };

/** ON DELETE / ON UPDATE actions. */
export type ReferentialAction = 'cascade' | 'restrict' | 'set null' | 'set default' | 'no action';

/** A column-level foreign key. */
export interface ColumnReference {
  readonly table: string;
  readonly column: string;
  readonly name?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

/**
 * A column as `op.createTable` and `op.addColumn` take it. `type` is a portable type
 * (`integer`, `bigint`, `smallint`, `text`, `varchar(n)`, `boolean`, `date`, `timestamp`, `timestamptz`,
 * `numeric(p,s)`, `real`, `double`, `json`, `uuid`, `binary`), written in lower case, or any other type
 * string, passed verbatim. Upper case marks the database's own type: `TEXT` stays MySQL's TEXT, `JSON`
 * stays PostgreSQL's json.
 */
export interface ColumnSpec {
  readonly type: string;
  readonly primaryKey?: boolean;
  readonly identity?: boolean;
  readonly notNull?: boolean;
  readonly unique?: boolean;
  readonly default?: DefaultValue;
  readonly references?: ColumnReference;
  /**
   * A comment stored with the column (PostgreSQL `COMMENT ON COLUMN`, MySQL `COMMENT '…'`).
   * SQLite keeps no comments: there it is ignored.
   */
  readonly comment?: string;
}

/** What `op.alterColumn` may change. */
export interface ColumnChange {
  readonly type?: string;
  readonly notNull?: boolean;
  /** `null` drops the default. */
  readonly default?: DefaultValue;
}
