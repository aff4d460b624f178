import { existsSync, rmSync, writeFileSync } from 'node:fs';
import type { Connection, MigrationLock } from '../dialect.js';
import { SqliteConnection } from './sqlite-driver.js';

/**
 * SQLite needs no session lock: `BEGIN IMMEDIATE` serialises writers and the runner re-reads the
 * version table under it before each step. What a run changes is how the file is written between
 * its transactions, on this connection only, and always put back:
 *
 * - While the lock is held, the rollback journal is kept (`persist`) instead of being created and
 *   unlinked at each commit; each commit ends with a synced zeroing of its header, at least as
 *   durable as `delete` mode, whose unlink is not synced.
 * - A migration run with steps to do (`holdForRun`) holds the database for the rest of the run:
 *   exclusive locking, the write-ahead log, `synchronous = FULL`. Each revision is still its own
 *   transaction, synced to the log before its COMMIT returns, but it costs one sync instead of four.
 *   Readers and other runners wait until the run ends (their busy timeout), as they would for one
 *   long transaction; with the lock held from the switch on, no other session sees the file in WAL
 *   mode. At the end the log is written back into the file and removed, and the file is back in
 *   its rollback-journal mode.
 * - A file beside the database (`<db>-dihya-wal`) exists while the run holds it. A run that was
 *   killed leaves the database in WAL mode (every committed revision in it, which SQLite reads as
 *   any WAL database) and that file: the next run puts the mode back.
 *
 * A database in WAL mode of its own, or in memory, is left alone.
 *
 * @example
 * const lock = await holdSqliteRun(conn);
 * try { if (await lock.holdForRun?.()) runStepsWithoutRereading(); } finally { await lock.release(); }
 */
export async function holdSqliteRun(conn: Connection): Promise<MigrationLock> {
  const marker = conn instanceof SqliteConnection && conn.path ? `${conn.path}-dihya-wal` : undefined;
  let mode = await journalMode(conn);
  if (mode === 'wal' && marker && existsSync(marker)) mode = await restoreRollbackJournal(conn, marker);
  if (mode !== 'delete') return { release: async () => {} };
  await conn.query('PRAGMA journal_mode = PERSIST');
  let held = false;
  return {
    async holdForRun() {
      if (!marker || conn.inTransaction) return false;
      writeFileSync(marker, 'delete\n');
      try {
        await conn.query('PRAGMA locking_mode = EXCLUSIVE');
        await conn.query('PRAGMA journal_mode = WAL');
      } catch (e) {
        // Another writer is inside a transaction: waiting for it while holding a read lock it waits
        // for would leave both stuck, so this run takes the lock per revision, as without the hold.
        await unlock(conn);
        rmSync(marker, { force: true });
        if ((e as { code?: string }).code === 'SQLITE_BUSY') return false;
        throw e;
      }
      held = true;
      // Entering WAL mode would otherwise lower it to NORMAL, which does not sync each commit.
      await conn.query('PRAGMA synchronous = FULL');
      return true;
    },
    release: async () => {
      // A transaction a failure left open would keep the mode from changing; it is rolled back first.
      if (conn.inTransaction) await conn.rollback().catch(() => undefined);
      if (held) await restoreRollbackJournal(conn, marker!);
      // From `persist`: removes the journal file.
      else await conn.query('PRAGMA journal_mode = DELETE').catch(() => undefined);
    },
  };
}

/**
 * Writes the log back into the file and returns it to `delete` mode, then lets the file lock go.
 * The marker goes only once the mode is back; if it cannot be (another connection has the file
 * open in WAL mode), the database stays in WAL mode and the next run tries again.
 */
async function restoreRollbackJournal(conn: Connection, marker: string): Promise<string> {
  const mode = await conn
    .query<{ journal_mode: string }>('PRAGMA journal_mode = DELETE')
    .then(([row]) => String(row?.journal_mode).toLowerCase(), () => 'wal');
  await unlock(conn);
  if (mode === 'delete') rmSync(marker, { force: true });
  return mode;
}

/** Back to normal locking; the file lock goes at the next access. */
async function unlock(conn: Connection): Promise<void> {
  await conn.query('PRAGMA locking_mode = NORMAL').catch(() => undefined);
  await conn.query('SELECT 1 FROM sqlite_master LIMIT 1').catch(() => undefined);
}

async function journalMode(conn: Connection): Promise<string> {
  const [row] = await conn.query<{ journal_mode: string }>('PRAGMA journal_mode');
  return String(row?.journal_mode ?? '').toLowerCase();
}
