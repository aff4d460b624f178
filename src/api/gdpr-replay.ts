import { dirname, join, resolve } from 'node:path';
import type { DatabaseUrl } from '../dialects/database-url.js';
import { UsageError } from '../core/errors.js';
import { buildDataMap } from '../gdpr/data-map.js';
import { purgeTargets } from '../gdpr/purge.js';
import { erasuresSince, matchSubjects, readReceiptFiles } from '../gdpr/replay.js';
import { scanSubjectIds } from '../gdpr/replay-scan.js';
import { gdprKey } from '../gdpr/subject-hmac.js';
import { AuditTrail } from '../runner/audit-trail.js';
import { Bookkeeping } from '../runner/bookkeeping.js';
import { eraseInBatches } from './gdpr-bulk.js';
import type { ErasureReceipt } from './gdpr-erase.js';
import { Project } from './project.js';

/** Options of {@link gdprReplay}. */
export interface ReplayOptions {
  /** The restored backup's time: erasures at or after it are replayed. */
  readonly since: Date;
  /** Receipt files: a folder or one file (default: `gdpr-receipts` beside the migrations folder). */
  readonly receipts?: string;
  /** Read the receipts from this environment's audit trail instead (e.g. an archive of production's). */
  readonly fromEnv?: string;
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a replay found and did. */
export interface ReplayResult {
  /** Where the receipts came from: a path, or `env:<name>`. */
  readonly source: string;
  /** Erasure receipts read from the source, since `since`. */
  readonly receiptsRead: number;
  /** Subjects of the restored database whose HMAC a receipt names. */
  readonly matched: number;
  /** One receipt per subject erased again (kind 'replay'). */
  readonly receipts: readonly ErasureReceipt[];
}

/**
 * After a backup is restored, erases again every subject erased since the backup was taken, so a
 * restore never brings an erased person back. Receipts hold only HMACs, so every id of the restored
 * root table is hashed with the same `DIHYA_GDPR_KEY` and the matches are erased (kind 'replay').
 * The restored database's own audit trail is as old as the backup, so receipts are read from the
 * receipt files, or from another environment's audit trail.
 *
 * @example
 * const r = await gdprReplay(await Project.open({ env: 'production' }), { since: new Date('2026-03-01T02:00:00Z') });
 * const summary = `${r.receiptsRead} receipts, ${r.matched} subjects erased again`;
 */
export async function gdprReplay(project: Project, options: ReplayOptions): Promise<ReplayResult> {
  if (Number.isNaN(options.since.getTime())) throw new UsageError('--since is not a date; pass the backup time as ISO 8601, e.g. 2026-03-01T02:00:00Z');
  const key = gdprKey();
  const { source, found } = options.fromEnv ? await fromAudit(project, options.fromEnv, options.since) : fromFiles(project, options);
  const map = buildDataMap(project.config.schema, project.config.dataMap);
  const root = map.tables.filter((t) => t.personal?.subject !== undefined);
  if (root.length !== 1) throw new UsageError('the personal-data map names no single subject table; mark it with personal: { subject: \'<column>\' }');
  const matches: string[] = [];
  const subjects = found.subjects;
  let retained: string[] = [];
  if (subjects.size) {
    const dialect = await project.dialect();
    const conn = await project.connect({ readOnly: true });
    try {
      const scan = { table: root[0]!.name, column: root[0]!.personal!.subject! };
      if (conn) {
        if (found.purged.size) retained = [...purgeTargets(map, await dialect.introspect(conn)).retained];
        await scanSubjectIds(conn, dialect, scan, 1000, (ids) => void matches.push(...matchSubjects(ids, subjects, key)));
      }
    } finally {
      await conn?.close();
    }
  }
  // A subject a purge removed for good is purged again; the others are erased again.
  const purged = new Set(matchSubjects(matches, found.purged, key));
  const again = (ids: string[], purge: boolean) => (ids.length
    ? eraseInBatches(project, ids, { ...options, kind: 'replay', ...(purge ? { purge: { retained: new Set(retained) } } : {}) })
    : Promise.resolve([]));
  const receipts = [...await again(matches.filter((id) => !purged.has(id)), false), ...await again([...purged], true)];
  return { source, receiptsRead: found.receipts, matched: matches.length, receipts };
}

/** Whether two URLs name one database (embedded files and folders compared by absolute path; in-memory ones never are). */
function sameDatabase(a: DatabaseUrl, b: DatabaseUrl): boolean {
  const where = (u: DatabaseUrl) => {
    if (u.kind === 'sqlite') return u.file === ':memory:' ? null : `sqlite:${resolve(u.file)}`;
    if (u.kind === 'pglite') return u.dir === null ? null : `pglite:${resolve(u.dir)}`;
    return u.text;
  };
  return where(a) !== null && where(a) === where(b);
}

type Found = { source: string; found: ReturnType<typeof erasuresSince> };

function fromFiles(project: Project, options: ReplayOptions): Found {
  const path = options.receipts ?? join(dirname(project.dir), 'gdpr-receipts');
  return { source: path, found: erasuresSince(readReceiptFiles(path), options.since) };
}

/** The `gdpr-erase` events of another environment's audit trail, since the backup's time. */
async function fromAudit(project: Project, env: string, since: Date): Promise<Found> {
  const other = await Project.open({ dir: project.dir, env, ownUrl: true });
  if (sameDatabase(other.databaseUrl, project.databaseUrl)) {
    throw new UsageError(`environment '${env}' is the database being restored; --from-env names the environment whose audit trail holds the erasures (set DIHYA_${env.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL)`);
  }
  const dialect = await other.dialect();
  const conn = await other.connect({ readOnly: true });
  if (!conn) throw new UsageError(`environment '${env}' has no database yet; pass the environment whose audit trail holds the erasures`);
  try {
    if (!(await new Bookkeeping(conn, dialect).exists())) throw new UsageError(`environment '${env}' has no audit trail; pass the environment whose audit trail holds the erasures`);
    const events = await new AuditTrail(conn, dialect).list(since);
    return { source: `env:${env}`, found: erasuresSince(events.filter((e) => e.event === 'gdpr-erase').map((e) => e.details), since) };
  } finally {
    await conn.close();
  }
}
