import { NotStagedError } from '../core/errors.js';
import type { Plan } from '../revisions/plan.js';
import { Bookkeeping } from '../runner/bookkeeping.js';
import { Project } from './project.js';

/** Revision id → checksum, as an environment's `dihya_history` records them. */
export type StagedChecksums = ReadonlyMap<string, string>;

/**
 * What an environment (usually `staging`) has applied, read through the same resolution as
 * `--env NAME` (env.ts, then `DIHYA_<NAME>_URL`). A database without bookkeeping has applied nothing.
 *
 * @example const staged = await stagedChecksums('migrations', 'staging');
 */
export async function stagedChecksums(dir: string, environment: string): Promise<StagedChecksums> {
  const project = await Project.open({ dir, env: environment });
  const conn = await project.connect({ readOnly: true });
  if (!conn) return new Map();
  try {
    const books = new Bookkeeping(conn, await project.dialect());
    if (!(await books.exists())) return new Map();
    return new Map((await books.history()).map((h) => [h.revision, h.checksum]));
  } finally {
    await conn.close();
  }
}

/**
 * Throws `NOT_STAGED` when an upgrade step of `plan` was not applied in `environment` with the
 * checksum the file has now: production then only receives what staging already ran, byte for byte.
 */
export function requireStaged(plan: Plan, checksumOf: (id: string) => string, staged: StagedChecksums, environment: string): Plan {
  const notApplied: string[] = [];
  const changed: string[] = [];
  for (const step of plan.steps) {
    if (step.direction !== 'up') continue;
    const there = staged.get(step.revision);
    if (there === undefined) notApplied.push(step.revision);
    else if (there !== checksumOf(step.revision)) changed.push(step.revision);
  }
  if (notApplied.length || changed.length) throw new NotStagedError(environment, notApplied, changed);
  return plan;
}
