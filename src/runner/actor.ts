import { hostname, userInfo } from 'node:os';

/** Who runs the migration, for history and audit rows: `DIHYA_ACTOR` or the OS user. */
export function currentActor(): { actor: string; host: string } {
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
