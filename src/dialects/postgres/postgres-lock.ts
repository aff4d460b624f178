import { LockTimeoutError } from '../../core/errors.js';
import type { Connection, MigrationLock } from '../dialect.js';

/**
 * A session-level advisory lock: it serialises runners on one database and dies with the session,
 * so a runner killed with SIGKILL leaves nothing behind. The key is fixed: advisory locks are
 * already scoped to the current database.
 */
const LOCK_KEY = '7264796120000001';

export async function takeAdvisoryLock(conn: Connection, timeoutMs: number): Promise<MigrationLock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await conn.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`);
    if (row?.ok) break;
    if (Date.now() > deadline) throw new LockTimeoutError('the database');
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
  }
  return {
    release: async () => {
      await conn.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => undefined);
    },
  };
}
