import { abbreviate, ChecksumMismatchError, DihyaError, RevisionHalfAppliedError, RevisionPartlyCommittedError, StatementFailedError, UsageError } from '../core/errors.js';
import type { StepLogger } from '../core/logger.js';
import type { Connection, Dialect, MigrationLock, SessionSettings, Statement } from '../dialects/dialect.js';
import type { Operation } from '../operations/operation.js';
import type { Plan, Step } from '../revisions/plan.js';
import type { Revision } from '../revisions/revision.js';
import type { RevisionGraph } from '../revisions/revision-graph.js';
import { currentActor } from './actor.js';
import { ciDetails } from './ci-identity.js';
import { AuditTrail, type AuditTip } from './audit-trail.js';
import { Bookkeeping } from './bookkeeping.js';
import { collectOperations, executeOperations } from './execute-operations.js';
import { requireIrreversibleNotice, stepKey } from './irreversible-notice.js';
import { runOutsideTransaction, type LockRetry } from './outside-transaction.js';
import { halfAppliedRevisions, isDataOnly, refusal, StatementJournal } from './statement-journal.js';

/** Progress reported while a plan runs. */
export type MigrationEvent =
  | { readonly type: 'plan'; readonly steps: readonly Step[] }
  | { readonly type: 'step-start'; readonly step: Step; readonly index: number; readonly total: number }
  | { readonly type: 'step-done'; readonly step: Step; readonly index: number; readonly total: number; readonly durationMs: number }
  | { readonly type: 'step-skipped'; readonly step: Step; readonly reason: string }
  | { readonly type: 'lock-retry'; readonly step: Step; readonly statement: string; readonly retry: LockRetry };

export interface MigrateOptions {
  readonly environment: string;
  readonly transaction: 'per-revision' | 'all';
  readonly allowChanged: boolean;
  readonly session: SessionSettings;
  readonly lockWaitMs: number;
  readonly toolVersion: string;
  readonly logger: StepLogger;
  readonly onEvent?: (e: MigrationEvent) => void;
  readonly beforeRevision?: (step: { revision: string; direction: 'up' | 'down'; message: string; environment: string }) => unknown;
  readonly afterRevision?: (step: { revision: string; direction: 'up' | 'down'; message: string; environment: string; durationMs: number }) => unknown;
  /** Wraps each statement a revision runs (`dihya test --trace` reads the locks it takes). */
  readonly aroundStatement?: (step: Step, statement: Statement, run: () => Promise<void>) => Promise<void>;
}

export interface MigrateResult {
  readonly steps: ReadonlyArray<Step & { durationMs: number }>;
  readonly heads: readonly string[];
}

/**
 * Runs a plan under the migration lock. The plan is made from the heads read once the lock is
 * held; each step then re-reads the version table inside its own transaction and is skipped if a
 * concurrent runner already did it, so every revision is applied exactly once. Where DDL is not
 * transactional, a revision left half-applied by an earlier run blocks every run until resolved.
 */
export async function migrate(
  conn: Connection,
  dialect: Dialect,
  graph: RevisionGraph<Revision>,
  makePlan: (heads: readonly string[]) => Plan,
  opts: MigrateOptions,
): Promise<MigrateResult> {
  if (opts.transaction === 'all' && !dialect.transactionalDdl) {
    throw new UsageError(`--transaction all needs DDL that rolls back; ${dialect.name} commits each DDL statement, so run one revision at a time (the default)`);
  }
  const lock = await dialect.lock(conn, opts.lockWaitMs);
  try {
    const books = new Bookkeeping(conn, dialect);
    await inTransaction(conn, dialect, () => books.ensure());
    const [unsettled] = await halfAppliedRevisions(conn, dialect);
    if (unsettled) throw refusal(unsettled);
    const heads = await books.heads();
    if (!opts.allowChanged) await refuseChanged(books, graph);
    const plan = makePlan(heads);
    const collected = await requireIrreversibleNotice(graph, plan);
    opts.onEvent?.({ type: 'plan', steps: plan.steps });
    const done: Array<Step & { durationMs: number }> = [];
    const all = opts.transaction === 'all';
    if (all) await conn.begin();
    try {
      const state: RunState = { known: false, heads, tip: { id: 0, hash: '' }, collected, held: await holdForRun(lock, plan, opts) };
      for (const [index, step] of plan.steps.entries()) {
        const ms = await runStep(conn, dialect, graph, step, opts, !all, state, { index, total: plan.steps.length });
        if (ms !== null) done.push({ ...step, durationMs: ms });
      }
      if (all) {
        await dialect.beforeCommit(conn);
        await conn.commit();
      }
    } catch (e) {
      if (all) await conn.rollback().catch(() => undefined);
      throw e;
    }
    return { steps: done, heads: await books.heads() };
  } finally {
    await lock.release();
  }
}

/**
 * Asks the lock to hold the database for the rest of a run that has steps to do, one transaction
 * each. Not with hooks, which may open connections of their own that the hold would block, nor
 * under `--transaction all`, which holds it anyway.
 */
async function holdForRun(lock: MigrationLock, plan: Plan, opts: MigrateOptions): Promise<boolean> {
  if (plan.steps.length === 0 || opts.transaction === 'all' || opts.beforeRevision || opts.afterRevision) return false;
  return (await lock.holdForRun?.()) ?? false;
}

async function inTransaction<T>(conn: Connection, dialect: Dialect, fn: () => Promise<T>): Promise<T> {
  await conn.begin();
  try {
    const result = await fn();
    await dialect.beforeCommit(conn);
    await conn.commit();
    return result;
  } catch (e) {
    await conn.rollback().catch(() => undefined);
    throw e;
  }
}

async function refuseChanged(books: Bookkeeping, graph: RevisionGraph<Revision>): Promise<void> {
  const changed = (await books.history()).filter((h) => graph.has(h.revision) && graph.get(h.revision).checksum !== h.checksum);
  if (changed.length > 0) throw new ChecksumMismatchError(changed.map((h) => h.revision));
}

/**
 * What the runner knows between steps. Under an exclusive lock it stays valid for the whole run and
 * saves two reads per step; otherwise (`known: false`) each step re-reads it inside its transaction.
 */
interface RunState {
  known: boolean;
  heads: readonly string[];
  applied?: Set<string>;
  tip: AuditTip;
  token?: string;
  server?: { user: string; server: string };
  /** Each step's operations, recorded once before the run (the notice check); `up` is not called twice. */
  collected: ReadonlyMap<string, readonly Operation[]>;
  /** True when the lock holds the database for the whole run: no other session writes until it ends. */
  readonly held: boolean;
}

async function refreshState(conn: Connection, dialect: Dialect, graph: RevisionGraph<Revision>, state: RunState): Promise<Set<string>> {
  if (state.held && state.known && state.applied) return state.applied;
  const token = await dialect.externalChangeToken?.(conn);
  const stillValid = state.known && state.applied && (dialect.exclusiveLock || (token !== undefined && token === state.token));
  if (!stillValid) {
    state.heads = await new Bookkeeping(conn, dialect).heads();
    state.tip = await new AuditTrail(conn, dialect).last();
    state.applied = graph.appliedSet(state.heads);
    state.known = true;
  }
  state.token = token;
  // The set is updated in place by the step; a failed step marks the state unknown, so it is re-read.
  return state.applied!;
}

/** Runs one step; returns its duration, or null when a concurrent runner had already done it. */
async function runStep(
  conn: Connection,
  dialect: Dialect,
  graph: RevisionGraph<Revision>,
  step: Step,
  opts: MigrateOptions,
  ownTransaction: boolean,
  state: RunState,
  position: { index: number; total: number },
): Promise<number | null> {
  const revision = graph.get(step.revision);
  const books = new Bookkeeping(conn, dialect);
  const { actor, host } = currentActor();
  const info = { revision: revision.id, direction: step.direction, message: revision.message, environment: opts.environment };
  const started = performance.now();
  if (ownTransaction) await conn.begin();
  let journal: StatementJournal | undefined;
  let rollsBack = dialect.transactionalDdl;
  const split = { committed: 0 };
  try {
    const session = dialect.sessionStatements(opts.session);
    if (session.length) await conn.exec(session.join(';\n'));
    const applied = await refreshState(conn, dialect, graph, state);
    const before = state.heads;
    if (applied.has(revision.id) !== (step.direction === 'down')) {
      if (ownTransaction) await conn.rollback();
      opts.onEvent?.({ type: 'step-skipped', step, reason: 'already done by another run' });
      return null;
    }
    opts.onEvent?.({ type: 'step-start', step, ...position });
    await opts.beforeRevision?.(info);
    const operations = state.collected.get(stepKey(step)) ?? await operationsOf(revision, step);
    if (!dialect.transactionalDdl) {
      // Data changes alone still roll back; DDL commits by itself, so each statement is journaled.
      rollsBack = isDataOnly(operations);
      if (!rollsBack) {
        await conn.commit();
        journal = new StatementJournal(conn, dialect, revision, step.direction, {
          appliedAt: new Date().toISOString(), appliedBy: actor, host, toolVersion: opts.toolVersion,
        });
        await journal.start();
      }
    }
    await executeOperations(conn, dialect, revision.id, operations, outsideTransaction(conn, dialect, step, opts, ownTransaction, split), {
      afterStatement: journal && ((index, sql) => journal!.record(index, sql)),
      aroundStatement: opts.aroundStatement && ((statement, run) => opts.aroundStatement!(step, statement, run)),
    });
    if (journal) await conn.begin();
    if (step.direction === 'up') applied.add(revision.id);
    else applied.delete(revision.id);
    const after = graph.versionHeadsAfter(before, revision.id, step.direction, applied);
    const durationMs = Math.round(performance.now() - started);
    state.server ??= await conn.identity();
    const audit = new AuditTrail(conn, dialect).prepare(
      {
        event: step.direction === 'up' ? 'upgrade' : 'downgrade', revision: revision.id, durationMs, checksum: revision.checksum, actor,
        details: { from: before, to: after, host, dbUser: state.server.user, database: state.server.server, environment: opts.environment, tool: opts.toolVersion, ...ciDetails() },
      },
      state.tip,
    );
    const history = step.direction === 'up'
      ? books.recordAppliedStatements({
          revision: revision.id, message: revision.message, checksum: revision.checksum, appliedAt: new Date().toISOString(),
          durationMs, appliedBy: actor, host, toolVersion: opts.toolVersion,
        })
      : books.removeAppliedStatements(revision.id);
    // The check reads the revision's own tables; the bookkeeping rows have no foreign keys.
    await dialect.beforeCommit(conn, operations);
    const records = [...books.setHeadsStatements(after), ...history, audit.statement];
    const script = ownTransaction ? dialect.batchScript?.(records) : undefined;
    if (script) await conn.commit(script);
    else {
      await dialect.runBatch(conn, records);
      if (ownTransaction) await conn.commit();
    }
    // The step is recorded whole: a later failure (an afterRevision hook) leaves nothing half-applied.
    journal = undefined;
    state.heads = after;
    state.applied = applied;
    state.tip = { id: audit.event.id, hash: audit.event.hash };
    opts.logger.info(
      { event: audit.event.event, revision: revision.id, durationMs, checksum: revision.checksum, actor, environment: opts.environment, auditHash: audit.event.hash },
      `${step.direction === 'up' ? 'applied' : 'reverted'} ${revision.id} ${revision.message}`,
    );
    await opts.afterRevision?.({ ...info, durationMs });
    opts.onEvent?.({ type: 'step-done', step, ...position, durationMs });
    return durationMs;
  } catch (e) {
    if (ownTransaction || journal) await conn.rollback().catch(() => undefined);
    state.known = false;
    const error = journal
      ? await journal.settleFailure(e)
      : e instanceof StatementFailedError
        ? split.committed > 0
          ? new RevisionPartlyCommittedError(e.revision, e.statementIndex, e.statement, e.databaseError, split.committed)
          : new StatementFailedError(e.revision, e.statementIndex, e.statement, e.databaseError, rollsBack)
        : e;
    await recordFailure(conn, dialect, revision, step, error, opts).catch(() => undefined);
    throw error;
  }
}

async function operationsOf(revision: Revision, step: Step): Promise<readonly Operation[]> {
  const body = await revision.load();
  const fn = step.direction === 'up' ? body.up : body.down;
  if (!fn) throw new DihyaError('MIGRATION_FAILED', `revision ${revision.id} has no down(); it cannot be downgraded — write one or use \`dihya stamp\``);
  return collectOperations(fn);
}

/**
 * How a revision runs a statement that refuses transactions (CREATE INDEX CONCURRENTLY): the
 * revision's transaction is committed, the statement runs on its own with lock_timeout and bounded
 * retries, and a new transaction with the session settings resumes the revision. `split.committed`
 * counts the statements that can no longer roll back, so a later failure says what stayed. Under
 * `--transaction all` it refuses before anything commits: that mode promises one transaction.
 */
function outsideTransaction(conn: Connection, dialect: Dialect, step: Step, opts: MigrateOptions, ownTransaction: boolean, split: { committed: number }) {
  return async (run: () => Promise<void>, statement: Statement, index: number): Promise<void> => {
    const wasInTransaction = conn.inTransaction;
    if (wasInTransaction && !ownTransaction) {
      throw new Error('it cannot run inside a transaction, and --transaction all runs every revision in one; use --transaction per-revision');
    }
    if (wasInTransaction) {
      await conn.commit();
      if (dialect.transactionalDdl) split.committed = index;
    }
    await runOutsideTransaction(conn, dialect, statement, opts.session, run, (retry) => {
      opts.onEvent?.({ type: 'lock-retry', step, statement: abbreviate(statement.sql, 80), retry });
      opts.logger.info({ event: 'lock-retry', revision: step.revision, statement: index + 1, attempt: retry.attempt, delayMs: retry.delayMs }, retry.error);
    });
    if (dialect.transactionalDdl) split.committed = index + 1;
    if (wasInTransaction) {
      await conn.begin();
      const session = dialect.sessionStatements(opts.session);
      if (session.length) await conn.exec(session.join(';\n'));
    }
  };
}

async function recordFailure(conn: Connection, dialect: Dialect, revision: Revision, step: Step, error: unknown, opts: MigrateOptions): Promise<void> {
  const { actor, host } = currentActor();
  const detail = error instanceof StatementFailedError
    ? { statement: error.statementIndex + 1, error: error.databaseError }
    : error instanceof RevisionHalfAppliedError
      ? { statement: error.failed?.statement, error: error.failed?.error, halfApplied: true, completed: error.completed.map((c) => ({ statement: c.statement, checksum: c.checksum })) }
      : { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  if (conn.inTransaction) await conn.rollback().catch(() => undefined);
  await inTransaction(conn, dialect, () =>
    new AuditTrail(conn, dialect).append({
      event: 'failure', revision: revision.id, durationMs: null, checksum: revision.checksum, actor,
      details: { direction: step.direction, host, environment: opts.environment, ...detail, ...ciDetails() },
    }),
  );
  opts.logger.error({ event: 'failure', revision: revision.id, direction: step.direction, actor, environment: opts.environment, ...detail }, `failed ${revision.id}`);
}
