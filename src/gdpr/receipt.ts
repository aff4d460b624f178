import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What the personal-data requests record: never a subject id, never a value. */
export interface GdprReceipt {
  readonly requestId: string;
  readonly kind: 'export' | 'erase' | 'purge' | 'replay';
  /** subjectHmac(id, DIHYA_GDPR_KEY). */
  readonly subject: string;
  /** Rows per table and strategy (`export` for an export). */
  readonly counts: ReadonlyArray<{ readonly table: string; readonly strategy: string; readonly rows: number }>;
  /** The database's current heads. */
  readonly revision: readonly string[];
  /** ISO 8601 time of the request. */
  readonly at: string;
  readonly operator: string;
}

/** The record of one table's retention enforcement: no subject, no value, only the table and counts. */
export interface RetentionReceipt {
  readonly requestId: string;
  readonly kind: 'retention';
  readonly table: string;
  readonly agedBy: string;
  readonly retention: string;
  readonly cutoff: string;
  readonly counts: ReadonlyArray<{ readonly table: string; readonly strategy: string; readonly rows: number }>;
  readonly revision: readonly string[];
  readonly at: string;
  readonly operator: string;
}

/**
 * Where a receipt file goes by default: `gdpr-receipts/<requestId>.json` beside the migrations
 * folder (in the project, next to `migrations/`), so receipts live with the project, not with the
 * revisions that a deploy copies around.
 *
 * @example defaultReceiptPath('/app/migrations', 'f1c…') // '/app/gdpr-receipts/f1c….json'
 */
export function defaultReceiptPath(migrationsDir: string, requestId: string): string {
  return join(dirname(migrationsDir), 'gdpr-receipts', `${requestId}.json`);
}

/** Writes a receipt as indented JSON, creating its folder. */
export function writeReceiptFile(path: string, receipt: GdprReceipt | RetentionReceipt): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(receipt, null, 2)}\n`);
}

/**
 * Writes many receipts at once (a batch of erasures): each folder is created once and the files are
 * written side by side, not one after the other.
 *
 * @example await writeReceiptFiles(receipts.map((r) => ({ path: defaultReceiptPath(dir, r.requestId), receipt: r })));
 */
export async function writeReceiptFiles(files: ReadonlyArray<{ readonly path: string; readonly receipt: GdprReceipt }>): Promise<void> {
  for (const folder of new Set(files.map((f) => dirname(f.path)))) await mkdir(folder, { recursive: true });
  await Promise.all(files.map((f) => writeFile(f.path, `${JSON.stringify(f.receipt, null, 2)}\n`)));
}
