import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

/**
 * The subject ids of a bulk erasure file: one id per line, trimmed; blank lines and `#` comments
 * are skipped and a repeated id counts once (first occurrence kept), so a list merged from several
 * requests erases each person once. The error names the file, never a line of it: the lines are ids.
 *
 * @example readSubjectsFile('requests-2026-03.txt') // ['42', '57', …]
 */
export function readSubjectsFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new UsageError(`subjects file ${path} ${why}; pass a text file with one subject id per line`);
  }
  return parseSubjectIds(text);
}

/** The ids of a subjects file's text (see {@link readSubjectsFile}). */
export function parseSubjectIds(text: string): string[] {
  const ids = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const id = raw.trim();
    if (id === '' || id.startsWith('#')) continue;
    ids.add(id);
  }
  return [...ids];
}
