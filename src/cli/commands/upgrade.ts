import { downgrade, offline, upgrade } from '../../api/migrate-commands.js';
import { UsageError } from '../../core/errors.js';
import type { MigrationEvent } from '../../runner/migrator.js';
import { openProject, type CommonOptions } from '../common-options.js';
import { painter } from '../colors.js';
import type { Output } from '../output.js';
import { ProgressBar } from '../progress-bar.js';

export interface MigrateCliOptions extends CommonOptions {
  sql?: boolean;
  transaction?: string;
  allowChanged?: boolean;
  requireAppliedIn?: string;
}

/**
 * Progress of a run: on a terminal a bar with count and rate (the step lines too with --verbose);
 * elsewhere one line per finished step on stderr. Nothing with --json or --quiet.
 */
function progress(out: Output, graphMessage: (id: string) => string, direction: 'up' | 'down') {
  const paint = painter(process.stderr);
  const useBar = ProgressBar.wanted(out.json, out.quiet);
  let bar: ProgressBar | undefined;
  let done = 0;
  return {
    onEvent(e: MigrationEvent) {
      if (e.type === 'plan' && useBar && e.steps.length > 1) bar = new ProgressBar(direction === 'up' ? 'upgrading' : 'downgrading', e.steps.length);
      if (e.type === 'step-start' && out.verbose) out.note(paint('dim', `  ${e.step.direction === 'up' ? 'applying' : 'reverting'} ${e.step.revision}  ${graphMessage(e.step.revision)}`));
      if (e.type === 'step-done') {
        done++;
        if (bar && !out.verbose) bar.update(done, e.step.revision);
        else {
          const arrow = e.step.direction === 'up' ? paint('green', 'upgraded') : paint('yellow', 'downgraded');
          out.note(`  ${arrow} ${e.step.revision}  ${graphMessage(e.step.revision)}  (${e.durationMs} ms)`);
        }
      } else if (e.type === 'step-skipped') {
        out.note(`  skipped ${e.step.revision}: ${e.reason}`);
      }
    },
    finish: () => bar?.finish(),
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
  const shown = progress(out, (id) => graph.get(id).message, direction);
  const opts = {
    transaction: o.transaction as 'all' | 'per-revision' | undefined,
    allowChanged: o.allowChanged,
    requireAppliedIn: o.requireAppliedIn,
    onEvent: shown.onEvent,
  };
  let result;
  try {
    result = direction === 'up' ? await upgrade(project, target ?? 'heads', opts) : await downgrade(project, target!, opts);
  } finally {
    shown.finish();
  }
  out.result(
    { direction: direction === 'up' ? 'upgrade' : 'downgrade', steps: result.steps, heads: result.heads },
    () =>
      result.steps.length === 0
        ? `Nothing to do: the database is at ${result.heads.join(', ') || 'base'}.`
        : `${direction === 'up' ? 'Upgraded' : 'Downgraded'} ${result.steps.length} revision${result.steps.length > 1 ? 's' : ''}; the database is at ${result.heads.join(', ') || 'base'}.`,
  );
  return 0;
}
