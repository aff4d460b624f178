import { createHash } from 'node:crypto';
import type { Finding, LintReport, SeveritySetting } from '../lint-types.js';
import type { LintRule } from '../rule.js';

/** What the SARIF log says about the tool and where the rule pages are. */
export interface SarifOptions {
  readonly toolVersion: string;
  /** The address of docs/rules/ (ending in `/`): each rule's helpUri is `<docsUrl><rule-id>.md`. */
  readonly docsUrl: string;
  readonly rules: readonly LintRule[];
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
}

/**
 * The report as a SARIF 2.1.0 log, the format GitHub code scanning reads: one run whose driver lists
 * the enabled rules (with their docs page as helpUri) and one result per finding with its file,
 * line and column.
 *
 * @example JSON.stringify(sarifLog(report, { toolVersion: '0.1.0', docsUrl, rules: RULES }));
 */
export function sarifLog(report: LintReport, options: SarifOptions): Record<string, unknown> {
  const level = (r: LintRule) => options.severities?.[r.id] ?? r.severity;
  const rules = options.rules.filter((r) => level(r) !== 'off' || report.findings.some((f) => f.rule === r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dihya-lint',
            fullName: 'dihya lint (Dihya Migrate)',
            version: options.toolVersion,
            informationUri: options.docsUrl,
            rules: rules.map((r) => ({
              id: r.id,
              name: pascal(r.id),
              shortDescription: { text: r.title },
              fullDescription: { text: r.why },
              help: { text: `${r.why}\n\nInstead: ${r.fix}`, markdown: `${r.why}\n\n**Instead:** ${r.fix}` },
              helpUri: `${options.docsUrl}${r.id}.md`,
              defaultConfiguration: { level: level(r) === 'off' ? 'none' : level(r) },
              properties: { code: r.code, dialects: r.dialects ?? ['postgres', 'mysql', 'sqlite'], tags: ['migrations'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) => result(f, index.get(f.rule) ?? -1)),
        invocations: [{ executionSuccessful: true }],
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.severity,
    message: { text: `${f.message}. ${f.fix}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file) }, region: { startLine: f.line, startColumn: f.column } } }],
    partialFingerprints: { 'dihyaFinding/v1': createHash('sha256').update(`${f.rule}|${f.file}|${f.message}`).digest('hex').slice(0, 32) },
    properties: { code: f.code, dialects: f.dialects, ...(f.revision ? { revision: f.revision } : {}) },
  };
}

function pascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
