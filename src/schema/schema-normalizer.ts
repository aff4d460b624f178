import type { ColumnSpec } from '../operations/column-spec.js';

/** How one column of the declared schema is stored by a dialect, as its introspection reports it. */
export interface StoredColumn {
  readonly type: string;
  readonly default: string | null;
  readonly notNull: boolean;
  readonly identity: boolean;
}

/**
 * What the differ needs to know about a dialect to compare a declared schema with an introspected
 * one without false differences: how a declared column is stored, and the canonical form of the
 * texts a database rewrites (type aliases such as `int4`/`integer` or `character varying`/`varchar`,
 * default literals and casts, expressions). Canonical forms are applied to both sides.
 */
export interface SchemaNormalizer {
  /**
   * A declared column as this dialect stores it. `inPrimaryKey`: part of the table's primary key;
   * `soleKey`: its only column.
   */
  storedColumn(spec: ColumnSpec, key: { readonly inPrimaryKey: boolean; readonly soleKey: boolean }): StoredColumn;
  canonicalType(type: string): string;
  canonicalDefault(sql: string | null, type: string): string | null;
  canonicalExpression(sql: string): string;
  canonicalAction(action: string): string;
  /** False where the database keeps no comments (SQLite): comments are then not compared. */
  readonly comments: boolean;
}
