import { ciDetails } from '../runner/ci-identity.js';
import { DihyaError } from '../core/errors.js';
import { currentActor } from '../runner/actor.js';
import { AuditTrail } from '../runner/audit-trail.js';
import { Bookkeeping } from '../runner/bookkeeping.js';
import { halfAppliedRevisions, settleStatements } from '../runner/statement-journal.js';
import { inLockedTransaction } from './locked-session.js';
import type { Project } from './project.js';
import { toolVersion } from './tool-version.js';

/** How a half-applied revision was settled by hand. */
export type Resolution = 'rolled-back' | 'applied';

export interface ResolveResult {
  readonly revision: string;
  readonly resolution: Resolution;
  /** The step that had stopped midway. */
  readonly direction: 'up' | 'down';
  /** Whether the revision now counts as applied. */
  readonly applied: boolean;
  readonly from: string[];
  readonly heads: string[];
}

/**
 * Settles a revision that a failure left half-applied on a database whose DDL commits on its own
 * (MySQL, MariaDB). `rolled-back`: its completed statements were undone, the step never happened.
 * `applied`: the step was finished by hand, it counts as done. The version table and history follow,
 * and the resolution is recorded in the audit trail; upgrades and downgrades then run again.
 *
 * @example await resolve(await Project.open(), '3f2a9c1e7b4d', 'rolled-back');
 */
export async function resolve(project: Project, target: string, resolution: Resolution): Promise<ResolveResult> {
  const graph = await project.graph();
  const id = graph.resolveId(target);
  return inLockedTransaction(project, async (conn, dialect) => {
    const books = new Bookkeeping(conn, dialect);
    const pending = (await books.exists()) ? await halfAppliedRevisions(conn, dialect) : [];
    const state = pending.find((s) => s.revision === id);
    if (!state) {
      const why = dialect.transactionalDdl
        ? `${dialect.name} rolls a failed revision back, so none is ever half-applied`
        : pending.length > 0 ? `the half-applied revision is ${pending.map((s) => s.revision).join(', ')}` : 'no revision is half-applied';
      throw new DihyaError('STATE_INVALID', `revision ${id} is not half-applied, so there is nothing to resolve: ${why}`);
    }
    const from = await books.heads();
    const applied = graph.appliedSet(from);
    const nowApplied = (resolution === 'applied') === (state.direction === 'up');
    if (nowApplied) applied.add(id);
    else applied.delete(id);
    const heads = graph.versionHeads(applied);
    const { actor, host } = currentActor();
    const server = await conn.identity();
    const audit = new AuditTrail(conn, dialect);
    const event = audit.prepare(
      {
        event: 'resolve', revision: id, durationMs: null, checksum: graph.get(id).checksum, actor,
        details: {
          resolution, direction: state.direction, from, to: heads, failed: state.failed,
          completed: state.done.map((s) => ({ statement: s.statement, checksum: s.checksum })),
          host, dbUser: server.user, database: server.server, environment: project.environment, tool: toolVersion(), ...ciDetails(),
        },
      },
      await audit.last(),
    );
    await dialect.runBatch(conn, [...books.setHeadsStatements(heads), ...settleStatements(dialect, state, resolution === 'applied'), event.statement]);
    return { revision: id, resolution, direction: state.direction, applied: nowApplied, from, heads };
  });
}
