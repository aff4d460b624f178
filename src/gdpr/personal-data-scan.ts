import type { Connection, Dialect } from '../dialects/dialect.js';
import { classifyValue } from '../lint/classify-value.js';
import type { SchemaModel } from '../schema/schema-model.js';
import type { DataMap } from './data-map.js';
import { personalNameHint } from './personal-names.js';

/** A column that seems to hold personal data the map does not declare. Never carries a value. */
export interface ScanFinding {
  readonly table: string;
  readonly column: string;
  /** What the column's name suggests (`phone`, `email`, `first name`…), when it does. */
  readonly name?: string;
  /** The detectors that recognised sampled values, with how many of the sampled rows each matched. */
  readonly values?: readonly { readonly detector: string; readonly rows: number }[];
}

/** What the scan read and found. */
export interface ScanReport {
  readonly findings: readonly ScanFinding[];
  /** Tables sampled, and the rows read per table at most. */
  readonly tables: number;
  readonly sample: number;
}

/**
 * Looks for personal data the map does not declare: column names that suggest it, and a bounded
 * sample of each table's values (one `SELECT … LIMIT n` per table) checked by the linter's personal
 * detectors. Columns the map annotates, `personal: false` included, are left out. The sampled
 * values stay in this function: findings name the column and the detector only.
 *
 * @example const report = await scanPersonalData(conn, dialect, await dialect.introspect(conn), map, 200);
 */
export async function scanPersonalData(conn: Connection, dialect: Dialect, live: SchemaModel, map: DataMap, sample: number): Promise<ScanReport> {
  const declared = new Set(map.tables.flatMap((t) => t.columns.map((c) => `${t.name}\u0000${c.name}`)));
  const findings: ScanFinding[] = [];
  const tables = [...live.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const table of tables) {
    const columns = table.columns.map((c) => c.name).filter((c) => !declared.has(`${table.name}\u0000${c}`));
    if (!columns.length) continue;
    const counts = sample > 0 ? await sampleTable(conn, dialect, table.name, columns, sample) : new Map<string, Map<string, number>>();
    for (const column of columns) {
      const name = personalNameHint(column);
      const detected = [...(counts.get(column) ?? new Map<string, number>()).entries()].map(([detector, rows]) => ({ detector, rows }));
      if (name === undefined && detected.length === 0) continue;
      findings.push({ table: table.name, column, ...(name !== undefined ? { name } : {}), ...(detected.length ? { values: detected } : {}) });
    }
  }
  return { findings, tables: tables.length, sample };
}

/** Per column, per detector: how many of the sampled rows matched. */
async function sampleTable(conn: Connection, dialect: Dialect, table: string, columns: readonly string[], limit: number): Promise<Map<string, Map<string, number>>> {
  // `limit` is a checked integer, written as a literal: MySQL refuses a bound LIMIT in some modes.
  const sql = `SELECT ${columns.map((c) => dialect.quoteIdent(c)).join(', ')} FROM ${dialect.quoteIdent(table)} LIMIT ${Math.trunc(limit)}`;
  const rows = await conn.query(sql);
  const counts = new Map<string, Map<string, number>>();
  for (const row of rows) {
    for (const column of columns) {
      const value = row[column];
      if (typeof value !== 'string') continue; // numbers, dates and binaries are no e-mail, IBAN or NIR as stored
      const found = classifyValue(value);
      if (!found) continue;
      const perColumn = counts.get(column) ?? new Map<string, number>();
      perColumn.set(found.detector, (perColumn.get(found.detector) ?? 0) + 1);
      counts.set(column, perColumn);
    }
  }
  return counts;
}
