import type { Connection, Dialect } from '../dialects/dialect.js';
import type { Project } from './project.js';

/**
 * Opens the project's database, takes the migration lock and runs `fn` in one transaction; the
 * transaction rolls back if `fn` throws, and the lock and connection are always released. Commands
 * that change bookkeeping outside a migration run (`stamp`, `resolve`) go through it, so they never
 * interleave with a concurrent upgrade.
 */
export async function inLockedTransaction<T>(
  project: Project,
  fn: (conn: Connection, dialect: Dialect) => Promise<T>,
): Promise<T> {
  const dialect = await project.dialect();
  const conn = (await project.connect()) as Connection;
  try {
    const lock = await dialect.lock(conn, project.lockWaitMs);
    try {
      await conn.begin();
      try {
        const result = await fn(conn, dialect);
        await conn.commit();
        return result;
      } catch (e) {
        await conn.rollback().catch(() => undefined);
        throw e;
      }
    } finally {
      await lock.release();
    }
  } finally {
    await conn.close();
  }
}
