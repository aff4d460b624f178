import { UsageError } from '../core/errors.js';
import type { Connection, Dialect } from '../dialects/dialect.js';
import { Bookkeeping } from '../runner/bookkeeping.js';
import type { DataMap } from './data-map.js';
import { erasePlan, type ErasePlan } from './erase-plan.js';
import { subjectPaths } from './subject-paths.js';

/**
 * What every personal-data request reads first, inside its transaction: the plan over the live
 * schema, and the revisions the database is at (for the receipt). A database with no bookkeeping
 * has no audit trail to record the request in, so it is refused.
 *
 * @example const { plan, heads } = await requestContext(conn, dialect, map);
 */
export async function requestContext(conn: Connection, dialect: Dialect, map: DataMap): Promise<{ plan: ErasePlan; heads: string[] }> {
  const books = new Bookkeeping(conn, dialect);
  if (!(await books.exists())) throw new UsageError('the database has no dihya bookkeeping (so no audit trail for the request); run `dihya upgrade head` first');
  const live = await dialect.introspect(conn);
  return { plan: erasePlan(map, subjectPaths(map, live), live), heads: await books.heads() };
}
