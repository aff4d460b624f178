import { compareSchemas, type SchemaDifference } from '../diff/compare-schemas.js';
import type { StepLogger } from '../core/logger.js';
import type { Connection, Dialect, SessionSettings } from '../dialects/dialect.js';
import type { Revision } from '../revisions/revision.js';
import type { RevisionGraph } from '../revisions/revision-graph.js';
import { migrate } from '../runner/migrator.js';
import type { SchemaModel } from '../schema/schema-model.js';
import type { RevisionTestDb } from './define-revision-test.js';
import type { LoadedRevisionTest } from './load-revision-tests.js';
import { StatementTracer, type StatementTrace } from './statement-trace.js';

/** What the walk found for one revision. */
export interface RevisionTestResult {
  readonly revision: string;
  readonly message: string;
  up: 'ok' | 'failed';
  /** `not-reversible`: the revision has no down(); `not-run`: its upgrade failed first. */
  down: 'ok' | 'failed' | 'not-reversible' | 'not-run';
  /** How the schema after the downgrade differs from the schema before the upgrade. */
  differences: SchemaDifference[];
  dataTest: 'passed' | 'failed' | 'none';
  /** Each failing phase of the data test and its message. */
  dataTestFailures: Array<{ phase: 'before' | 'afterUpgrade' | 'afterDowngrade'; message: string }>;
  /** With tracing: each statement of the upgrade and the downgrade, its locks and rewrites. */
  trace: StatementTrace[];
  /** The error that stopped the walk at this revision. */
  error?: string;
}

/** How the walk runs each step: the runner's own settings for a per-revision run. */
export interface WalkOptions {
  readonly session: SessionSettings;
  readonly lockWaitMs: number;
  readonly toolVersion: string;
  readonly logger: StepLogger;
  readonly trace: boolean;
  readonly onRevision?: (result: RevisionTestResult) => void;
}

interface Walk {
  readonly conn: Connection;
  readonly dialect: Dialect;
  readonly graph: RevisionGraph<Revision>;
  readonly options: WalkOptions;
  readonly tracer: StatementTracer | null;
  readonly db: RevisionTestDb;
}

/**
 * Walks every revision, base first, on an empty database: upgrade, downgrade, compare the schema
 * with the one before the upgrade, upgrade again. The revisions before each one are applied when it
 * runs, so its data test sees the tables its parents made. The walk stops at the first revision
 * whose upgrade or downgrade fails (what follows would run on an unknown schema).
 */
export async function walkRevisions(
  conn: Connection,
  dialect: Dialect,
  graph: RevisionGraph<Revision>,
  tests: ReadonlyMap<string, LoadedRevisionTest>,
  options: WalkOptions,
): Promise<RevisionTestResult[]> {
  const db: RevisionTestDb = { dialect: dialect.name, query: (sql, params) => conn.query(sql, params), exec: (sql) => conn.exec(sql) };
  const walk: Walk = { conn, dialect, graph, options, db, tracer: options.trace ? new StatementTracer(conn, dialect) : null };
  const results: RevisionTestResult[] = [];
  for (const revision of graph.all()) {
    const result = await testOne(walk, revision, tests.get(revision.id));
    results.push(result);
    options.onRevision?.(result);
    if (result.error) break;
  }
  return results;
}

async function testOne(walk: Walk, revision: Revision, test: LoadedRevisionTest | undefined): Promise<RevisionTestResult> {
  const result: RevisionTestResult = {
    revision: revision.id, message: revision.message, up: 'ok', down: 'not-run', differences: [],
    dataTest: test ? 'passed' : 'none', dataTestFailures: [], trace: [],
  };
  const traced = walk.tracer?.entries.length ?? 0;
  const fail = (e: unknown, what = '') => {
    result.error = `${what}${messageOf(e)}`;
    return withTrace(walk, result, traced);
  };
  await phase(walk, test, 'before', result);
  const before = await snapshot(walk);
  try {
    await step(walk, revision.id, 'up', true);
  } catch (e) {
    result.up = 'failed';
    return fail(e);
  }
  await phase(walk, test, 'afterUpgrade', result);
  if (!revision.hasDown) {
    result.down = 'not-reversible';
    return withTrace(walk, result, traced);
  }
  try {
    await step(walk, revision.id, 'down', true);
    result.down = 'ok';
  } catch (e) {
    result.down = 'failed';
    return fail(e);
  }
  result.differences = compareSchemas(before, await snapshot(walk));
  await phase(walk, test, 'afterDowngrade', result);
  withTrace(walk, result, traced);
  try {
    await step(walk, revision.id, 'up', false);
  } catch (e) {
    // A downgrade that left an object behind often makes the second upgrade fail on it: the
    // difference is the finding, the failure its consequence.
    if (result.differences.length === 0) result.up = 'failed';
    return fail(e, 'the walk stopped here: upgrading it again after the downgrade failed: ');
  }
  return result;
}

function withTrace(walk: Walk, result: RevisionTestResult, from: number): RevisionTestResult {
  if (walk.tracer) result.trace = walk.tracer.entries.slice(from);
  return result;
}

/** One revision in one direction, through the runner as `dihya upgrade` runs it. */
async function step(walk: Walk, revision: string, direction: 'up' | 'down', traced: boolean): Promise<void> {
  const { options, tracer } = walk;
  await migrate(walk.conn, walk.dialect, walk.graph, () => ({ steps: [{ revision, direction }], resultingHeads: [] }), {
    environment: 'test',
    transaction: 'per-revision',
    allowChanged: false,
    session: options.session,
    lockWaitMs: options.lockWaitMs,
    toolVersion: options.toolVersion,
    logger: options.logger,
    aroundStatement: traced && tracer ? (s, statement, run) => tracer.around(s.direction, statement, run) : undefined,
  });
}

async function phase(walk: Walk, test: LoadedRevisionTest | undefined, name: 'before' | 'afterUpgrade' | 'afterDowngrade', result: RevisionTestResult): Promise<void> {
  const fn = test?.test[name];
  if (!fn) return;
  try {
    await fn(walk.db);
  } catch (e) {
    result.dataTest = 'failed';
    result.dataTestFailures.push({ phase: name, message: messageOf(e) });
  }
}

function snapshot(walk: Walk): Promise<SchemaModel> {
  return walk.dialect.introspect(walk.conn);
}

/** The error on one line: an assertion's message spreads its comparison over several. */
function messageOf(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
