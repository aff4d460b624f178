import { eraseSubjects, type ErasureReceipt } from './gdpr-erase.js';
import type { Project } from './project.js';

/** Options of {@link eraseInBatches}. */
export interface BatchedErasureOptions {
  readonly dryRun?: boolean;
  readonly kind?: 'erase' | 'purge' | 'replay';
  /** Subjects per call of the engine, so per transaction (default 500). */
  readonly batchSize?: number;
  /** Subjects done so far, over every batch. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Purge instead of erase: see `eraseSubjects`. */
  readonly purge?: { readonly retained: ReadonlySet<string> };
}

/** Subjects per transaction: large enough to be quick, small enough that a lock is never held long. */
export const DEFAULT_BATCH_SIZE = 500;

/**
 * Erases many subjects with the erasure engine, one transaction per batch: a failure rolls back
 * only its own batch, and the batches before it stay erased with their receipts written.
 *
 * @example
 * const receipts = await eraseInBatches(project, readSubjectsFile('ids.txt'), { onProgress: (n, t) => bar.update(n, '') });
 */
export async function eraseInBatches(project: Project, subjectIds: readonly string[], options: BatchedErasureOptions = {}): Promise<ErasureReceipt[]> {
  const size = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const receipts: ErasureReceipt[] = [];
  for (let start = 0; start < subjectIds.length; start += size) {
    const batch = subjectIds.slice(start, start + size);
    const done = await eraseSubjects(project, batch, {
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.purge ? { purge: options.purge } : {}),
      onProgress: (n) => options.onProgress?.(start + n, subjectIds.length),
    });
    receipts.push(...done);
    options.onProgress?.(start + batch.length, subjectIds.length);
  }
  return receipts;
}

/** Rows and subjects a set of receipts accounts for, per table and strategy. */
export interface ErasureSummary {
  readonly subjects: number;
  readonly counts: ReadonlyArray<{ readonly table: string; readonly strategy: string; readonly rows: number }>;
}

/** Adds up receipts' counts per table and strategy, sorted, for a summary line. */
export function summarizeReceipts(receipts: readonly ErasureReceipt[]): ErasureSummary {
  const totals = new Map<string, { table: string; strategy: string; rows: number }>();
  for (const r of receipts) {
    for (const c of r.counts) {
      const key = `${c.table}\u0000${c.strategy}`;
      const t = totals.get(key) ?? { table: c.table, strategy: c.strategy, rows: 0 };
      t.rows += c.rows;
      totals.set(key, t);
    }
  }
  const counts = [...totals.values()].sort((a, b) => (a.table === b.table ? (a.strategy < b.strategy ? -1 : 1) : a.table < b.table ? -1 : 1));
  return { subjects: receipts.length, counts };
}
