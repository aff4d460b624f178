import type { IgnoreDirective } from './ignore-directives.js';
import type { LintDialect } from './lint-types.js';
import { appliesTo, type LintRule } from './rule.js';

/** A finding as a rule reports it, before severities, ignores and dialect merging. */
export interface RawFinding {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The line a statement-level `dihya-ignore` must sit above. */
  readonly anchorLine: number;
  readonly message: string;
  readonly fix?: string;
  readonly revision?: string;
  /** Absent for findings that hold whatever the dialect (file scans, ignore comments). */
  readonly dialect?: LintDialect;
}

/** What ignore comments left, and the findings about the comments themselves. */
export interface IgnoreOutcome {
  readonly kept: RawFinding[];
  /** How many distinct findings an ignore silenced. */
  readonly suppressed: number;
  /** `invalid-ignore` and `unused-ignore` findings. */
  readonly problems: RawFinding[];
}

/**
 * Silences the findings that a valid `dihya-ignore` names, then reports the ignores that are
 * invalid (no rule, unknown rule, no reason) and those that silenced nothing although their rule
 * ran for at least one linted dialect.
 */
export function applyIgnores(
  findings: readonly RawFinding[],
  directives: readonly IgnoreDirective[],
  rules: ReadonlyMap<string, LintRule>,
  enabled: ReadonlySet<string>,
  dialects: readonly LintDialect[],
): IgnoreOutcome {
  const problems: RawFinding[] = [];
  const valid: Array<{ directive: IgnoreDirective; used: Set<string> }> = [];
  for (const d of directives) {
    const problem = invalidity(d, rules);
    if (problem) problems.push({ rule: 'invalid-ignore', file: d.file, line: d.line, column: d.column, anchorLine: d.line, message: problem });
    else valid.push({ directive: d, used: new Set() });
  }
  const kept: RawFinding[] = [];
  const silenced = new Set<string>();
  for (const f of findings) {
    const match = valid.find(({ directive: d }) => d.file === f.file && d.rules.includes(f.rule) && (d.scope === 'file' || d.target === f.anchorLine));
    if (!match) {
      kept.push(f);
      continue;
    }
    match.used.add(f.rule);
    silenced.add(`${f.rule}|${f.file}|${f.line}|${f.column}|${f.message}`);
  }
  for (const { directive: d, used } of valid) {
    for (const id of d.rules) {
      const rule = rules.get(id)!;
      if (used.has(id) || !enabled.has(id) || !dialects.some((x) => appliesTo(rule, x))) continue;
      const where = d.scope === 'file' ? 'in this file' : d.target === undefined ? '(no statement follows it directly)' : `on line ${d.target}`;
      problems.push({ rule: 'unused-ignore', file: d.file, line: d.line, column: d.column, anchorLine: d.line, message: `dihya-ignore ${id} matches no finding ${where}` });
    }
  }
  return { kept, suppressed: silenced.size, problems: problems.filter((p) => enabled.has(p.rule)) };
}

function invalidity(d: IgnoreDirective, rules: ReadonlyMap<string, LintRule>): string | undefined {
  const kind = d.scope === 'file' ? 'dihya-ignore-file' : 'dihya-ignore';
  if (d.rules.length === 0) return `${kind} names no rule`;
  const unknown = d.rules.filter((r) => !rules.has(r));
  if (unknown.length > 0) return `${kind} names unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.map((r) => `'${r}'`).join(', ')}`;
  if (d.reason === '') return `${kind} ${d.rules.join(', ')} gives no reason (write \`: why\` after the rule)`;
  return undefined;
}
