/**
 * The schema model: what introspection reads from a live database and what the differ, the
 * conformance suite and SQLite's table rebuild work on. Names are compared as stored.
 */
export interface ColumnModel {
  readonly name: string;
  /** The type as the dialect spells it, normalised to lower case. */
  readonly type: string;
  readonly notNull: boolean;
  /** The default as SQL text, or null when there is none. */
  readonly default: string | null;
  readonly identity: boolean;
  /** The comment stored with the column, or null when there is none (always null on SQLite). */
  readonly comment: string | null;
}

export interface IndexModel {
  readonly name: string;
  /** Plain column names, or expressions as the database prints them back (`lower(email::text)` on PostgreSQL). */
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** The WHERE of a partial index as the database prints it back, or null. */
  readonly where: string | null;
  /** The full definition as the database stores it (used to recreate the index verbatim). */
  readonly definition?: string;
}

export interface ForeignKeyModel {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
}

export interface UniqueModel {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface CheckModel {
  readonly name: string;
  readonly expression: string;
}

export interface TableModel {
  readonly name: string;
  readonly columns: readonly ColumnModel[];
  readonly primaryKey: { readonly name: string; readonly columns: readonly string[] } | null;
  readonly uniques: readonly UniqueModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  readonly checks: readonly CheckModel[];
  readonly indexes: readonly IndexModel[];
  /** The comment stored with the table, or null when there is none (always null on SQLite). */
  readonly comment: string | null;
}

export interface SchemaModel {
  readonly tables: readonly TableModel[];
}
