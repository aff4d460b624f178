import { sha256 } from '../../core/hashing.js';
import { LockTimeoutError } from '../../core/errors.js';
import type { Connection, MigrationLock } from '../dialect.js';

/** MySQL refuses user lock names longer than this. */
const MAX_NAME = 64;

/**
 * A user-level lock (`GET_LOCK`) named after the database: user locks are server-wide, so the name
 * keeps runners on other databases of the same server out of each other's way. The server releases
 * it when the session ends, so a runner killed with SIGKILL leaves nothing behind.
 */
export async function takeNamedLock(conn: Connection, timeoutMs: number): Promise<MigrationLock> {
  const [row] = await conn.query<{ db: string | null }>('SELECT DATABASE() AS db');
  const full = `dihya-migrate:${row?.db ?? ''}`;
  const name = full.length <= MAX_NAME ? full : `dihya-migrate:${sha256(full).slice(0, MAX_NAME - 14)}`;
  const seconds = Math.max(0, Math.ceil(timeoutMs / 1000));
  const [got] = await conn.query<{ ok: number | string | null }>('SELECT GET_LOCK(?, ?) AS ok', [name, seconds]);
  if (Number(got?.ok) !== 1) throw new LockTimeoutError(`database ${row?.db ?? ''}`);
  return {
    release: async () => {
      await conn.query('SELECT RELEASE_LOCK(?) AS released', [name]).catch(() => undefined);
    },
  };
}
