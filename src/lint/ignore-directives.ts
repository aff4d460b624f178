import { LineIndex } from './source/line-index.js';

/** A `dihya-ignore` (one statement) or `dihya-ignore-file` (the whole file) comment. */
export interface IgnoreDirective {
  readonly file: string;
  /** 1-based position of the `dihya-ignore` word. */
  readonly line: number;
  readonly column: number;
  readonly scope: 'statement' | 'file';
  readonly rules: readonly string[];
  /** Empty when the comment gives none (which makes the directive invalid). */
  readonly reason: string;
  /** For a statement directive: the line of the statement or `op` call it applies to. */
  readonly target?: number;
}

const DIRECTIVE = /(--|\/\/|\/\*|^\s*\*)\s*(dihya-ignore(?:-file)?)\b([^\n]*)$/;
const BODY = /^\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)?\s*(?::\s*(.*?))?\s*(?:\*\/\s*)?$/;

/** A line holding only a comment (`--`, `//`, `/*`, or the `*` of a block comment). */
export function isCommentLine(text: string): boolean {
  return /^\s*(--|\/\/|\/\*|\*)/.test(text);
}

/**
 * Reads the ignore directives of a file. A statement directive sits in a comment line directly
 * above the statement or `op` call (other comment lines may come between, a blank line may not):
 *
 * ```
 * -- dihya-ignore drop-column: the column has been unused since release 4.2
 * ALTER TABLE users DROP COLUMN legacy_flag;
 * ```
 *
 * @example readIgnoreDirectives('a.sql', '-- dihya-ignore-file drop-table: scratch tables\nDROP TABLE x;')[0].scope; // 'file'
 */
export function readIgnoreDirectives(file: string, text: string): IgnoreDirective[] {
  const lines = new LineIndex(text);
  const out: IgnoreDirective[] = [];
  for (let n = 1; n <= lines.lineCount; n++) {
    const line = lines.line(n);
    const m = DIRECTIVE.exec(line);
    if (!m) continue;
    const body = BODY.exec(m[3]!);
    const rules = (body?.[1] ?? '').split(',').map((r) => r.trim()).filter(Boolean);
    const scope = m[2] === 'dihya-ignore-file' ? 'file' : 'statement';
    const column = line.indexOf(m[2]!) + 1;
    const base = { file, line: n, column, scope, rules, reason: (body?.[2] ?? '').trim() } as const;
    out.push(scope === 'statement' && isCommentLine(line) ? { ...base, ...targetOf(lines, n) } : base);
  }
  return out;
}

function targetOf(lines: LineIndex, from: number): { target?: number } {
  for (let n = from + 1; n <= lines.lineCount; n++) {
    const text = lines.line(n);
    if (text.trim() === '') return {};
    if (!isCommentLine(text)) return { target: n };
  }
  return {};
}
