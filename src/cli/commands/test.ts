import { testRevisions, type TestRevisionsReport } from '../../api/revision-tests.js';
import type { StatementTrace } from '../../testing/statement-trace.js';
import type { RevisionTestResult } from '../../testing/walk-revisions.js';
import { painter } from '../colors.js';
import { openProject, type CommonOptions } from '../common-options.js';
import { EXIT } from '../exit-codes.js';

export interface TestCliOptions extends CommonOptions {
  trace?: boolean;
}

const PHASES = { before: 'before the upgrade', afterUpgrade: 'after the upgrade', afterDowngrade: 'after the downgrade' } as const;

/**
 * `dihya test`: walks every revision on a throwaway database. Exit 0 when all is well, 3 when a
 * downgrade does not restore the schema or a data test fails, 1 when a migration fails.
 */
export async function testCommand(o: TestCliOptions): Promise<number> {
  const { project, out } = await openProject(o);
  const paint = painter(process.stderr);
  const report = await testRevisions(project, {
    trace: o.trace,
    onRevision: (r) => {
      if (out.verbose) out.note(paint('dim', `  tested ${r.revision}  ${r.message}`));
    },
  });
  out.result(
    {
      ok: report.ok,
      database: report.database,
      scratch: report.scratch,
      revisions: report.revisions.map((r) => ({
        revision: r.revision, message: r.message, up: r.up, down: r.down, differences: r.differences,
        dataTest: r.dataTest, dataTestFailures: r.dataTestFailures, trace: r.trace, ...(r.error ? { error: r.error } : {}),
      })),
      notReached: report.notReached,
    },
    () => textReport(report, Boolean(o.trace)),
  );
  if (report.revisions.some((r) => r.up === 'failed' || r.down === 'failed')) return EXIT.failure;
  return report.ok ? EXIT.ok : EXIT.checkFailed;
}

function textReport(report: TestRevisionsReport, traced: boolean): string[] {
  const lines: string[] = [];
  for (const r of report.revisions) {
    lines.push(`${status(r).padEnd(14)} ${r.revision}  ${r.message}`);
    for (const d of r.differences) lines.push(`    ${d.change} ${d.object}: ${d.detail}`);
    for (const f of r.dataTestFailures) lines.push(`    data test failed ${PHASES[f.phase]}: ${f.message}`);
    if (r.error) lines.push(`    ${r.error}`);
    if (traced) lines.push(...r.trace.map(traceLine));
  }
  const problems = report.revisions.filter((r) => status(r) !== 'ok' && status(r) !== 'ok (no down)').length;
  const where = `a throwaway ${report.database} database`;
  lines.push(
    problems === 0
      ? `OK: ${report.revisions.length} revision${report.revisions.length === 1 ? '' : 's'} upgrade, downgrade to the same schema and upgrade again on ${where}.`
      : `${problems} of ${report.revisions.length} tested revision${report.revisions.length === 1 ? '' : 's'} failed on ${where}.`,
  );
  if (report.notReached.length > 0) lines.push(`Not reached, as the walk stopped: ${report.notReached.join(', ')}.`);
  return lines;
}

/** One word for a revision's outcome, the most serious first. */
function status(r: RevisionTestResult): string {
  if (r.up === 'failed') return 'upgrade failed';
  if (r.down === 'failed') return 'downgrade failed';
  if (r.differences.length > 0) return 'not restored';
  if (r.dataTest === 'failed') return 'data failed';
  if (r.error) return 'stopped';
  return r.down === 'not-reversible' ? 'ok (no down)' : 'ok';
}

function traceLine(t: StatementTrace): string {
  const show = (locks: StatementTrace['locks']) => locks.map((l) => `${l.mode} on ${l.table}`).join(', ');
  const locks = t.outsideTransaction
    ? 'ran outside the transaction: its locks ended with it'
    : t.locks.length > 0
      ? `takes ${show(t.locks)}`
      : t.held.length > 0
        ? `no new lock; the transaction holds ${show(t.held)}`
        : 'no table lock';
  const rewrites = t.rewrites.length > 0 ? `; rewrote ${t.rewrites.join(', ')}` : '';
  return `    ${t.direction.padEnd(4)} ${t.statement}\n         ${locks}${rewrites}`;
}
