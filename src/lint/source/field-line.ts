import type { RevisionSource } from '../revision-source.js';

/**
 * The 1-based line where a revision's header field is written: `purpose: '…'` in TypeScript,
 * `-- dihya:purpose …` in SQL (`dependsOn` is `depends-on` there). Falls back to the line of the
 * revision id, then to line 1.
 *
 * @example fieldLine(source, 'critical'); // 11
 */
export function fieldLine(source: RevisionSource, field: string): number {
  const lines = source.text.split(/\r?\n/);
  const find = (name: string) => {
    const re = source.format === 'sql'
      ? new RegExp(`^\\s*--\\s*dihya:${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}\\b`)
      : new RegExp(`^\\s*['"]?${name}['"]?\\s*:`);
    const i = lines.findIndex((l) => re.test(l));
    return i >= 0 ? i + 1 : undefined;
  };
  return find(field) ?? find('revision') ?? 1;
}
