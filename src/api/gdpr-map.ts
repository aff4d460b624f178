import { buildDataMap } from '../gdpr/data-map.js';
import { inventory, type GdprMapResult } from '../gdpr/inventory.js';
import { readLiveSchema } from './live-schema.js';
import type { Project } from './project.js';

export type { GdprMapResult, InventoryColumn, InventoryTable } from '../gdpr/inventory.js';

/**
 * The personal-data inventory: every personal column with its category, basis, retention and erasure
 * strategy, and each table's path to the subject through the database's real foreign keys (or the
 * declared `via` links), checked against the live schema.
 *
 * @example
 * const map = await gdprMap(await Project.open({ env: 'production' }));
 * const problems = map.ok ? [] : map.problems; // one line each
 */
export async function gdprMap(project: Project): Promise<GdprMapResult> {
  const map = buildDataMap(project.config.schema, project.config.dataMap);
  const { model } = await readLiveSchema(project);
  return inventory(map, model);
}

