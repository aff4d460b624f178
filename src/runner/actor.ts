import { hostname, userInfo } from 'node:os';

let cached: { actor: string; host: string } | undefined;

/** Who runs the migration, for history and audit rows: `DIHYA_ACTOR` or the OS user. */
export function currentActor(): { actor: string; host: string } {
  // Read once: the OS user lookup reads /etc/passwd, which a thousand-revision run would do a thousand times.
  cached ??= readActor();
  return cached;
}

function readActor(): { actor: string; host: string } {
  let user = process.env.DIHYA_ACTOR ?? '';
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = process.env.USER ?? 'unknown';
    }
  }
  return { actor: user, host: hostname() };
}
