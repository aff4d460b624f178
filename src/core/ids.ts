import { randomBytes } from 'node:crypto';

/** A new revision id: 12 random hex characters. */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex');
}

/** A file-name slug from a message: lower case, ASCII letters, digits and underscores, 40 chars at most. */
export function slugify(message: string): string {
  const slug = message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return slug || 'revision';
}

/** `yyyymmdd_hhmm` in UTC, for revision file names. */
export function fileTimestamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}_${p(date.getUTCHours())}${p(date.getUTCMinutes())}`;
}
