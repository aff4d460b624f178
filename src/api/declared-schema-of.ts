import { ConfigError } from '../core/errors.js';
import type { Dialect } from '../dialects/dialect.js';
import type { ColumnSpec } from '../operations/column-spec.js';
import type { RenameHints } from '../diff/diff-schemas.js';
import { expectedModel } from '../diff/expected-model.js';
import { resolveDeclaredSchema, type ResolvedTable } from '../schema/resolve-declared-schema.js';
import type { SchemaModel } from '../schema/schema-model.js';
import type { Project } from './project.js';

/** The project's declared schema, resolved for its dialect, with what the differ needs of it. */
export interface DeclaredForDialect {
  readonly tables: readonly ResolvedTable[];
  /** The schema as the database would store it. */
  readonly model: SchemaModel;
  readonly hints: RenameHints;
  /** The declared spec of a column (portable type, literal default), for generated code. */
  specOf(table: string, column: string): ColumnSpec | undefined;
}

/** Reads `schema` from env.ts; `required` turns its absence into a clear error. */
export function declaredSchemaOf(project: Project, dialect: Dialect, required: true): DeclaredForDialect;
export function declaredSchemaOf(project: Project, dialect: Dialect, required: false): DeclaredForDialect | undefined;
export function declaredSchemaOf(project: Project, dialect: Dialect, required: boolean): DeclaredForDialect | undefined {
  const schema = project.config.schema;
  if (!schema) {
    if (!required) return undefined;
    throw new ConfigError(
      'env.ts declares no schema; add `schema: defineSchema({ tables: { … } })` to defineConfig (start from a database with `dihya schema dump --format ts`)',
    );
  }
  const tables = resolveDeclaredSchema(schema, dialect.name);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const tableRenames = new Map<string, string>();
  const columnRenames = new Map<string, Map<string, string>>();
  for (const t of tables) {
    if (t.renamedFrom) tableRenames.set(t.name, t.renamedFrom);
    const cols = new Map(t.columns.filter((c) => c.renamedFrom).map((c) => [c.name, c.renamedFrom!]));
    if (cols.size) columnRenames.set(t.name, cols);
  }
  return {
    tables,
    model: expectedModel(tables, dialect.normalizer),
    hints: { tables: tableRenames, columns: columnRenames },
    specOf: (table, column) => byName.get(table)?.columns.find((c) => c.name === column)?.spec,
  };
}
