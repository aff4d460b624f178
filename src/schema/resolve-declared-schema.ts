import { ConfigError } from '../core/errors.js';
import type { ColumnSpec } from '../operations/column-spec.js';
import { constraintName, indexColumnLabel } from '../operations/constraint-names.js';
import type { Annotations, DeclaredSchema, DeclaredTable, DialectName } from './declared-schema.js';
import type { CheckModel, ForeignKeyModel, IndexModel, UniqueModel } from './schema-model.js';

/** A declared column with its type chosen for one dialect; keys and references moved to the table. */
export interface ResolvedColumn {
  readonly name: string;
  readonly spec: ColumnSpec;
  readonly renamedFrom?: string;
  readonly annotations?: Annotations;
}

/** A declared table with every constraint named, as the differ and the code writer use it. */
export interface ResolvedTable {
  readonly name: string;
  readonly renamedFrom?: string;
  readonly comment: string | null;
  readonly annotations?: Annotations;
  readonly columns: readonly ResolvedColumn[];
  readonly primaryKey: { readonly name: string; readonly columns: readonly string[] } | null;
  readonly uniques: readonly UniqueModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
  readonly checks: readonly CheckModel[];
  readonly indexes: readonly IndexModel[];
}

const list = (v: string | readonly string[]): string[] => (typeof v === 'string' ? [v] : [...v]);

/**
 * Turns the declared schema into resolved tables for one dialect: default constraint names (the
 * same conventions `op` uses, so hand-written and generated revisions agree), column-level keys
 * lifted to the table, and every name checked against the schema, with one clear line on a mistake.
 */
export function resolveDeclaredSchema(schema: DeclaredSchema, dialect: DialectName): ResolvedTable[] {
  if (!schema || typeof schema !== 'object' || !schema.tables || typeof schema.tables !== 'object') {
    throw new ConfigError("env.ts: `schema` must be defineSchema({ tables: { … } })");
  }
  const tables = Object.entries(schema.tables).map(([name, t]) => resolveTable(name, t, dialect));
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const target = byName.get(fk.refTable);
      if (!target) throw new ConfigError(`schema: ${t.name}.${fk.name} references table '${fk.refTable}', which the schema does not declare`);
      for (const c of fk.refColumns) requireColumn(target, c, `${t.name}.${fk.name}`);
    }
  }
  return tables;
}

function resolveTable(name: string, t: DeclaredTable, dialect: DialectName): ResolvedTable {
  const where = `schema: table '${name}'`;
  if (!t || typeof t !== 'object' || !t.columns || Object.keys(t.columns).length === 0) {
    throw new ConfigError(`${where} needs at least one column in \`columns\``);
  }
  const columns: ResolvedColumn[] = [];
  const uniques: UniqueModel[] = [];
  const foreignKeys: ForeignKeyModel[] = [];
  const pkColumns: string[] = [];
  for (const [col, declared] of Object.entries(t.columns)) {
    if (!declared || typeof declared.type !== 'string' || declared.type.trim() === '') {
      throw new ConfigError(`${where}: column '${col}' needs a type, e.g. { type: 'text' }`);
    }
    const { dialectTypes, renamedFrom, annotations, primaryKey, unique, references, ...rest } = declared;
    const spec: ColumnSpec = { ...rest, type: dialectTypes?.[dialect] ?? declared.type };
    columns.push({ name: col, spec, renamedFrom, annotations });
    if (primaryKey) pkColumns.push(col);
    if (unique) uniques.push({ name: constraintName.unique(name, [col]), columns: [col] });
    if (references) {
      foreignKeys.push({
        name: references.name ?? constraintName.foreignKey(name, [col]),
        columns: [col],
        refTable: references.table,
        refColumns: [references.column],
        onDelete: references.onDelete ?? 'no action',
        onUpdate: references.onUpdate ?? 'no action',
      });
    }
  }
  const resolved: ResolvedTable = {
    name,
    renamedFrom: t.renamedFrom,
    comment: t.comment ?? null,
    annotations: t.annotations,
    columns,
    primaryKey: primaryKeyOf(name, t, pkColumns, where),
    uniques: [...uniques, ...(t.uniques ?? []).map((u) => ({ name: u.name ?? constraintName.unique(name, list(u.columns)), columns: list(u.columns) }))],
    foreignKeys: [
      ...foreignKeys,
      ...(t.foreignKeys ?? []).map((f) => ({
        name: f.name ?? constraintName.foreignKey(name, list(f.columns)),
        columns: list(f.columns),
        refTable: f.references.table,
        refColumns: list(f.references.columns),
        onDelete: f.onDelete ?? 'no action',
        onUpdate: f.onUpdate ?? 'no action',
      })),
    ],
    checks: (t.checks ?? []).map((c) => {
      if (!c.name || !c.expression) throw new ConfigError(`${where}: every check needs a name and an expression`);
      return { name: c.name, expression: c.expression };
    }),
    indexes: (t.indexes ?? []).map((i) => {
      const cols = list(i.columns);
      return { name: i.name ?? constraintName.index(name, cols.map(indexColumnLabel)), columns: cols, unique: i.unique ?? false, where: i.where ?? null };
    }),
  };
  for (const u of resolved.uniques) for (const c of u.columns) requireColumn(resolved, c, `unique ${u.name}`);
  for (const f of resolved.foreignKeys) for (const c of f.columns) requireColumn(resolved, c, `foreign key ${f.name}`);
  return resolved;
}

function primaryKeyOf(table: string, t: DeclaredTable, flagged: string[], where: string): ResolvedTable['primaryKey'] {
  if (t.primaryKey && flagged.length > 0) throw new ConfigError(`${where}: declare the primary key either on the columns or in \`primaryKey\`, not both`);
  if (t.primaryKey) {
    const pk = Array.isArray(t.primaryKey) ? { columns: t.primaryKey as readonly string[] } : (t.primaryKey as { name?: string; columns: readonly string[] });
    for (const c of pk.columns) if (!(c in t.columns)) throw new ConfigError(`${where}: primary key column '${c}' is not a column of the table`);
    return { name: pk.name ?? constraintName.primaryKey(table), columns: [...pk.columns] };
  }
  return flagged.length ? { name: constraintName.primaryKey(table), columns: flagged } : null;
}

function requireColumn(t: ResolvedTable, column: string, what: string): void {
  if (!t.columns.some((c) => c.name === column)) throw new ConfigError(`schema: ${what} names column '${column}', which table '${t.name}' does not declare`);
}
