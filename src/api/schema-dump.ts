import { UsageError } from '../core/errors.js';
import type { Dialect } from '../dialects/dialect.js';
import { operationsOf } from '../diff/builder-call.js';
import { dependencyOrder } from '../diff/dependency-order.js';
import { planCalls } from '../diff/plan-calls.js';
import { tsLiteral } from '../diff/typescript-literal.js';
import type { DeclaredTable } from '../schema/declared-schema.js';
import type { SchemaModel, TableModel } from '../schema/schema-model.js';
import { readLiveSchema } from './live-schema.js';
import type { Project } from './project.js';

export type DumpFormat = 'ts' | 'sql' | 'json';

/**
 * The live schema written out, bookkeeping tables left out. The output is deterministic: the same
 * schema always gives the same bytes. `ts` is a declared schema to start from when adopting an
 * existing database; `sql` is the DDL that recreates it; `json` is the schema model.
 *
 * @example const text = await dumpSchema(await Project.open(), 'ts');
 */
export async function dumpSchema(project: Project, format: DumpFormat): Promise<string> {
  if (!['ts', 'sql', 'json'].includes(format)) throw new UsageError(`unknown format '${format}'; use ts, sql or json`);
  const model = sortedModel((await readLiveSchema(project)).model);
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  if (format === 'ts') return schemaSource(model, await project.dialect());
  return sqlScript(model, await project.dialect());
}

const byName = <T extends { readonly name: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** Tables and their keys sorted by name; the stored index text (which names the schema) left out. */
function sortedModel(model: SchemaModel): SchemaModel {
  return {
    tables: byName(model.tables).map((t) => ({
      ...t,
      uniques: byName(t.uniques),
      foreignKeys: byName(t.foreignKeys),
      checks: byName(t.checks),
      indexes: byName(t.indexes).map(({ definition: _definition, ...i }) => i),
    })),
  };
}

/**
 * The type to declare so that it is stored as `type` again: as read, unless it reads as a portable
 * type that this dialect maps to something else (MySQL's `text`, PostgreSQL's `json`); then in upper
 * case, which marks the database's own type.
 */
function declaredType(type: string, dialect: Dialect): string {
  const n = dialect.normalizer;
  const stored = n.storedColumn({ type }, { inPrimaryKey: false, soleKey: false }).type;
  return n.canonicalType(stored) === n.canonicalType(type) ? type : type.toUpperCase();
}

function declaredTable(t: TableModel, dialect: Dialect): DeclaredTable {
  const columns: Record<string, DeclaredTable['columns'][string]> = {};
  for (const c of t.columns) {
    columns[c.name] = {
      type: declaredType(c.type, dialect),
      ...(c.identity ? { identity: true } : {}),
      ...(c.notNull ? { notNull: true } : {}),
      ...(c.default !== null ? { default: { sql: c.default } } : {}),
      ...(c.comment ? { comment: c.comment } : {}),
    };
  }
  const action = (a: string) => (a === 'no action' ? undefined : a);
  return {
    ...(t.comment ? { comment: t.comment } : {}),
    columns,
    ...(t.primaryKey ? { primaryKey: { name: t.primaryKey.name, columns: [...t.primaryKey.columns] } } : {}),
    ...(t.uniques.length ? { uniques: t.uniques.map((u) => ({ name: u.name, columns: [...u.columns] })) } : {}),
    ...(t.foreignKeys.length
      ? {
          foreignKeys: t.foreignKeys.map((f) => ({
            name: f.name,
            columns: [...f.columns],
            references: { table: f.refTable, columns: [...f.refColumns] },
            onDelete: action(f.onDelete),
            onUpdate: action(f.onUpdate),
          })) as DeclaredTable['foreignKeys'],
        }
      : {}),
    ...(t.checks.length ? { checks: t.checks.map((c) => ({ name: c.name, expression: c.expression })) } : {}),
    ...(t.indexes.length
      ? { indexes: t.indexes.map((i) => ({ name: i.name, columns: [...i.columns], ...(i.unique ? { unique: true } : {}), ...(i.where ? { where: i.where } : {}) })) }
      : {}),
  };
}

function schemaSource(model: SchemaModel, dialect: Dialect): string {
  const tables: Record<string, DeclaredTable> = {};
  for (const t of model.tables) tables[t.name] = declaredTable(t, dialect);
  return `import { defineSchema } from 'dihya-migrate';\n\nexport default defineSchema(${tsLiteral({ tables })});\n`;
}

async function sqlScript(model: SchemaModel, dialect: Dialect): Promise<string> {
  const { order } = dependencyOrder(model.tables);
  const calls = planCalls(order.map((table) => ({ kind: 'addTable' as const, table })));
  const ctx = { introspectTable: async () => undefined };
  const out: string[] = [];
  for (const op of operationsOf(calls)) {
    for (const s of await dialect.render(op, ctx)) out.push(`${s.sql.trim()};`);
  }
  return `${out.join('\n\n')}\n`;
}
