import type { LintReport } from '../lint-types.js';

/** Colours the severity word; identity when output is not a terminal. */
export type Paint = (severity: 'error' | 'warning', text: string) => string;

/**
 * The report as readable lines: `file:line:column  severity  rule (code)  message [dialects]`,
 * then why and what to do instead, then a summary line.
 *
 * @example textReport(report).join('\n');
 */
export function textReport(report: LintReport, paint: Paint = (_s, t) => t): string[] {
  const lines: string[] = [];
  for (const f of report.findings) {
    const dialects = report.dialects.length > 1 ? `  [${f.dialects.join(', ')}]` : '';
    lines.push(`${f.file}:${f.line}:${f.column}  ${paint(f.severity, f.severity)}  ${f.rule} (${f.code})  ${f.message}${dialects}`);
    lines.push(`    why: ${f.why}`, `    instead: ${f.fix}`);
  }
  const n = report.revisions.length;
  const scope = `${n} revision${n === 1 ? '' : 's'} linted for ${report.dialects.join(', ')}`;
  const silenced = report.suppressed ? `, ${report.suppressed} silenced by dihya-ignore` : '';
  if (report.findings.length === 0) {
    lines.push(`No problems found (${scope}${silenced}).`);
    return lines;
  }
  const counts = [plural(report.errors, 'error'), plural(report.warnings, 'warning')].filter((s) => !s.startsWith('0 ')).join(', ');
  lines.push('', `${counts} (${scope}${silenced}).`);
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
