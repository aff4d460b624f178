import type { Connection, MigrationLock } from '../dialect.js';

/**
 * SQLite needs no session lock: `BEGIN IMMEDIATE` serialises writers and the runner re-reads the
 * version table under it before each step. What the run changes is how the rollback journal is
 * kept between its transactions. In the default `delete` mode every commit creates the journal
 * file and unlinks it again, two changes to the folder per revision; `persist` keeps the file
 * and ends each commit by zeroing its header and syncing it. That is at least as durable (the
 * commit is a synced write rather than an unlink that is not synced), leaves the locking as it
 * is, so readers and other runners interleave as before, and is a setting of this connection
 * only. When the run ends the `delete` mode comes back, which removes the journal file. A
 * database in any other mode (WAL, in memory) is left alone.
 *
 * @example
 * const lock = await holdSqliteRun(conn);
 * try { await runSteps(); } finally { await lock.release(); }
 */
export async function holdSqliteRun(conn: Connection): Promise<MigrationLock> {
  const mode = await journalMode(conn);
  if (mode !== 'delete') return { release: async () => {} };
  await conn.query('PRAGMA journal_mode = PERSIST');
  return {
    release: async () => {
      // A transaction a failure left open would keep the mode from changing; it is rolled back first.
      if (conn.inTransaction) await conn.rollback().catch(() => undefined);
      await conn.query('PRAGMA journal_mode = DELETE').catch(() => undefined);
    },
  };
}

async function journalMode(conn: Connection): Promise<string> {
  const [row] = await conn.query<{ journal_mode: string }>('PRAGMA journal_mode');
  return String(row?.journal_mode ?? '').toLowerCase();
}
