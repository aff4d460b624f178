import { writeFileSync } from 'node:fs';
import { eraseSubjects, type ErasureReceipt } from '../../api/gdpr-erase.js';
import { exportSubjectData } from '../../api/gdpr-export.js';
import { DihyaError, UsageError } from '../../core/errors.js';
import { exportCsv } from '../../gdpr/export-csv.js';
import { openProject, type CommonOptions } from '../common-options.js';
import { EXIT } from '../exit-codes.js';

/** The options of `gdpr export` and `gdpr erase`. */
export type GdprRequestOptions = CommonOptions & { subject?: string; format?: string; out?: string; dryRun?: boolean; receipt?: string };

/**
 * `gdpr export --subject ID [--format json|csv] [--out PATH] [--receipt PATH]`: the subject's data
 * on stdout or in PATH. An id with no row in the subject table is exit 3 ("no such subject").
 */
export async function exportCommand(o: GdprRequestOptions): Promise<number> {
  const subject = requireSubject(o, 'export');
  const format = o.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`gdpr export --format ${format}: use json or csv`);
  const { project, out } = await openProject(o);
  const result = await exportSubjectData(project, subject, o.receipt ? { receiptPath: o.receipt } : {});
  if (!result.found) return noSuchSubject(out.json);
  const { receipt } = result;
  const document = format === 'csv' ? exportCsv(result.tables) : `${JSON.stringify({ requestId: receipt.requestId, subject: receipt.subject, at: receipt.at, revision: receipt.revision, tables: result.tables }, null, 2)}\n`;
  if (o.out) {
    writeFileSync(o.out, document);
    const rows = receipt.counts.reduce((n, c) => n + c.rows, 0);
    out.result({ requestId: receipt.requestId, subject: receipt.subject, out: o.out, counts: receipt.counts }, () => `Exported ${rows} row${rows === 1 ? '' : 's'} of subject ${receipt.subject.slice(0, 12)}… to ${o.out} (request ${receipt.requestId}).`);
  } else {
    process.stdout.write(document);
  }
  return EXIT.ok;
}

/**
 * `gdpr erase --subject ID [--dry-run] [--receipt PATH]`: applies the map's strategies in one
 * transaction; `--json` prints the receipt (the plan in a dry run). Exit 3 when the subject does not
 * exist or the post-check finds data the policy does not keep (then nothing was changed).
 */
export async function eraseCommand(o: GdprRequestOptions): Promise<number> {
  const subject = requireSubject(o, 'erase');
  const { project, out } = await openProject(o);
  const [receipt] = await eraseSubjects(project, [subject], { dryRun: Boolean(o.dryRun), ...(o.receipt ? { receiptPath: o.receipt } : {}) });
  if (!receipt!.counts.some((c) => c.rows > 0)) return noSuchSubject(out.json);
  out.result(o.dryRun ? { dryRun: true, ...receipt } : receipt, () => eraseText(receipt!, Boolean(o.dryRun)));
  return EXIT.ok;
}

function eraseText(r: ErasureReceipt, dryRun: boolean): string[] {
  const width = Math.max(...r.counts.map((c) => `${c.table} ${c.strategy}`.length));
  return [
    dryRun ? `Dry run: erasing subject ${r.subject.slice(0, 12)}… would touch (nothing was changed):` : `Erased subject ${r.subject.slice(0, 12)}… (request ${r.requestId}):`,
    ...r.counts.map((c) => `  ${`${c.table} ${c.strategy}`.padEnd(width)}  ${c.rows} row${c.rows === 1 ? '' : 's'}`),
  ];
}

function requireSubject(o: GdprRequestOptions, action: string): string {
  const subject = o.subject?.trim();
  if (!subject) throw new UsageError(`gdpr ${action} needs --subject ID (the value of the subject table's identifying column)`);
  return subject;
}

/** Exit 3 with one line: the id matches no row of the subject table, so nothing was read or recorded. */
function noSuchSubject(json: boolean): number {
  const error = new DihyaError('VALIDATION_FAILED', 'no such subject: no row of the subject table has this id; nothing was exported, erased or recorded');
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
  else process.stderr.write(`dihya: ${error.message}\n`);
  return EXIT.checkFailed;
}
