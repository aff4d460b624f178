import type { LintReport } from '../lint-types.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`) that put each
 * finding on the pull request's diff.
 *
 * @example githubAnnotations(report)[0]; // '::error file=migrations/versions/x.ts,line=12,col=5,title=drop-column (DL106)::drops column …'
 */
export function githubAnnotations(report: LintReport): string[] {
  return report.findings.map((f) => {
    const props = [`file=${property(f.file)}`, `line=${f.line}`, `col=${f.column}`, `title=${property(`${f.rule} (${f.code})`)}`].join(',');
    return `::${f.severity} ${props}::${data(`${f.message}. ${f.fix}`)}`;
  });
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
