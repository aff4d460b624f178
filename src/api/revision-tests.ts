import { UsageError } from '../core/errors.js';
import { createStepLogger } from '../core/logger.js';
import { cacheDirFor } from '../revisions/import-typescript.js';
import { loadRevisionTests } from '../testing/load-revision-tests.js';
import { walkRevisions, type RevisionTestResult } from '../testing/walk-revisions.js';
import { openConnection } from './open-database.js';
import type { Project } from './project.js';
import { withScratchDatabase } from './scratch-database.js';
import { toolVersion } from './tool-version.js';

/** What `testRevisions` does besides the walk. */
export interface TestRevisionsOptions {
  /** PostgreSQL and PGlite: record each statement's locks and table rewrites. */
  trace?: boolean;
  /** Called as each revision's test ends, for progress output. */
  onRevision?: (result: RevisionTestResult) => void;
}

/** The outcome of `testRevisions`. */
export interface TestRevisionsReport {
  /** True when every revision upgrades, downgrades back to the same schema, and passes its data test. */
  readonly ok: boolean;
  /** The kind of throwaway database the walk ran on: sqlite, pglite, postgres or mysql. */
  readonly database: string;
  /** Where that database was (removed since), its password left out. */
  readonly scratch: string;
  /** Base first; the walk stops after a revision whose upgrade or downgrade failed. */
  readonly revisions: readonly RevisionTestResult[];
  /** Revisions the walk did not reach because it stopped earlier. */
  readonly notReached: readonly string[];
}

/**
 * Tests every revision on a throwaway database of the project's kind (a temporary SQLite file,
 * PGlite in memory, a temporary database on the same PostgreSQL or MySQL/MariaDB server): for each
 * revision, base first, upgrade, downgrade, check the schema is back to what it was, upgrade again,
 * running the revision's data test (`<revision file without extension>.data-test.ts`) around it. The
 * project's own database is never written; the throwaway one is removed whatever happens.
 *
 * @example
 * const report = await testRevisions(await Project.open(), { trace: true });
 * const notRestored = report.revisions.filter((r) => r.differences.length).map((r) => r.revision);
 */
export async function testRevisions(project: Project, options: TestRevisionsOptions = {}): Promise<TestRevisionsReport> {
  const graph = await project.graph();
  const dialect = await project.dialect();
  const like = project.databaseUrl;
  if (options.trace && dialect.name !== 'postgres') {
    throw new UsageError(`tracing locks reads PostgreSQL's pg_locks, and ${like.text} is ${like.kind}; leave out --trace or test against a PostgreSQL or PGlite URL`);
  }
  const tests = await loadRevisionTests(project.versionsDir, cacheDirFor(project.dir), graph.all());
  let scratch = '';
  const revisions = await withScratchDatabase(like, async (url) => {
    scratch = url.text;
    const conn = await openConnection(url, project.lockWaitMs);
    try {
      return await walkRevisions(conn, dialect, graph, tests, {
        session: project.config.session ?? {},
        lockWaitMs: project.lockWaitMs,
        toolVersion: toolVersion(),
        // Steps on a throwaway database are not part of the project's migration log.
        logger: await createStepLogger(undefined),
        trace: Boolean(options.trace),
        onRevision: options.onRevision,
      });
    } finally {
      await conn.close();
    }
  });
  const reached = new Set(revisions.map((r) => r.revision));
  const ok = revisions.every((r) => !r.error && r.up === 'ok' && r.down !== 'failed' && r.differences.length === 0 && r.dataTest !== 'failed');
  return { ok, database: like.kind, scratch, revisions, notReached: graph.all().map((r) => r.id).filter((id) => !reached.has(id)) };
}
