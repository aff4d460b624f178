import type { DetectorMatch } from './detector.js';

/**
 * Runs a global regular expression over `text` and keeps the matches `accept` approves. The span is
 * capture group `group` (a number or a name) when the expression has the `d` flag and the group took
 * part, else the whole match: detectors such as `url-password` report the password, not the URL.
 */
export function collectMatches(
  text: string,
  pattern: RegExp,
  accept: (value: string, match: RegExpExecArray) => boolean,
  group: number | string = 0,
): DetectorMatch[] {
  const found: DetectorMatch[] = [];
  for (const match of text.matchAll(pattern)) {
    const span = typeof group === 'string' ? match.indices?.groups?.[group] : group === 0 ? undefined : match.indices?.[group];
    const start = span ? span[0] : match.index;
    const end = span ? span[1] : match.index + match[0].length;
    if (end > start && accept(text.slice(start, end), match)) found.push({ start, end });
  }
  return found;
}
