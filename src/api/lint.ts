import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, UsageError } from '../core/errors.js';
import { RULES } from '../lint/registry.js';
import { classifiedColumns } from '../gdpr/data-map.js';
import { runLint } from '../lint/lint-engine.js';
import { LINT_DIALECTS, type LintDialect, type LintReport, type SeveritySetting } from '../lint/lint-types.js';
import type { ProjectFile, RevisionSource } from '../lint/revision-source.js';
import { sarifLog } from '../lint/format/sarif-log.js';
import { cacheDirFor } from '../revisions/import-typescript.js';
import { loadRevisions } from '../revisions/load-revisions.js';
import { revisionsInRange } from '../revisions/history-range.js';
import { resolveRevisions } from '../revisions/resolve-symbol.js';
import type { Revision } from '../revisions/revision.js';
import { RevisionGraph } from '../revisions/revision-graph.js';
import { readState } from './inspect-commands.js';
import { dialectFor } from './open-database.js';
import type { Project } from './project.js';
import { DATA_TEST_SUFFIX } from '../testing/load-revision-tests.js';
import { toolVersion } from './tool-version.js';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
/** Where docs/rules/ is read when env.ts names no `lint.docsUrl`. */
const DEFAULT_DOCS_URL = 'https://github.com/dihya-migrate/dihya-migrate/blob/main/docs/rules/';

export interface LintOptions {
  /** One revision (`REV`, a prefix, a label, `head`) or a range `A:B` as `dihya history -r` reads it; default: every revision. */
  target?: string;
  /** The databases to lint for; default env.ts `lint.dialects`, else the environment's database. */
  dialects?: LintDialect[];
}

/**
 * Lints revisions without touching a database (a range that names `current` reads the version
 * table): schema changes that lock or rewrite tables, break the running application or lose data,
 * raw SQL that does not parse, missing purpose/impact/rollback, critical revisions without down or
 * data test, and secrets in clear.
 *
 * @example
 * const report = await lint(await Project.open(), { target: 'ae10:' });
 * const where = report.findings.map((f) => `${f.file}:${f.line} ${f.rule}`);
 */
export async function lint(project: Project, options: LintOptions = {}): Promise<LintReport> {
  const severities = checkedSeverities(project);
  const dialects = lintDialects(project, options.dialects);
  const splitters: Partial<Record<LintDialect, (sql: string) => string[]>> = {};
  for (const d of dialects) {
    const dialect = await dialectFor(d);
    splitters[d] = (sql) => dialect.splitScript(sql);
  }
  const revisions = await loadRevisions(project.versionsDir, cacheDirFor(project.dir), splitters[dialects[0]!]!);
  const knownTargets = new Set(revisions.flatMap((r) => [r.id, ...r.branchLabels]));
  // A dependsOn naming nothing is a finding (missing-dependency), not a reason to stop linting.
  const graph = RevisionGraph.build(revisions.map((r) => ({ ...r, dependsOn: r.dependsOn.filter((d) => knownTargets.has(d)) })));
  const ordered = graph.all().map((r) => revisions.find((x) => x.id === r.id)!);
  const selected = new Set(options.target ? await selectRevisions(project, graph, options.target) : ordered.map((r) => r.id));
  const sources: RevisionSource[] = [];
  for (const r of ordered) sources.push(await sourceOf(r));
  const lockTimeout = project.config.session?.lockTimeout;
  return runLint({
    revisions: sources,
    selected,
    files: projectFiles(project),
    dialects,
    splitters,
    severities,
    project: {
      lockTimeoutConfigured: lockTimeout !== undefined && String(lockTimeout).trim() !== '' && !/^0+\D*$/.test(String(lockTimeout).trim()),
      templateTexts: templateTexts(project),
      knownTargets,
      classifiedColumns: classifiedColumns(project.config.schema, project.config.dataMap),
    },
  });
}

/**
 * The report as a SARIF 2.1.0 log for GitHub code scanning, with the rules env.ts enables.
 *
 * @example writeFileSync('dihya.sarif', JSON.stringify(lintSarif(project, report)));
 */
export function lintSarif(project: Project, report: LintReport): Record<string, unknown> {
  const docsUrl = project.config.lint?.docsUrl ?? DEFAULT_DOCS_URL;
  return sarifLog(report, { toolVersion: toolVersion(), docsUrl: docsUrl.endsWith('/') ? docsUrl : `${docsUrl}/`, rules: RULES, severities: checkedSeverities(project) });
}

function checkedSeverities(project: Project): Record<string, SeveritySetting> {
  const rules = project.config.lint?.rules ?? {};
  for (const [id, level] of Object.entries(rules)) {
    if (!RULES.some((r) => r.id === id)) throw new ConfigError(`env.ts lint.rules names unknown rule '${id}'; the rules are listed in docs/rules`);
    if (!['error', 'warning', 'off'].includes(level)) throw new ConfigError(`env.ts lint.rules['${id}'] is '${String(level)}'; use 'error', 'warning' or 'off'`);
  }
  return { ...rules };
}

function lintDialects(project: Project, asked: LintDialect[] | undefined): LintDialect[] {
  const kind = project.databaseUrl.kind;
  const fallback: LintDialect = kind === 'pglite' ? 'postgres' : kind;
  const list = asked?.length ? asked : project.config.lint?.dialects?.length ? [...project.config.lint.dialects] : [fallback];
  const unknown = list.filter((d) => !LINT_DIALECTS.includes(d));
  if (unknown.length) throw new UsageError(`unknown dialect '${unknown[0]}' to lint for; use postgres, mysql or sqlite`);
  return LINT_DIALECTS.filter((d) => list.includes(d));
}

async function selectRevisions(project: Project, graph: RevisionGraph<Revision>, target: string): Promise<string[]> {
  if (!target.includes(':')) return resolveRevisions(graph, target);
  const current = target.split(':').includes('current') ? (await readState(project)).heads.filter((h) => graph.has(h)) : [];
  return revisionsInRange(graph, target, current);
}

async function sourceOf(r: Revision): Promise<RevisionSource> {
  const dataTest = `${r.path.replace(/\.(ts|sql)$/, '')}${DATA_TEST_SUFFIX}`;
  return {
    meta: r,
    format: r.format,
    hasDown: r.hasDown,
    file: shown(r.path),
    text: readFileSync(r.path, 'utf8'),
    ...(r.format === 'ts' ? { body: await r.load() } : {}),
    dataTestFile: basename(dataTest),
    hasDataTest: existsSync(dataTest),
  };
}

/** env.ts and the project's revision templates, scanned for secrets like the revisions. */
function projectFiles(project: Project): ProjectFile[] {
  const names = ['env.ts', 'env.mjs', 'env.js', 'script.ts.eta', 'script.sql.eta'];
  const paths = names.map((n) => join(project.dir, n)).filter((p) => existsSync(p));
  return paths.map((p) => ({ file: shown(p), text: readFileSync(p, 'utf8') }));
}

/** The texts a revision template fills `purpose`, `impact` and `rollback` with, which say nothing yet. */
function templateTexts(project: Project): string[] {
  const files = [join(project.dir, 'script.ts.eta'), join(project.dir, 'script.sql.eta'), join(TEMPLATES, 'script.ts.eta'), join(TEMPLATES, 'script.sql.eta')];
  const out = new Set<string>();
  for (const f of files.filter((p) => existsSync(p))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\b(?:purpose|impact|rollback)\s*:\s*(['"`])((?:(?!\1).)*)\1/g)) out.add(m[2]!);
    for (const m of text.matchAll(/^\s*--\s*dihya:(?:purpose|impact|rollback)[ \t]*(.*)$/gm)) out.add(m[1]!.trim());
  }
  return [...out].filter((t) => t.trim() !== '');
}

function shown(path: string): string {
  return (relative(process.cwd(), path) || path).split(sep).join('/');
}
