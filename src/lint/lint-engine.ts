import { UsageError } from '../core/errors.js';
import { applyIgnores, type RawFinding } from './apply-ignores.js';
import { readIgnoreDirectives } from './ignore-directives.js';
import { LINT_DIALECTS, type Finding, type LintDialect, type LintReport, type SeveritySetting } from './lint-types.js';
import { RULES } from './registry.js';
import { OperationRecorder, revisionFacts, type SqlTools } from './revision-facts.js';
import type { ProjectFile, RevisionSource } from './revision-source.js';
import { appliesTo, type FilesContext, type LintRule, type ProjectFacts } from './rule.js';
import { SchemaTracker } from './schema-tracker.js';
import { fieldLine } from './source/field-line.js';
import type { StatementReader } from './sql/parsed-statement.js';
import { postgresReader } from './sql/pg-reader.js';
import { tolerantReader } from './sql/tolerant-reader.js';

/** Everything a lint run needs, already read from disk. */
export interface LintInput {
  /** Every revision in graph order, base first: earlier ones tell the rules what the schema holds. */
  readonly revisions: readonly RevisionSource[];
  /** The ids of the revisions to report on. */
  readonly selected: ReadonlySet<string>;
  /** env.ts and the revision templates, scanned as text. */
  readonly files: readonly ProjectFile[];
  readonly dialects: readonly LintDialect[];
  /** Each dialect's statement splitter (the one the runner uses). */
  readonly splitters: Readonly<Partial<Record<LintDialect, (sql: string) => string[]>>>;
  readonly project: ProjectFacts;
  /** Severities from env.ts `lint.rules`. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** The rules to run (all of them unless a test narrows the list). */
  readonly rules?: readonly LintRule[];
}

/**
 * Runs the rules over the selected revisions for each dialect, applies `dihya-ignore` comments and
 * severities, and merges findings that several dialects share.
 *
 * @example
 * const report = await runLint({ revisions, selected: new Set(ids), files: [], dialects: ['postgres'], splitters, project });
 * report.ok; // false when any finding is an error
 */
export async function runLint(input: LintInput): Promise<LintReport> {
  const rules = input.rules ?? RULES;
  const severityOf = (r: LintRule): SeveritySetting => input.severities?.[r.id] ?? r.severity;
  const enabled = rules.filter((r) => severityOf(r) !== 'off');
  const raw: RawFinding[] = [];
  const recorder = new OperationRecorder();
  for (const dialect of input.dialects) await checkRevisions(input, dialect, enabled, recorder, raw);
  const scanned = [...input.revisions.filter((r) => input.selected.has(r.meta.id)).map((r) => ({ file: r.file, text: r.text, revision: r.meta.id })), ...input.files];
  for (const rule of enabled.filter((r) => r.checkFiles)) rule.checkFiles!(filesContext(rule, scanned, raw));
  const directives = scanned.flatMap((f) => readIgnoreDirectives(f.file, f.text));
  const byId = new Map(rules.map((r) => [r.id, r]));
  const outcome = applyIgnores(raw, directives, byId, new Set(enabled.map((r) => r.id)), input.dialects);
  const order = new Map(scanned.map((f, i) => [f.file, i]));
  const findings = merge([...outcome.kept, ...outcome.problems], input.dialects, byId, severityOf, order);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    ok: errors === 0,
    dialects: [...input.dialects],
    revisions: input.revisions.filter((r) => input.selected.has(r.meta.id)).map((r) => r.meta.id),
    findings,
    errors,
    warnings: findings.length - errors,
    suppressed: outcome.suppressed,
  };
}

/**
 * Runs the revision rules of one dialect. Every revision is read, in graph order, so that the
 * schema tracker knows what the earlier ones made; only the selected ones are reported on.
 */
async function checkRevisions(input: LintInput, dialect: LintDialect, enabled: readonly LintRule[], recorder: OperationRecorder, raw: RawFinding[]): Promise<void> {
  const split = input.splitters[dialect];
  if (!split) throw new UsageError(`runLint needs a statement splitter for ${dialect}`);
  const tools: SqlTools = { split, read: await readerFor(dialect) };
  const tracker = new SchemaTracker();
  const rules = enabled.filter((r) => appliesTo(r, dialect) && r.checkRevision);
  for (const revision of input.revisions) {
    const facts = await revisionFacts(revision, tools, recorder);
    const changes = tracker.annotate(facts.up);
    if (!input.selected.has(revision.meta.id)) continue;
    for (const rule of rules) {
      rule.checkRevision!({
        dialect, revision, changes, downSteps: facts.downSteps, unreadable: facts.unreadable, project: input.project,
        fieldLine: (field) => fieldLine(revision, field),
        report: (place, message, fix) => raw.push({
          rule: rule.id, file: revision.file, line: place.line, column: place.column ?? 1, anchorLine: place.anchorLine ?? place.line,
          message, revision: revision.meta.id, dialect, ...(fix ? { fix } : {}),
        }),
      });
    }
  }
}

function readerFor(dialect: LintDialect): Promise<StatementReader> | StatementReader {
  return dialect === 'postgres' ? postgresReader() : tolerantReader(dialect);
}

function filesContext(rule: LintRule, files: FilesContext['files'], raw: RawFinding[]): FilesContext {
  const revisionOf = new Map(files.map((f) => [f.file, f.revision]));
  return {
    files,
    report: (file, place, message, fix) => {
      const revision = revisionOf.get(file);
      raw.push({
        rule: rule.id, file, line: place.line, column: place.column ?? 1, anchorLine: place.anchorLine ?? place.line, message,
        ...(revision ? { revision } : {}), ...(fix ? { fix } : {}),
      });
    },
  };
}

/** One finding per place and message, listing every dialect it holds for, sorted by file and position. */
function merge(
  raw: readonly RawFinding[],
  dialects: readonly LintDialect[],
  rules: ReadonlyMap<string, LintRule>,
  severityOf: (r: LintRule) => SeveritySetting,
  order: ReadonlyMap<string, number>,
): Finding[] {
  const byKey = new Map<string, { f: RawFinding; dialects: Set<LintDialect> }>();
  for (const f of raw) {
    const key = `${f.rule}|${f.file}|${f.line}|${f.column}|${f.message}`;
    const entry = byKey.get(key) ?? { f, dialects: new Set<LintDialect>() };
    for (const d of f.dialect ? [f.dialect] : dialects) entry.dialects.add(d);
    byKey.set(key, entry);
  }
  const out = [...byKey.values()].map(({ f, dialects: ds }): Finding => {
    const rule = rules.get(f.rule)!;
    return {
      rule: rule.id, code: rule.code, severity: severityOf(rule) === 'warning' ? 'warning' : 'error',
      file: f.file, line: f.line, column: f.column, message: f.message, why: rule.why, fix: f.fix ?? rule.fix,
      ...(f.revision ? { revision: f.revision } : {}),
      dialects: LINT_DIALECTS.filter((d) => ds.has(d)),
    };
  });
  const codeOf = (f: Finding) => f.code;
  return out.sort((a, b) =>
    (order.get(a.file) ?? 1e9) - (order.get(b.file) ?? 1e9) || a.line - b.line || a.column - b.column || codeOf(a).localeCompare(codeOf(b)) || a.message.localeCompare(b.message));
}
