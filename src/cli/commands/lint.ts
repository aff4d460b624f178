import { lint, lintSarif } from '../../api/lint.js';
import { Project } from '../../api/project.js';
import { ConfigError, UsageError } from '../../core/errors.js';
import { githubAnnotations } from '../../lint/format/github-annotations.js';
import { textReport } from '../../lint/format/text-report.js';
import type { LintDialect } from '../../lint/lint-types.js';
import { painter } from '../colors.js';
import { openProject, type CommonOptions } from '../common-options.js';
import { EXIT } from '../exit-codes.js';

/**
 * `lint [REV|A:B] [--format text|json|sarif] [--dialect NAME]…`: prints the findings and exits 3
 * when one is an error. In GitHub Actions (`GITHUB_ACTIONS` set) each finding is also written to
 * stderr as a workflow annotation, so stdout stays a clean JSON or SARIF document.
 */
export async function lintCommand(target: string | undefined, o: CommonOptions & { format?: string; dialect?: string[] }): Promise<number> {
  if (o.json && o.format && o.format !== 'text' && o.format !== 'json') throw new UsageError(`--json and --format ${o.format} ask for two outputs; pass one of them`);
  const format = o.json ? 'json' : (o.format ?? 'text');
  const project = await openForLint(o);
  const report = await lint(project, { target, dialects: o.dialect as LintDialect[] | undefined });
  if (format === 'sarif') process.stdout.write(`${JSON.stringify(lintSarif(project, report), null, 2)}\n`);
  else if (format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const paint = painter(process.stdout);
    process.stdout.write(`${textReport(report, (severity, text) => paint(severity === 'error' ? 'red' : 'yellow', text)).join('\n')}\n`);
  }
  if (process.env.GITHUB_ACTIONS && process.env.GITHUB_ACTIONS !== 'false') {
    for (const line of githubAnnotations(report)) process.stderr.write(`${line}\n`);
  }
  return report.ok ? EXIT.ok : EXIT.checkFailed;
}

/**
 * Linting reads files only: an environment whose database URL is not set here (a CI secret) is
 * fine when the dialects to lint for are named by --dialect or env.ts `lint.dialects`.
 */
async function openForLint(o: CommonOptions & { dialect?: string[] }): Promise<Project> {
  try {
    return (await openProject(o)).project;
  } catch (e) {
    if (!(e instanceof ConfigError) || o.url || !e.message.includes('has no database URL')) throw e;
    const project = await Project.open({ dir: o.dir, env: o.env, url: 'sqlite::memory:' });
    if (!o.dialect?.length && !project.config.lint?.dialects?.length) throw e;
    return project;
  }
}
