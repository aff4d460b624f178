import { resolve } from '../../api/resolve.js';
import { UsageError } from '../../core/errors.js';
import { openProject, type CommonOptions } from '../common-options.js';

/** `resolve REV --rolled-back | --applied`: settles a revision a failure left half-applied. */
export async function resolveCommand(rev: string, o: CommonOptions & { rolledBack?: boolean; applied?: boolean }): Promise<number> {
  if (Boolean(o.rolledBack) === Boolean(o.applied)) {
    throw new UsageError(`dihya resolve ${rev} needs exactly one of --rolled-back (its completed statements were undone) or --applied (it was finished by hand)`);
  }
  const { project, out } = await openProject(o);
  const r = await resolve(project, rev, o.applied ? 'applied' : 'rolled-back');
  const step = r.direction === 'up' ? 'upgrade' : 'downgrade';
  out.result(r, () =>
    `Resolved ${r.revision}: its ${step} is recorded as ${r.resolution === 'applied' ? 'finished by hand' : 'undone'}, so the revision is ${r.applied ? '' : 'not '}applied; ` +
    `the database is at ${r.heads.join(', ') || 'base'} (recorded in the audit trail).`,
  );
  return 0;
}
