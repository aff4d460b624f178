import { ConfigError } from '../core/errors.js';
import type { DeclaredSchema } from '../schema/declared-schema.js';
import {
  validatePersonalColumn,
  validatePersonalTable,
  type DataMapConfig,
  type PersonalColumnAnnotation,
  type PersonalTable,
} from './personal-data.js';

/** A column the map says something about: personal data, or explicitly none (`personal: false`). */
export interface DataMapColumn {
  readonly name: string;
  readonly personal: PersonalColumnAnnotation;
  /** Where the annotation comes from; env.ts `dataMap` wins over the declared schema. */
  readonly source: 'schema' | 'dataMap';
}

/** A table of the map, with only the columns that carry a `personal` annotation, in declared order. */
export interface DataMapTable {
  readonly name: string;
  readonly personal?: PersonalTable;
  readonly columns: readonly DataMapColumn[];
}

/** The personal-data map: every annotated table, sorted by name. */
export interface DataMap {
  readonly tables: readonly DataMapTable[];
}

/**
 * Builds the personal-data map from the declared schema's `personal` annotations and env.ts
 * `dataMap` (which wins, column by column and for the table annotation). A malformed annotation
 * throws one ConfigError naming table.column.
 *
 * @example
 * const map = buildDataMap(project.config.schema, project.config.dataMap);
 * map.tables.find((t) => t.personal?.subject); // the subject root
 */
export function buildDataMap(schema: DeclaredSchema | undefined, dataMap: DataMapConfig | undefined): DataMap {
  const tables = new Map<string, { personal?: PersonalTable; columns: Map<string, DataMapColumn> }>();
  const entry = (name: string) => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = { columns: new Map() }));
    return t;
  };
  for (const [name, table] of Object.entries(schema?.tables ?? {})) {
    if (table.annotations && 'personal' in table.annotations) entry(name).personal = validatePersonalTable(name, table.annotations.personal);
    for (const [column, spec] of Object.entries(table.columns)) {
      if (!spec.annotations || !('personal' in spec.annotations)) continue;
      entry(name).columns.set(column, { name: column, personal: validatePersonalColumn(name, column, spec.annotations.personal), source: 'schema' });
    }
  }
  for (const [name, table] of Object.entries(dataMapTables(dataMap))) {
    if (typeof table !== 'object' || table === null) throw new ConfigError(`env.ts dataMap.tables.${name} must be { personal?, columns: { … } }`);
    const t = entry(name);
    if (table.personal !== undefined) t.personal = validatePersonalTable(name, table.personal);
    for (const [column, annotation] of Object.entries(table.columns ?? {})) {
      t.columns.set(column, { name: column, personal: validatePersonalColumn(name, column, annotation), source: 'dataMap' });
    }
  }
  return {
    tables: [...tables.entries()]
      .filter(([, t]) => t.personal !== undefined || t.columns.size > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, t]) => ({ name, ...(t.personal ? { personal: t.personal } : {}), columns: [...t.columns.values()] })),
  };
}

/** True when the table's rows are about a subject: a personal column, or a table-level link or strategy. */
export function holdsPersonalData(table: DataMapTable): boolean {
  if (table.columns.some((c) => c.personal !== false)) return true;
  return table.personal !== undefined && table.personal.subject === undefined && (table.personal.via !== undefined || table.personal.strategy !== undefined);
}

/**
 * Every `table.column` (lower-case) the map classifies, `personal: false` included; undefined when
 * the project declares neither a schema nor a data map, so nothing can be said about classification.
 *
 * @example classifiedColumns(config)?.has('users.email')
 */
export function classifiedColumns(schema: DeclaredSchema | undefined, dataMap: DataMapConfig | undefined): ReadonlySet<string> | undefined {
  if (!schema && !dataMap) return undefined;
  const map = buildDataMap(schema, dataMap);
  return new Set(map.tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`.toLowerCase())));
}

function dataMapTables(dataMap: DataMapConfig | undefined): DataMapConfig['tables'] {
  if (dataMap === undefined) return {};
  if (typeof dataMap !== 'object' || dataMap === null || typeof dataMap.tables !== 'object' || dataMap.tables === null) {
    throw new ConfigError('env.ts dataMap must be { tables: { <table>: { personal?, columns: { … } } } }');
  }
  return dataMap.tables;
}
