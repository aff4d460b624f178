import { randomUUID } from 'node:crypto';
import { buildDataMap } from '../gdpr/data-map.js';
import { exportSubject, type ExportTable } from '../gdpr/export-subject.js';
import { defaultReceiptPath, writeReceiptFile, type GdprReceipt } from '../gdpr/receipt.js';
import { requestContext } from '../gdpr/request-context.js';
import { gdprKey, subjectHmac } from '../gdpr/subject-hmac.js';
import { currentActor } from '../runner/actor.js';
import { AuditTrail } from '../runner/audit-trail.js';
import { inLockedTransaction } from './locked-session.js';
import type { Project } from './project.js';

export type { ExportTable } from '../gdpr/export-subject.js';

/** A subject's data, table by table, and the receipt of the request. */
export interface SubjectExport {
  /** False when the subject table has no row with this id: nothing is held, nothing was recorded. */
  readonly found: boolean;
  readonly receipt: GdprReceipt;
  readonly tables: readonly ExportTable[];
}

/**
 * Exports every personal column of every row of one subject (GDPR Art. 15 and 20), grouped by
 * table with categories, bases, retentions and strategies. The request is recorded (event
 * 'gdpr-export' in the audit trail, and a receipt file: `receiptPath`, or `gdpr-receipts/<requestId>.json`
 * beside the migrations folder, `false` for none) with the subject as a keyed HMAC and the row
 * counts, never the id or a value.
 *
 * @example
 * const { tables } = await exportSubjectData(await Project.open(), '42');
 */
export async function exportSubjectData(project: Project, subjectId: string, options: { receiptPath?: string | false } = {}): Promise<SubjectExport> {
  const key = gdprKey();
  const map = buildDataMap(project.config.schema, project.config.dataMap);
  const operator = currentActor().actor;
  const result = await inLockedTransaction(project, async (conn, dialect) => {
    const { plan, heads } = await requestContext(conn, dialect, map);
    const tables = await exportSubject(conn, dialect, plan, subjectId);
    const found = (tables.find((t) => t.table === plan.root.table)?.rows.length ?? 0) > 0;
    const receipt: GdprReceipt = {
      requestId: randomUUID(), kind: 'export', subject: subjectHmac(subjectId, key),
      counts: tables.map((t) => ({ table: t.table, strategy: 'export', rows: t.rows.length })), revision: heads, at: new Date().toISOString(), operator,
    };
    if (found) await new AuditTrail(conn, dialect).append({ event: 'gdpr-export', revision: null, durationMs: null, checksum: null, actor: operator, details: { ...receipt } });
    return { found, receipt, tables };
  });
  if (result.found && options.receiptPath !== false) writeReceiptFile(options.receiptPath ?? defaultReceiptPath(project.dir, result.receipt.requestId), result.receipt);
  return result;
}
