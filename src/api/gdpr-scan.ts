import { UsageError } from '../core/errors.js';
import { buildDataMap } from '../gdpr/data-map.js';
import { scanPersonalData, type ScanReport } from '../gdpr/personal-data-scan.js';
import type { Project } from './project.js';

export type { ScanFinding, ScanReport } from '../gdpr/personal-data-scan.js';

/** Options of `gdprScan`. */
export interface GdprScanOptions {
  /** Rows read per table at most (default 200); 0 checks column names only. */
  sample?: number;
}

/**
 * Reports personal data the map does not declare: columns whose names suggest it (English and
 * French) and columns whose sampled values a personal-data detector recognises. Findings never
 * carry a value.
 *
 * @example
 * const { findings } = await gdprScan(await Project.open(), { sample: 500 });
 * const columns = findings.map((f) => `${f.table}.${f.column}`); // never a value
 */
export async function gdprScan(project: Project, options: GdprScanOptions = {}): Promise<ScanReport> {
  const sample = options.sample ?? 200;
  if (!Number.isInteger(sample) || sample < 0) throw new UsageError(`--sample must be a whole number of rows, 0 or more (got ${String(sample)})`);
  const map = buildDataMap(project.config.schema, project.config.dataMap);
  const dialect = await project.dialect();
  const conn = await project.connect({ readOnly: true });
  if (!conn) return { findings: [], tables: 0, sample };
  try {
    return await scanPersonalData(conn, dialect, await dialect.introspect(conn), map, sample);
  } finally {
    await conn.close();
  }
}
