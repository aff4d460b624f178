import { execFile } from 'node:child_process';
import { basename } from 'node:path';

/** Who first committed a revision file, and when (ISO 8601). */
export interface GitOrigin {
  readonly author: string;
  readonly date: string;
}

const COMMIT_MARK = '\u0001';

/**
 * The first commit of every file in `versionsDir`, keyed by file name. One `git log` for the whole
 * folder keeps this fast for a thousand revisions (one call per file with `--follow` would not).
 * Renames are not followed: a renamed file dates from its rename. Without git, or outside a
 * repository, the map is empty: git dates are optional in the register.
 *
 * @example
 * (await gitOrigins('migrations/versions')).get('20260105_0900_a1c3e5f7b9d1_users.ts')?.author
 */
export async function gitOrigins(versionsDir: string): Promise<Map<string, GitOrigin>> {
  const args = ['-c', 'core.quotepath=off', 'log', '--reverse', '--relative', '--name-only', `--format=${COMMIT_MARK}%an%x09%aI`, '--', '.'];
  const out = await new Promise<string | null>((resolveOut) => {
    execFile('git', args, { cwd: versionsDir, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => resolveOut(error ? null : stdout));
  });
  return out === null ? new Map() : parseGitLog(out);
}

/** Parses `git log --reverse --name-only` output; the first commit naming a file wins. */
export function parseGitLog(out: string): Map<string, GitOrigin> {
  const origins = new Map<string, GitOrigin>();
  let current: GitOrigin | null = null;
  for (const line of out.split('\n')) {
    if (line.startsWith(COMMIT_MARK)) {
      const [author = '', date = ''] = line.slice(1).split('\t');
      current = { author, date };
    } else if (line.trim() !== '' && current) {
      const name = basename(line.trim());
      if (!origins.has(name)) origins.set(name, current);
    }
  }
  return origins;
}
