import { TargetError, UsageError } from '../core/errors.js';
import type { Connection } from '../dialects/dialect.js';
import { planDowngrade, planUpgrade, type Plan } from '../revisions/plan.js';
import { migrate, type MigrateResult, type MigrationEvent } from '../runner/migrator.js';
import { offlineSql } from '../runner/offline-sql.js';
import { currentActor } from '../runner/actor.js';
import { AuditTrail } from '../runner/audit-trail.js';
import { Bookkeeping } from '../runner/bookkeeping.js';
import { planStamp } from '../revisions/plan.js';
import { openConnection } from './open-database.js';
import type { Project } from './project.js';
import { toolVersion } from './tool-version.js';

export interface RunOptions {
  /** `per-revision` (default) or `all`. */
  transaction?: 'per-revision' | 'all';
  /** Run even though an applied revision's file changed. */
  allowChanged?: boolean;
  onEvent?: (e: MigrationEvent) => void;
}

/**
 * Upgrades the database to `target` (default `heads`).
 *
 * @example await upgrade(await Project.open(), 'heads');
 */
export async function upgrade(project: Project, target = 'heads', options: RunOptions = {}): Promise<MigrateResult> {
  const graph = await project.graph();
  return run(project, (heads) => planUpgrade(graph, heads, target), 'up', options);
}

/**
 * Downgrades the database to `target` (`-1`, a revision, `base`).
 *
 * @example await downgrade(await Project.open(), '-1');
 */
export async function downgrade(project: Project, target: string, options: RunOptions = {}): Promise<MigrateResult> {
  if (!target) throw new UsageError('downgrade needs a target: -1, a revision id or base');
  const graph = await project.graph();
  return run(project, (heads) => planDowngrade(graph, heads, target), 'down', options);
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
 *
 * @example await stamp(await Project.open(), 'heads');
 */
export async function stamp(project: Project, target: string): Promise<{ from: string[]; heads: string[] }> {
  const graph = await project.graph();
  const dialect = await project.dialect();
  const conn = (await project.connect()) as Connection;
  const lock = await dialect.lock(conn, project.lockWaitMs);
  try {
    const books = new Bookkeeping(conn, dialect);
    await conn.begin();
    try {
      await books.ensure();
      const from = await books.heads();
      const heads = planStamp(graph, from, target);
      await books.setHeads(heads);
      const { actor, host } = currentActor();
      const server = await conn.identity();
      await new AuditTrail(conn, dialect).append({
        event: 'stamp', revision: heads.join(',') || null, durationMs: null, checksum: null, actor,
        details: { from, to: heads, host, dbUser: server.user, database: server.server, environment: project.environment, tool: toolVersion() },
      });
      await conn.commit();
      return { from, heads };
    } catch (e) {
      await conn.rollback().catch(() => undefined);
      throw e;
    }
  } finally {
    await lock.release();
    await conn.close();
  }
}
