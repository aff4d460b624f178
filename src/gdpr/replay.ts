import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { subjectHmac } from './subject-hmac.js';

/** The part of an erasure receipt a replay needs: who (as an HMAC), when, and whether the subject was purged. */
export interface ReplayReceipt {
  readonly subject: string;
  readonly at: string;
  readonly mode?: string;
}

const HMAC = /^[0-9a-f]{64}$/;

/**
 * Keeps the receipts of erasures made at or after `since` (the backup's time): those a restored
 * backup predates. Receipts without a readable HMAC or time are left out, never guessed at.
 * `purged` holds the subjects a purge removed for good (`mode: 'purge'`), to be purged again.
 *
 * @example erasuresSince(receipts, new Date('2026-03-01T00:00:00Z')).subjects.size
 */
export function erasuresSince(receipts: readonly unknown[], since: Date): { receipts: number; subjects: Set<string>; purged: Set<string> } {
  const subjects = new Set<string>();
  const purged = new Set<string>();
  let count = 0;
  for (const r of receipts) {
    if (!isReceipt(r)) continue;
    const at = new Date(r.at);
    if (Number.isNaN(at.getTime()) || at < since) continue;
    count += 1;
    subjects.add(r.subject);
    if (r.mode === 'purge') purged.add(r.subject);
  }
  return { receipts: count, subjects, purged };
}

/**
 * The receipt JSON files of a folder (as `gdpr erase` writes them), or one file; a file that is not
 * a receipt is skipped. A missing path is bad input: replaying nothing would look like success.
 */
export function readReceiptFiles(path: string): unknown[] {
  if (!existsSync(path)) throw new UsageError(`receipts folder ${path} does not exist; pass --receipts with the folder gdpr erase wrote its receipts to`);
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f))
    : [path];
  const receipts: unknown[] = [];
  for (const file of files) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      receipts.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    } catch {
      // Not a receipt (an editor's backup, a note): it names no erasure to replay.
    }
  }
  return receipts;
}

/** The ids among `ids` whose HMAC under `key` is one of `hmacs`. */
export function matchSubjects(ids: readonly string[], hmacs: ReadonlySet<string>, key: string): string[] {
  return ids.filter((id) => hmacs.has(subjectHmac(id, key)));
}

function isReceipt(r: unknown): r is ReplayReceipt {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return typeof o.subject === 'string' && HMAC.test(o.subject) && typeof o.at === 'string';
}
