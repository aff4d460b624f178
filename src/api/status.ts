import { UsageError } from '../core/errors.js';
import { readState } from './inspect-commands.js';
import { Project } from './project.js';

/** Where one environment's database stands, and the command that moves it on. */
export interface EnvironmentStatus {
  name: string;
  heads: string[];
  /** Revisions of the graph not applied there, base first. */
  pending: string[];
  /** Applied revisions whose file changed since. */
  changed: string[];
  /** What to run next: `dihya revision -m …`, `dihya validate`, `dihya upgrade` or null when up to date. */
  next: string | null;
}

export interface StatusRevision {
  revision: string;
  message: string;
  /** Per environment: when it was applied (ISO), or null when pending (or stamped, which records no time). */
  applied: Record<string, string | null>;
  /** Per environment: applied / pending / changed (applied, but its file changed since). */
  state: Record<string, 'applied' | 'pending' | 'changed'>;
}

export interface StatusResult {
  environments: EnvironmentStatus[];
  revisions: StatusRevision[];
}

/**
 * Each revision (base first) and where it is applied in each environment, read through the same
 * resolution as `--env` (env.ts, then `DIHYA_<NAME>_URL`). `url` overrides the database of a single environment.
 *
 * @example const { revisions } = await status({ dir: 'migrations', environments: ['staging', 'production'] });
 */
export async function status(options: { dir?: string; environments: string[]; url?: string }): Promise<StatusResult> {
  const names = options.environments.length ? [...new Set(options.environments)] : [process.env.DIHYA_ENV ?? 'development'];
  if (options.url && names.length > 1) throw new UsageError('--url names one database; with several --env, each comes from env.ts or DIHYA_<ENV>_URL');
  const projects = await Promise.all(names.map((env) => Project.open({ dir: options.dir, env, url: names.length === 1 ? options.url : undefined })));
  const graph = await projects[0]!.graph();
  const all = graph.all();
  const revisions: StatusRevision[] = all.map((r) => ({ revision: r.id, message: r.message, applied: {}, state: {} }));
  const environments: EnvironmentStatus[] = [];
  for (const project of projects) {
    const { heads, history } = await readState(project);
    const applied = graph.appliedSet(heads.filter((h) => graph.has(h)));
    const rows = new Map(history.map((h) => [h.revision, h]));
    const env: EnvironmentStatus = { name: project.environment, heads, pending: [], changed: [], next: null };
    for (const entry of revisions) {
      const row = rows.get(entry.revision);
      const isApplied = applied.has(entry.revision);
      const changed = isApplied && row !== undefined && row.checksum !== graph.get(entry.revision).checksum;
      entry.applied[env.name] = isApplied ? (row?.appliedAt ?? null) : null;
      entry.state[env.name] = changed ? 'changed' : isApplied ? 'applied' : 'pending';
      if (changed) env.changed.push(entry.revision);
      if (!isApplied) env.pending.push(entry.revision);
    }
    env.next = all.length === 0 ? 'dihya revision -m "..."' : env.changed.length ? 'dihya validate' : env.pending.length ? 'dihya upgrade' : null;
    environments.push(env);
  }
  return { environments, revisions };
}
