/**
 * What a revision does to the schema, as the rules see it. `op` calls and raw SQL (parsed by
 * PostgreSQL's own parser, or by the tolerant MySQL/SQLite reader) both become these changes, so
 * a rule is written once for both.
 */

/** A column as created or added. `type` is lower-case, as written (`varchar(50)`, `int4`, `serial`). */
export interface ColumnFacts {
  readonly name: string;
  readonly type: string;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  /** GENERATED … AS IDENTITY, AUTO_INCREMENT, or an `identity: true` column spec. */
  readonly identity: boolean;
  readonly unique: boolean;
  /** The default's text; absent when the column has none (a NULL default counts as none). */
  readonly default?: string;
  /** Function names the default calls, lower-case, for volatility checks. */
  readonly defaultCalls?: readonly string[];
  /** The default is raw SQL rather than a constant. */
  readonly defaultIsExpression?: boolean;
  /** The referenced table of an inline foreign key. */
  readonly references?: string;
  /** A generated column whose values are stored. */
  readonly storedGenerated?: boolean;
}

/** The kinds of constraint a change can add. */
export type ConstraintKind = 'foreignKey' | 'check' | 'unique' | 'primaryKey' | 'exclude' | 'notNull';

/** One schema or data change. */
export type Change =
  | { readonly kind: 'createTable'; readonly table: string; readonly columns: readonly ColumnFacts[]; readonly primaryKey: readonly string[] }
  | { readonly kind: 'dropTable'; readonly table: string }
  | { readonly kind: 'renameTable'; readonly table: string; readonly to: string }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: ColumnFacts }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: string }
  | { readonly kind: 'renameColumn'; readonly table: string; readonly column: string; readonly to: string }
  /** `restated`: MySQL's MODIFY/CHANGE, which writes the whole column again. */
  | { readonly kind: 'alterColumnType'; readonly table: string; readonly column: string; readonly type: string; readonly restated?: boolean }
  | { readonly kind: 'setNotNull'; readonly table: string; readonly column: string }
  | { readonly kind: 'dropNotNull'; readonly table: string; readonly column: string }
  | { readonly kind: 'setDefault'; readonly table: string; readonly column: string }
  | {
      readonly kind: 'createIndex';
      readonly table: string;
      readonly name: string;
      readonly unique: boolean;
      readonly concurrently: boolean;
      /** The indexed columns or expressions, when the reader knows them. */
      readonly columns?: readonly string[];
    }
  | { readonly kind: 'dropIndex'; readonly table?: string; readonly name: string; readonly concurrently: boolean }
  | {
      readonly kind: 'addConstraint';
      readonly table: string;
      readonly name: string;
      readonly constraint: ConstraintKind;
      readonly notValid: boolean;
      /** UNIQUE / PRIMARY KEY … USING INDEX: the index already exists. */
      readonly usingIndex: boolean;
      readonly columns: readonly string[];
      /** For a CHECK of the form `col IS NOT NULL`: that column. */
      readonly notNullColumn?: string;
      readonly refTable?: string;
    }
  | { readonly kind: 'validateConstraint'; readonly table: string; readonly name: string }
  | { readonly kind: 'dropConstraint'; readonly table: string; readonly name: string; readonly primaryKey?: boolean }
  /** MySQL's table-wide rebuilds: CONVERT TO CHARACTER SET, ENGINE=, FORCE. */
  | { readonly kind: 'rebuildTable'; readonly table: string; readonly reason: string }
  | { readonly kind: 'setting'; readonly name: string; readonly value: string }
  | { readonly kind: 'data'; readonly verb: string; readonly table?: string }
  /** Anything else the statement does (comments, views, functions…): nothing the rules look at. */
  | { readonly kind: 'other'; readonly what: string };

/** A change with where it comes from and what the linter knows about the schema at that point. */
export interface LocatedChange {
  readonly change: Change;
  /** 1-based position of the `op` call or of the SQL statement. */
  readonly line: number;
  readonly column: number;
  /** `op` call (`op.addColumn(…)`) or raw SQL (a `.sql` revision or `op.execute`). */
  readonly origin: 'op' | 'sql';
  /** MySQL's ALGORITHM clause on the statement, lower-case. */
  readonly algorithm?: string;
  /** Filled by the schema tracker. */
  readonly known: SchemaKnowledge;
}

/** What the schema tracker knows when a change runs. */
export interface SchemaKnowledge {
  /** The table the change touches was created earlier in the same revision (so it holds no rows yet). */
  readonly newTable: boolean;
  /** The table of a dropped index, when the linter saw the index created. */
  readonly indexTable?: string;
  /** The column as it was before the change, when the linter saw it created. */
  readonly before?: ColumnFacts;
  /** A validated `CHECK (col IS NOT NULL)` already covers the column (PostgreSQL skips its scan). */
  readonly notNullCheck?: boolean;
  /** The constraint being validated was added in the same revision. */
  readonly addedInRevision?: boolean;
  /** The table has CHECK constraints, indexes or keys on the dropped column (SQLite rebuilds). */
  readonly columnInvolved?: boolean;
}
