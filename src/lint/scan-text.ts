import type { Detector, DetectorMatch, TextFinding } from './detectors/detector.js';
import { detectors as allDetectors } from './detectors/index.js';
import { maskValue } from './detectors/mask-value.js';

interface Attributed extends DetectorMatch {
  readonly detector: Detector;
}

/** Offsets of each line start, for turning offsets into 1-based lines and columns. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the first element of a sorted array for which `after` holds (binary search). */
function firstWhere<T>(items: readonly T[], after: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (after(items[mid] as T)) high = mid;
    else low = mid + 1;
  }
  return low;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
  const line = firstWhere(starts, (start) => start > offset);
  return { line, column: offset - (starts[line - 1] as number) + 1 };
}

/** Merges two lists of non-overlapping matches sorted by start. */
function merge(a: readonly Attributed[], b: readonly Attributed[]): Attributed[] {
  const out: Attributed[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as Attributed).start < (b[j] as Attributed).start)) out.push(a[i++] as Attributed);
    else out.push(b[j++] as Attributed);
  }
  return out;
}

/**
 * Keeps, among overlapping matches, the one of the detector ranked first (the most specific), and
 * within one detector the earliest then longest; what it overlaps is dropped. Detector by detector,
 * with a binary search in what is kept, so a text with many findings stays fast.
 */
function keepMostSpecific(byRank: readonly Attributed[][]): Attributed[] {
  let kept: Attributed[] = [];
  for (const matches of byRank) {
    const added: Attributed[] = [];
    let lastEnd = -1;
    for (const match of [...matches].sort((a, b) => a.start - b.start || b.end - a.end)) {
      if (match.start < lastEnd) continue;
      const next = kept[firstWhere(kept, (other) => other.end > match.start)];
      if (next !== undefined && next.start < match.end) continue;
      added.push(match);
      lastEnd = match.end;
    }
    kept = merge(kept, added);
  }
  return kept;
}

/**
 * Finds secrets and personal data in a text (a revision file, env.ts, a template) with every
 * detector, or the ones given, most specific first. Findings are sorted by position, one per stretch
 * of text, and carry only a masked form of what was found.
 *
 * @example
 * ```ts
 * scanText("const url = 'postgres://app:Tr0ub4dor@db.internal/app';");
 * // [{ detector: 'url-password', kind: 'secret', title: 'password in a connection URL',
 * //    line: 1, column: 29, endLine: 1, endColumn: 38, redacted: 'T…r' }]
 * ```
 */
export function scanText(text: string, detectors: readonly Detector[] = allDetectors): TextFinding[] {
  const byRank = detectors.map((detector) => detector.find(text).map((match) => ({ ...match, detector })));
  const starts = lineStarts(text);
  return keepMostSpecific(byRank).map(({ detector, start, end }) => {
    const from = position(starts, start);
    const to = position(starts, end);
    return {
      detector: detector.id,
      kind: detector.kind,
      title: detector.title,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      redacted: maskValue(text.slice(start, end)),
    };
  });
}
