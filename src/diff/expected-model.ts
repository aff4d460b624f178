import type { ResolvedTable } from '../schema/resolve-declared-schema.js';
import type { SchemaModel, TableModel } from '../schema/schema-model.js';
import type { SchemaNormalizer } from '../schema/schema-normalizer.js';

/**
 * The declared schema as the dialect would store it: the model introspection should return once
 * the schema is applied. Comments are left out where the database keeps none.
 */
export function expectedModel(tables: readonly ResolvedTable[], normalizer: SchemaNormalizer): SchemaModel {
  return { tables: tables.map((t) => expectedTable(t, normalizer)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

function expectedTable(t: ResolvedTable, n: SchemaNormalizer): TableModel {
  const pk = t.primaryKey?.columns ?? [];
  return {
    name: t.name,
    comment: n.comments ? t.comment : null,
    columns: t.columns.map((c) => ({
      name: c.name,
      ...n.storedColumn(c.spec, { inPrimaryKey: pk.includes(c.name), soleKey: pk.length === 1 && pk[0] === c.name }),
      comment: n.comments ? (c.spec.comment ?? null) : null,
    })),
    primaryKey: t.primaryKey,
    uniques: t.uniques,
    foreignKeys: t.foreignKeys,
    checks: t.checks,
    indexes: t.indexes,
  };
}
