import { ConfigError } from '../core/errors.js';

const PARTS = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * The instant a retention period reaches back to from `now`: data dated before it has been kept
 * longer than the period. Calendar arithmetic in UTC, so `P5Y` from 2026-03-01 is 2021-03-01.
 *
 * @example retentionCutoff('P5Y', new Date('2026-03-01T00:00:00Z')) // 2021-03-01T00:00:00.000Z
 */
export function retentionCutoff(retention: string, now: Date): Date {
  const m = PARTS.exec(retention);
  if (!m || retention === 'P' || retention.endsWith('T')) throw new ConfigError(`retention '${retention}' is not an ISO 8601 duration; write e.g. 'P5Y', 'P6M' or 'P30D'`);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number, number];
  const at = new Date(now.getTime());
  at.setUTCFullYear(at.getUTCFullYear() - y, at.getUTCMonth() - mo, at.getUTCDate() - w * 7 - d);
  at.setUTCHours(at.getUTCHours() - h, at.getUTCMinutes() - mi, at.getUTCSeconds() - s);
  return at;
}

/**
 * An instant as every supported database compares it with a timestamp column and stores it in one:
 * `YYYY-MM-DD HH:MM:SS` in UTC, bound as a parameter (SQLite stores timestamps as such text;
 * PostgreSQL and MySQL cast it).
 */
export function cutoffParameter(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}
