import { eraseInBatches, summarizeReceipts } from '../../api/gdpr-bulk.js';
import type { ErasureReceipt } from '../../api/gdpr-erase.js';
import { gdprPurge } from '../../api/gdpr-purge.js';
import { gdprReplay } from '../../api/gdpr-replay.js';
import { UsageError } from '../../core/errors.js';
import { readSubjectsFile } from '../../gdpr/subjects-file.js';
import { gdprKey } from '../../gdpr/subject-hmac.js';
import { openProject, type CommonOptions } from '../common-options.js';
import { EXIT } from '../exit-codes.js';
import { ProgressBar } from '../progress-bar.js';

/** The options of the bulk actions of `dihya gdpr`. */
export type GdprBulkOptions = CommonOptions & {
  subject?: string;
  subjectsFile?: string;
  since?: string;
  receipts?: string;
  fromEnv?: string;
  dryRun?: boolean;
  batchSize?: string;
};

/**
 * `gdpr erase --subjects-file PATH`, `gdpr purge` and `gdpr replay --since ISO`: many subjects at
 * once through the erasure engine, one transaction per batch, a progress bar on a terminal.
 */
export async function gdprBulkCommand(action: string, o: GdprBulkOptions): Promise<number> {
  if (action === 'erase') return bulkErase(o);
  if (action === 'purge') return purge(o);
  if (action === 'replay') return replay(o);
  throw new UsageError(`unknown action 'gdpr ${action}'; use erase --subjects-file, purge or replay`);
}

async function bulkErase(o: GdprBulkOptions): Promise<number> {
  if (o.subject !== undefined) throw new UsageError('--subject and --subjects-file both name subjects; pass one of them');
  const ids = readSubjectsFile(o.subjectsFile!);
  gdprKey();
  const { project, out } = await openProject(o);
  const receipts = await withBar(o, 'erase', ids.length, (onProgress) => eraseInBatches(project, ids, { dryRun: Boolean(o.dryRun), batchSize: batchSize(o), onProgress }));
  // The engine answers an id with no row in the subject table by a receipt of zero counts, and
  // writes no receipt file or audit row for it: there was nothing to erase.
  const found = receipts.filter((r) => r.counts.some((c) => c.rows > 0));
  const { counts } = summarizeReceipts(found);
  const written = o.dryRun ? 0 : found.length;
  out.result({ dryRun: Boolean(o.dryRun), inFile: ids.length, erased: found.length, unknown: receipts.length - found.length, counts, receiptsWritten: written, receipts: found }, () => [
    ...countLines(found),
    `${o.dryRun ? 'Dry run: would erase' : 'Erased'} ${plural(found.length, 'subject')} of ${ids.length} in the file` +
      `${receipts.length > found.length ? ` (${receipts.length - found.length} not in the database)` : ''}${o.dryRun ? '; nothing changed' : `; ${plural(written, 'receipt')} written`}.`,
  ]);
  return EXIT.ok;
}

async function purge(o: GdprBulkOptions): Promise<number> {
  gdprKey();
  const { project, out } = await openProject(o);
  const result = await gdprPurge(project, { dryRun: Boolean(o.dryRun), batchSize: batchSize(o) });
  for (const line of result.skipped) out.note(`dihya: purge skips ${line}`);
  out.result({ ...result, ...summarizeReceipts(result.receipts) }, () => {
    const s = result.softDeleted;
    const lines = [...countLines(result.receipts)];
    for (const a of result.aged) {
      const done = a.action === 'delete' ? 'deleted' : 'erased (personal values replaced, rows kept)';
      lines.push(`${a.table}: ${plural(a.rows, 'row')} dated by ${a.agedBy} before ${a.cutoff} (retention ${a.retention}) ${result.dryRun ? `would be ${done}` : done}`);
    }
    const gone = result.receipts.filter((r) => r.mode === 'purge').length;
    const held = result.receipts.length - gone;
    lines.push(s
      ? `${result.dryRun ? 'Dry run: would purge' : 'Purged'} ${plural(result.receipts.length, 'subject')} soft-deleted in ${s.table} before ${s.cutoff} (retention ${s.retention})` +
        (held && !result.dryRun ? `; ${held} kept erased because rows of ${result.retained.join(', ')} are kept longer and still point to them` : '') +
        `${result.dryRun ? '; nothing changed' : ''}.`
      : 'No soft-deleted subjects to purge: the subject table declares no soft-delete flag and timestamp with a retention.');
    return lines;
  });
  return EXIT.ok;
}

async function replay(o: GdprBulkOptions): Promise<number> {
  if (!o.since) throw new UsageError('gdpr replay needs --since, the restored backup\'s time as ISO 8601, e.g. --since 2026-03-01T02:00:00Z');
  if (o.receipts && o.fromEnv) throw new UsageError('--receipts and --from-env name two sources of receipts; pass one of them');
  const since = new Date(o.since);
  if (Number.isNaN(since.getTime())) throw new UsageError(`--since ${o.since} is not a date; pass ISO 8601, e.g. 2026-03-01T02:00:00Z`);
  const { project, out } = await openProject(o);
  const result = await withBar(o, 'replay', 0, (onProgress) => gdprReplay(project, {
    since, dryRun: Boolean(o.dryRun), batchSize: batchSize(o),
    ...(o.receipts ? { receipts: o.receipts } : {}), ...(o.fromEnv ? { fromEnv: o.fromEnv } : {}),
    onProgress,
  }));
  out.result({ ...result, dryRun: Boolean(o.dryRun) }, () => [
    ...countLines(result.receipts),
    `Read ${plural(result.receiptsRead, 'erasure receipt')} since ${since.toISOString()} from ${result.source}; ` +
      `${plural(result.matched, 'subject')} of this database matched, ${result.receipts.length} ${o.dryRun ? 'would be erased again; nothing changed' : 'erased again'}.`,
  ]);
  return EXIT.ok;
}

/** Runs `fn` with a progress callback drawn as a bar on a terminal, and always clears the bar. */
async function withBar<T>(o: GdprBulkOptions, label: string, total: number, fn: (onProgress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  let bar: ProgressBar | undefined;
  const wanted = ProgressBar.wanted(Boolean(o.json), Boolean(o.quiet));
  try {
    return await fn((done, n) => {
      if (!wanted) return;
      bar ??= new ProgressBar(label, n || total);
      bar.update(done, '');
    });
  } finally {
    bar?.finish();
  }
}

function batchSize(o: GdprBulkOptions): number | undefined {
  if (o.batchSize === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(o.batchSize)) throw new UsageError(`--batch-size ${o.batchSize} is not a positive whole number; pass e.g. --batch-size 500`);
  return Number(o.batchSize);
}

/** Rows per table and strategy over all receipts, one line each. */
function countLines(receipts: readonly ErasureReceipt[]): string[] {
  return summarizeReceipts(receipts).counts.map((c) => `  ${c.table}: ${plural(c.rows, 'row')} ${c.strategy}`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
