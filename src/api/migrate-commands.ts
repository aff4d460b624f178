import { TargetError, UsageError } from '../core/errors.js';
import type { Connection } from '../dialects/dialect.js';
import { planDowngrade, planUpgrade, type Plan } from '../revisions/plan.js';
import { migrate, type MigrateResult, type MigrationEvent } from '../runner/migrator.js';
import { offlineSql } from '../runner/offline-sql.js';
import { currentActor } from '../runner/actor.js';
import { ciDetails } from '../runner/ci-identity.js';
import { AuditTrail } from '../runner/audit-trail.js';
import { Bookkeeping } from '../runner/bookkeeping.js';
import { halfAppliedRevisions, refusal } from '../runner/statement-journal.js';
import { planStamp } from '../revisions/plan.js';
import { resolveRevision, resolveRevisions } from '../revisions/resolve-symbol.js';
import { readTarget } from '../revisions/resolve-target.js';
import type { RevisionGraph } from '../revisions/revision-graph.js';
import { openConnection } from './open-database.js';
import type { Project } from './project.js';
import { inLockedTransaction } from './locked-session.js';
import { toolVersion } from './tool-version.js';
import { requireStaged, stagedChecksums } from './staging-gate.js';

export interface RunOptions {
  /** `per-revision` (default) or `all`. */
  transaction?: 'per-revision' | 'all';
  /** Run even though an applied revision's file changed. */
  allowChanged?: boolean;
  onEvent?: (e: MigrationEvent) => void;
  /**
   * An environment (e.g. `staging`) that must already have applied, with the same checksum, every
   * revision this upgrade would apply; otherwise nothing runs and `NOT_STAGED` is thrown.
   */
  requireAppliedIn?: string;
}

/**
 * Upgrades the database to `target` (default `heads`).
 *
 * @example await upgrade(await Project.open(), 'heads');
 */
export async function upgrade(project: Project, target = 'heads', options: RunOptions = {}): Promise<MigrateResult> {
  const graph = await project.graph();
  checkTargetNames(graph, target, 'up');
  const gate = options.requireAppliedIn;
  // Staging is read before production is opened; the plan is checked against it once made from
  // production's heads under the lock, before any revision runs.
  const staged = gate ? await stagedChecksums(project.dir, gate) : undefined;
  return run(project, (heads) => {
    const plan = planUpgrade(graph, heads, target);
    return gate && staged ? requireStaged(plan, (id) => graph.get(id).checksum, staged, gate) : plan;
  }, 'up', options);
}

/**
 * Downgrades the database to `target` (`-1`, a revision, `base`).
 *
 * @example await downgrade(await Project.open(), '-1');
 */
export async function downgrade(project: Project, target: string, options: RunOptions = {}): Promise<MigrateResult> {
  if (!target) throw new UsageError('downgrade needs a target: -1, a revision id or base');
  const graph = await project.graph();
  checkTargetNames(graph, target, 'down');
  return run(project, (heads) => planDowngrade(graph, heads, target), 'down', options);
}

/**
 * Resolves what a target names independently of the database (an id, a prefix, a label), as the
 * planner will, so a typo is reported before the database is opened and given bookkeeping tables.
 * Relative steps depend on the current version and are left to the planner.
 */
function checkTargetNames(graph: RevisionGraph, target: string, direction: 'up' | 'down'): void {
  const expr = readTarget(graph, target);
  if (expr.kind !== 'absolute') return;
  if (direction === 'up') resolveRevisions(graph, expr.symbol, expr.branch);
  else resolveRevision(graph, expr.symbol);
}

async function run(project: Project, makePlan: (heads: readonly string[]) => Plan, direction: 'up' | 'down', options: RunOptions): Promise<MigrateResult> {
  const graph = await project.graph();
  const dialect = await project.dialect();
  const conn = (await project.connect()) as Connection;
  const logger = await project.logger();
  const hooks = project.config.hooks ?? {};
  try {
    await hooks.beforeRun?.({ environment: project.environment, direction });
    const result = await migrate(conn, dialect, graph, makePlan, {
      environment: project.environment,
      transaction: options.transaction ?? project.config.transaction ?? 'per-revision',
      allowChanged: options.allowChanged ?? false,
      session: project.config.session ?? {},
      lockWaitMs: project.lockWaitMs,
      toolVersion: toolVersion(),
      logger,
      onEvent: options.onEvent,
      beforeRevision: hooks.beforeRevision,
      afterRevision: hooks.afterRevision,
    });
    await hooks.afterRun?.({ environment: project.environment, direction, steps: result.steps.length });
    return result;
  } finally {
    logger.flush();
    await conn.close();
  }
}

/**
 * Offline mode: the SQL of a plan, without touching the database. `range` is `TARGET` (from base
 * for upgrades) or `START:TARGET`; a downgrade needs the `START:TARGET` form.
 */
export async function offline(project: Project, direction: 'up' | 'down', range: string): Promise<string> {
  const graph = await project.graph();
  const dialect = await project.dialect();
  const colon = range.lastIndexOf(':');
  const hasStart = colon > 0 && !range.endsWith(':');
  if (direction === 'down' && !hasStart) {
    throw new TargetError('TARGET_INVALID', `offline downgrade needs START:TARGET (e.g. heads:base), got '${range}'`);
  }
  const start = hasStart ? range.slice(0, colon) : 'base';
  const target = hasStart ? range.slice(colon + 1) : range;
  const startHeads = start === 'base' ? [] : planUpgrade(graph, [], start).resultingHeads;
  const plan = direction === 'up' ? planUpgrade(graph, startHeads, target) : planDowngrade(graph, startHeads, target);
  const scratch = dialect.name === 'sqlite' ? await openConnection({ kind: 'sqlite', file: ':memory:', text: 'sqlite::memory:' }, 1000) : null;
  try {
    return await offlineSql(dialect, graph, startHeads, plan, scratch);
  } finally {
    await scratch?.close();
  }
}

/**
 * Sets the version table to `target` without running any migration; recorded in the audit trail.
 * Revisions stamped as applied have no history row (they never ran here); those stamped away lose theirs.
 *
 * @example await stamp(await Project.open(), 'heads');
 */
export async function stamp(project: Project, target: string): Promise<{ from: string[]; heads: string[] }> {
  const graph = await project.graph();
  checkTargetNames(graph, target, 'up');
  return inLockedTransaction(project, async (conn, dialect) => {
    const books = new Bookkeeping(conn, dialect);
    await books.ensure();
    // A half-applied revision (MySQL) must be settled by `resolve` first, as for upgrade and downgrade.
    const [unsettled] = await halfAppliedRevisions(conn, dialect);
    if (unsettled) throw refusal(unsettled);
    const from = await books.heads();
    // A row whose revision file is gone has no place in the graph; stamping is how such a table is
    // repaired (the error every other command gives says so), so the target replaces that row.
    const known = from.filter((id) => graph.has(id));
    const heads = planStamp(graph, known, target);
    await books.setHeads(heads);
    // A revision stamped away is no longer applied: its history row goes, as a downgrade removes it,
    // so `history`, `validate` and the changed-file check only see what the database now holds.
    const still = graph.appliedSet(heads);
    const gone = [...from.filter((id) => !graph.has(id)), ...[...graph.appliedSet(known)].filter((id) => !still.has(id))];
    for (const id of gone) await books.removeApplied(id);
    const { actor, host } = currentActor();
    const server = await conn.identity();
    await new AuditTrail(conn, dialect).append({
      event: 'stamp', revision: heads.join(',') || null, durationMs: null, checksum: null, actor,
      details: { from, to: heads, host, dbUser: server.user, database: server.server, environment: project.environment, tool: toolVersion(), ...ciDetails() },
    });
    return { from, heads };
  });
}
