/**
 * Revisions written as text, the way a user writes them, turned into what the linter reads, and a
 * lint run over them with the dialects' real statement splitters. No database involved.
 */
import { mysqlDialect } from '../../../src/dialects/mysql/mysql-dialect.js';
import { postgresDialect } from '../../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/sqlite-dialect.js';
import { runLint, type LintInput } from '../../../src/lint/lint-engine.js';
import type { Finding, LintDialect, LintReport } from '../../../src/lint/lint-types.js';
import type { RevisionSource } from '../../../src/lint/revision-source.js';
import type { MigrationFn, RevisionMeta } from '../../../src/revisions/revision.js';
import { parseSqlRevision } from '../../../src/revisions/sql-revision-file.js';

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => MigrationFn;

let counter = 0;
const nextId = () => `r${String(++counter).padStart(11, '0')}`;

const TEXTS = {
  purpose: 'Exercise one lint rule on a realistic change',
  impact: 'Changes one table of the test schema as described',
  rollback: 'down() reverts the change; nothing is lost',
};

/** Header fields a test may set. */
export interface Header {
  id?: string;
  parent?: string | null;
  phase?: 'expand' | 'migrate' | 'contract';
  critical?: boolean;
  dependsOn?: string[];
  purpose?: string;
  impact?: string;
  rollback?: string;
  hasDataTest?: boolean;
}

/**
 * A TypeScript revision whose `up` (and `down`) bodies are given as source text: the file the linter
 * reads and the functions it runs are the same code.
 */
export function tsRevision(up: string, down: string | null = '', h: Header = {}): RevisionSource {
  const id = h.id ?? nextId();
  const texts = { ...TEXTS, ...pick(h, ['purpose', 'impact', 'rollback']) };
  const lines = [
    "import { defineMigration } from 'dihya-migrate';",
    '',
    'export default defineMigration({',
    `  revision: '${id}',`,
    `  downRevision: ${h.parent ? `'${h.parent}'` : 'null'},`,
    ...(h.dependsOn ? [`  dependsOn: ${JSON.stringify(h.dependsOn)},`] : []),
    "  message: 'lint test',",
    `  purpose: ${JSON.stringify(texts.purpose)},`,
    `  impact: ${JSON.stringify(texts.impact)},`,
    `  rollback: ${JSON.stringify(texts.rollback)},`,
    `  critical: ${h.critical === true},`,
    ...(h.phase ? [`  phase: '${h.phase}',`] : []),
    '  async up(op) {',
    ...up.split('\n').map((l) => `    ${l}`),
    '  },',
    ...(down === null ? [] : ['  async down(op) {', ...down.split('\n').map((l) => `    ${l}`), '  },']),
    '});',
    '',
  ];
  const meta: RevisionMeta = {
    id, downRevisions: h.parent ? [h.parent] : [], dependsOn: h.dependsOn ?? [], branchLabels: [], message: 'lint test',
    ...texts, critical: h.critical === true, ...(h.phase ? { phase: h.phase } : {}),
  };
  return {
    meta, format: 'ts', hasDown: down !== null, file: `versions/${id}_lint_test.ts`, text: lines.join('\n'), dataTestFile: `${id}_lint_test.data-test.ts`,
    body: { up: new AsyncFunction('op', up), ...(down === null ? {} : { down: new AsyncFunction('op', down) }) },
    hasDataTest: h.hasDataTest === true,
  };
}

/** A SQL revision with these `up` and `down` sections. */
export function sqlRevision(up: string, down: string | null = null, h: Header = {}): RevisionSource {
  const id = h.id ?? nextId();
  const texts = { ...TEXTS, ...pick(h, ['purpose', 'impact', 'rollback']) };
  const text = [
    `-- dihya:revision ${id}`,
    `-- dihya:down-revision ${h.parent ?? ''}`,
    ...(h.dependsOn ? [`-- dihya:depends-on ${h.dependsOn.join(', ')}`] : []),
    '-- dihya:message lint test',
    `-- dihya:purpose ${texts.purpose}`,
    `-- dihya:impact ${texts.impact}`,
    `-- dihya:rollback ${texts.rollback}`,
    `-- dihya:critical ${h.critical === true}`,
    ...(h.phase ? [`-- dihya:phase ${h.phase}`] : []),
    '-- dihya:up',
    up,
    ...(down === null ? [] : ['-- dihya:down', down]),
    '',
  ].join('\n');
  const file = `versions/${id}_lint_test.sql`;
  const parsed = parseSqlRevision(file, text);
  return { meta: parsed.meta, format: 'sql', hasDown: parsed.down !== null, file, text, dataTestFile: `${id}_lint_test.data-test.ts`, hasDataTest: h.hasDataTest === true };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<Pick<T, K>>;
}

const SPLITTERS: LintInput['splitters'] = {
  postgres: (sql) => postgresDialect.splitScript(sql),
  mysql: (sql) => mysqlDialect.splitScript(sql),
  sqlite: (sql) => sqliteDialect.splitScript(sql),
};

/** Lints revisions (all selected) for the dialects; env.ts sets a lock timeout unless told otherwise. */
export function lintRevisions(
  revisions: RevisionSource[],
  dialects: LintDialect[],
  options: Partial<Pick<LintInput, 'severities' | 'files' | 'selected'>> & { lockTimeout?: boolean; templateTexts?: string[] } = {},
): Promise<LintReport> {
  return runLint({
    revisions,
    selected: options.selected ?? new Set(revisions.map((r) => r.meta.id)),
    files: options.files ?? [],
    dialects,
    splitters: SPLITTERS,
    ...(options.severities ? { severities: options.severities } : {}),
    project: {
      lockTimeoutConfigured: options.lockTimeout ?? true,
      templateTexts: options.templateTexts ?? [],
      knownTargets: new Set(revisions.flatMap((r) => [r.meta.id, ...r.meta.branchLabels])),
    },
  });
}

/** The findings of one rule, as `line: message` strings, for exact comparisons. */
export function findingsOf(report: LintReport, rule: string): string[] {
  return report.findings.filter((f: Finding) => f.rule === rule).map((f) => `${f.line}: ${f.message}`);
}

/** The line of the first line of `text` that contains `needle` (1-based). */
export function lineOf(source: RevisionSource, needle: string): number {
  const i = source.text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' is not in ${source.file}`);
  return i + 1;
}
