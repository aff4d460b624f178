import type { ColumnSpec, ReferentialAction } from '../operations/column-spec.js';

/** The dialects a declared type can be specialised for. */
export type DialectName = 'sqlite' | 'postgres' | 'mysql';

/**
 * Free annotations on a table or column. They never reach the database; tools read them (the
 * personal-data map reads `personal`).
 */
export interface Annotations {
  readonly [key: string]: unknown;
}

/** A column of the declared schema: everything `op.addColumn` takes, plus schema-only hints. */
export interface DeclaredColumn extends ColumnSpec {
  /** The type on one dialect when it differs from `type`, e.g. `{ postgres: 'jsonb', mysql: 'json' }`. */
  readonly dialectTypes?: Partial<Record<DialectName, string>>;
  /** The column's previous name: the differ renames it instead of dropping and adding it. */
  readonly renamedFrom?: string;
  readonly annotations?: Annotations;
}

/** An index; `columns` may hold expressions such as `lower(email)`. */
export interface DeclaredIndex {
  readonly name?: string;
  readonly columns: string | readonly string[];
  readonly unique?: boolean;
  /** A partial index's predicate (PostgreSQL, SQLite). */
  readonly where?: string;
}

export interface DeclaredUnique {
  readonly name?: string;
  readonly columns: string | readonly string[];
}

export interface DeclaredForeignKey {
  readonly name?: string;
  readonly columns: string | readonly string[];
  readonly references: { readonly table: string; readonly columns: string | readonly string[] };
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

export interface DeclaredCheck {
  readonly name: string;
  /** A SQL boolean expression over the table's columns. */
  readonly expression: string;
}

/** A table of the declared schema. Column order is key order. */
export interface DeclaredTable {
  readonly columns: Readonly<Record<string, DeclaredColumn>>;
  /** A primary key over several columns (or use `primaryKey: true` on one column). */
  readonly primaryKey?: readonly string[] | { readonly name?: string; readonly columns: readonly string[] };
  readonly uniques?: readonly DeclaredUnique[];
  readonly indexes?: readonly DeclaredIndex[];
  readonly foreignKeys?: readonly DeclaredForeignKey[];
  readonly checks?: readonly DeclaredCheck[];
  readonly comment?: string;
  /** The table's previous name: the differ renames it instead of dropping and creating it. */
  readonly renamedFrom?: string;
  readonly annotations?: Annotations;
}

/** The whole declared schema, named in env.ts as `schema`. */
export interface DeclaredSchema {
  readonly tables: Readonly<Record<string, DeclaredTable>>;
}

/**
 * Declares the schema the database should have. It returns its argument unchanged; it exists for
 * typing and editor completion. Name it in env.ts (`defineConfig({ schema })`) and
 * `dihya revision --autogenerate`, `dihya check` and `dihya drift` compare the database with it.
 *
 * @example
 * export default defineSchema({
 *   tables: {
 *     roles: { columns: { id: { type: 'integer', primaryKey: true, identity: true }, name: { type: 'varchar(50)', notNull: true, unique: true } } },
 *     users: {
 *       comment: 'People who sign in',
 *       columns: {
 *         id: { type: 'bigint', primaryKey: true, identity: true },
 *         email: { type: 'varchar(255)', notNull: true, comment: 'login', annotations: { personal: { category: 'user.contact.email' } } },
 *         role_id: { type: 'integer', references: { table: 'roles', column: 'id', onDelete: 'restrict' } },
 *       },
 *       indexes: [{ columns: ['lower(email)'], unique: true, name: 'users_email_lower_idx' }],
 *       checks: [{ name: 'users_email_check', expression: "email <> ''" }],
 *     },
 *   },
 * });
 */
export function defineSchema<const T extends DeclaredSchema>(schema: T): T {
  return schema;
}
