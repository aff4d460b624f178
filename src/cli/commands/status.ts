import { status, type EnvironmentStatus, type StatusResult } from '../../api/status.js';
import { createOutput } from '../output.js';
import type { CommonOptions } from '../common-options.js';

/** `status [--env NAME]...`: revisions side by side per environment, and what to run next. */
export async function statusCommand(o: Omit<CommonOptions, 'env'> & { env?: string[] }): Promise<number> {
  const out = createOutput(Boolean(o.json), Boolean(o.quiet));
  const result = await status({ dir: o.dir, environments: o.env ?? [], url: o.url });
  out.result(result, () => {
    const rows = result.revisions.length ? table(result) : [];
    return result.environments.length === 1 ? [...rows, ...(rows.length ? [''] : []), ...summary(result.environments[0]!)] : rows;
  });
  return 0;
}

function table(result: StatusResult): string[] {
  const cell = (r: StatusResult['revisions'][number], env: string) => {
    const state = r.state[env];
    if (state === 'pending') return 'pending';
    if (state === 'changed') return 'changed checksum';
    return `✓ ${r.applied[env]?.slice(0, 16).replace('T', ' ') ?? 'stamped'}`;
  };
  const names = result.environments.map((e) => e.name);
  const rows = [['revision', ...names, 'message'], ...result.revisions.map((r) => [r.revision, ...names.map((n) => cell(r, n)), r.message])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

function summary(env: EnvironmentStatus): string[] {
  const at = `The ${env.name} database is at ${env.heads.join(', ') || 'base'}.`;
  if (env.next === 'dihya revision -m "..."') return ['No revisions yet: run dihya revision -m "create users" to write the first one.'];
  const lines = [at];
  if (env.changed.length) {
    lines.push(`${env.changed.length} applied revision file${env.changed.length > 1 ? 's' : ''} changed since applied (${env.changed.join(', ')}): run dihya validate${flag(env)} and restore them.`);
  }
  if (env.pending.length) lines.push(`${env.pending.length} revision${env.pending.length > 1 ? 's' : ''} pending: run dihya upgrade${flag(env)}.`);
  if (!env.changed.length && !env.pending.length) lines.push('Up to date: nothing to run.');
  return lines;
}

const flag = (env: EnvironmentStatus) => (env.name === 'development' ? '' : ` --env ${env.name}`);
