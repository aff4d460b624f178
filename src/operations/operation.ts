import type { AnonymizeStrategy } from './anonymize-options.js';
import type { ColumnChange, ColumnSpec, DefaultValue, ReferentialAction } from './column-spec.js';

/**
 * Operations are plain frozen data with a `kind`. One list feeds live execution, offline SQL,
 * lint and documentation; each dialect renders them, so no SQL string is built here.
 */
export type Operation =
  | {
      readonly kind: 'createTable';
      readonly table: string;
      readonly columns: Readonly<Record<string, ColumnSpec>>;
      /** Set by the third argument of `op.createTable`; otherwise the columns' `primaryKey` flags apply. */
      readonly primaryKey?: NamedKey;
      readonly uniques?: readonly NamedKey[];
      readonly foreignKeys?: readonly TableForeignKey[];
      readonly checks?: readonly { readonly name: string; readonly expression: string }[];
      readonly comment?: string;
    }
  | { readonly kind: 'dropTable'; readonly table: string }
  | { readonly kind: 'renameTable'; readonly from: string; readonly to: string }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: string; readonly spec: ColumnSpec }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: string }
  | { readonly kind: 'renameColumn'; readonly table: string; readonly from: string; readonly to: string }
  | { readonly kind: 'alterColumn'; readonly table: string; readonly column: string; readonly change: ColumnChange }
  | {
      readonly kind: 'createIndex';
      readonly table: string;
      readonly columns: readonly string[];
      readonly name: string;
      readonly unique: boolean;
      readonly where?: string;
      readonly concurrently: boolean;
    }
  | { readonly kind: 'dropIndex'; readonly name: string; readonly table?: string }
  | {
      readonly kind: 'addForeignKey';
      readonly table: string;
      readonly columns: readonly string[];
      readonly refTable: string;
      readonly refColumns: readonly string[];
      readonly name: string;
      readonly onDelete?: ReferentialAction;
      readonly onUpdate?: ReferentialAction;
    }
  | { readonly kind: 'addUniqueConstraint'; readonly table: string; readonly columns: readonly string[]; readonly name: string }
  | { readonly kind: 'addCheckConstraint'; readonly table: string; readonly name: string; readonly expression: string }
  | { readonly kind: 'dropConstraint'; readonly table: string; readonly name: string }
  /** `comment: null` removes the comment. SQLite keeps no comments and renders nothing. */
  | { readonly kind: 'setTableComment'; readonly table: string; readonly comment: string | null }
  | { readonly kind: 'setColumnComment'; readonly table: string; readonly column: string; readonly comment: string | null }
  | { readonly kind: 'execute'; readonly sql: string; readonly params?: readonly unknown[] }
  | { readonly kind: 'bulkInsert'; readonly table: string; readonly rows: readonly Readonly<Record<string, unknown>>[] }
  /** Replaces existing values of personal data, `batchSize` rows at a time in primary-key order. Irreversible. */
  | {
      readonly kind: 'anonymizeColumn';
      readonly table: string;
      readonly column: string;
      readonly strategy: AnonymizeStrategy;
      readonly where?: string;
      readonly batchSize: number;
    };

/** A primary or unique key of `createTable`, its name resolved. */
export interface NamedKey {
  readonly name: string;
  readonly columns: readonly string[];
}

/** A table-level foreign key of `createTable`, its name resolved (shaped as `addForeignKey` records one). */
export interface TableForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

export type OperationKind = Operation['kind'];
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>;
export type { AnonymizeStrategy, ColumnChange, ColumnSpec, DefaultValue, ReferentialAction };
