/**
 * Default names for constraints and indexes, following PostgreSQL's own conventions, so that a
 * later `dropConstraint`/`dropIndex` and introspection find the same name on every dialect.
 */
export const constraintName = {
  primaryKey: (table: string) => `${bare(table)}_pkey`,
  unique: (table: string, columns: readonly string[]) => `${bare(table)}_${columns.join('_')}_key`,
  foreignKey: (table: string, columns: readonly string[]) => `${bare(table)}_${columns.join('_')}_fkey`,
  index: (table: string, columns: readonly string[]) => `${bare(table)}_${columns.join('_')}_idx`,
};

/** The table name without its schema. */
export function bare(table: string): string {
  const dot = table.lastIndexOf('.');
  return dot === -1 ? table : table.slice(dot + 1);
}

/** An expression index column such as `lower(email)` becomes `lower_email` in a generated name. */
export function indexColumnLabel(column: string): string {
  return column.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
}
