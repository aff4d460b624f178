import { open, readFile, unlink } from 'node:fs/promises';
import { LockTimeoutError } from '../../core/errors.js';

export interface FileLock {
  release(): Promise<void>;
}

/**
 * An exclusive lock file holding the owner's pid. A lock whose owner no longer runs (killed with
 * SIGKILL) is stale and is taken over, so a crash never blocks the next run.
 */
export async function acquireFileLock(path: string, timeoutMs: number, what: string): Promise<FileLock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => unlink(path).catch(() => undefined) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (await isStale(path)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(what);
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
  }
}

async function isStale(path: string): Promise<boolean> {
  const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) {
    // Being written right now by its owner: give it a moment rather than stealing it.
    return false;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
