import { downgrade, offline, upgrade } from '../../api/migrate-commands.js';
import { UsageError } from '../../core/errors.js';
import type { MigrationEvent } from '../../runner/migrator.js';
import { openProject, type CommonOptions } from '../common-options.js';
import type { Output } from '../output.js';

export interface MigrateCliOptions extends CommonOptions {
  sql?: boolean;
  transaction?: string;
  allowChanged?: boolean;
  requireAppliedIn?: string;
}

function progress(out: Output, graphMessage: (id: string) => string) {
  return (e: MigrationEvent) => {
    if (e.type === 'step-done') {
      const arrow = e.step.direction === 'up' ? 'upgraded' : 'downgraded';
      out.note(`  ${arrow} ${e.step.revision}  ${graphMessage(e.step.revision)}  (${e.durationMs} ms)`);
    } else if (e.type === 'step-skipped') {
      out.note(`  skipped ${e.step.revision}: ${e.reason}`);
    }
  };
}

/** `upgrade [TARGET]` and `downgrade TARGET`. */
export async function migrateCommand(direction: 'up' | 'down', target: string | undefined, o: MigrateCliOptions): Promise<number> {
  if (o.transaction && o.transaction !== 'all' && o.transaction !== 'per-revision') {
    throw new UsageError(`--transaction must be 'all' or 'per-revision', not '${o.transaction}'`);
  }
  if (direction === 'down' && !target) throw new UsageError('downgrade needs a target: -1, a revision id or base');
  if (o.requireAppliedIn && (direction === 'down' || o.sql)) throw new UsageError('--require-applied-in applies to a live upgrade only');
  const { project, out } = await openProject(o);
  if (o.sql) {
    const sql = await offline(project, direction, target ?? 'heads');
    if (out.json) out.result({ sql }, () => sql);
    else process.stdout.write(`${sql}\n`);
    return 0;
  }
  const graph = await project.graph();
  const opts = {
    transaction: o.transaction as 'all' | 'per-revision' | undefined,
    allowChanged: o.allowChanged,
    requireAppliedIn: o.requireAppliedIn,
    onEvent: progress(out, (id) => graph.get(id).message),
  };
  const result = direction === 'up' ? await upgrade(project, target ?? 'heads', opts) : await downgrade(project, target!, opts);
  out.result(
    { direction: direction === 'up' ? 'upgrade' : 'downgrade', steps: result.steps, heads: result.heads },
    () =>
      result.steps.length === 0
        ? `Nothing to do: the database is at ${result.heads.join(', ') || 'base'}.`
        : `${direction === 'up' ? 'Upgraded' : 'Downgraded'} ${result.steps.length} revision${result.steps.length > 1 ? 's' : ''}; the database is at ${result.heads.join(', ') || 'base'}.`,
  );
  return 0;
}
