import type { SchemaModel, TableModel } from '../schema/schema-model.js';
import type { DataMap } from './data-map.js';
import { retentionCutoff } from './purge-cutoff.js';

/** The subjects a purge erases for good: flagged by an erasure longer ago than the retention. */
export interface SoftDeletedTarget {
  readonly table: string;
  /** The root's identifying column. */
  readonly column: string;
  /** The boolean soft-delete column (`is_rgpd_deleted`). */
  readonly flag: string;
  /** The timestamp soft-delete column (`rgpd_deleted_at`): when the clock started. */
  readonly deletedAt: string;
  readonly retention: string;
}

/** A table whose rows are dated by `agedBy` and kept no longer than `retention`. */
export interface AgedTarget {
  readonly table: string;
  readonly agedBy: string;
  readonly retention: string;
}

/** What a purge looks at, and why anything the map declares cannot be purged. */
export interface PurgeTargets {
  readonly softDeleted: SoftDeletedTarget | undefined;
  /**
   * Tables whose rows are kept longer than the subject (their table retention, else their longest
   * column retention, exceeds the soft-delete retention): a purge leaves their rows, erased, and
   * the subject's row they point to.
   */
  readonly retained: readonly string[];
  readonly aged: readonly AgedTarget[];
  /** One line per declaration the purge must skip, naming table and column and what to declare. */
  readonly skipped: readonly string[];
}

const BOOLEAN = /bool|tinyint\(1\)|^bit/;
const TIMESTAMP = /time|date/;

/**
 * Reads from the map what retention enforcement acts on. The subject root's `soft-delete` columns
 * are told apart by their live type (a boolean flag, a timestamp); the root's retention is its
 * table annotation's, else the timestamp column's. A table is aged by the column its annotation
 * names in `agedBy`, against its table retention: naming the column beats guessing among several
 * `*_at` columns (created, updated, consented…), which date different things.
 *
 * @example purgeTargets(map, live).softDeleted // { table: 'users', flag: 'is_rgpd_deleted', deletedAt: 'rgpd_deleted_at', retention: 'P5Y', … }
 */
export function purgeTargets(map: DataMap, live: SchemaModel): PurgeTargets {
  const skipped: string[] = [];
  const liveTable = (name: string) => live.tables.find((t) => t.name === name);
  let softDeleted: SoftDeletedTarget | undefined;
  const roots = map.tables.filter((t) => t.personal?.subject !== undefined);
  const root = roots.length === 1 ? roots[0]! : undefined;
  if (root) {
    const columns = root.columns.filter((c) => c.personal !== false && c.personal.strategy === 'soft-delete');
    const table = liveTable(root.name);
    const flag = columns.find((c) => BOOLEAN.test(typeOf(table, c.name)));
    const deletedAt = columns.find((c) => c !== flag && TIMESTAMP.test(typeOf(table, c.name)));
    const retention = root.personal?.retention ?? (deletedAt && deletedAt.personal !== false ? deletedAt.personal.retention : undefined);
    if (flag && deletedAt && retention) {
      softDeleted = { table: root.name, column: root.personal!.subject!, flag: flag.name, deletedAt: deletedAt.name, retention };
    } else if (columns.length) {
      skipped.push(`${root.name}: soft-delete needs a boolean flag column, a timestamp column and a retention on the table or the timestamp column`);
    }
  }
  const aged: AgedTarget[] = [];
  for (const t of map.tables) {
    const agedBy = t.personal?.agedBy;
    if (agedBy === undefined) continue;
    const retention = t.personal?.retention;
    if (!retention) skipped.push(`${t.name}: agedBy '${agedBy}' needs a table retention, e.g. retention: 'P3Y'`);
    else if (!liveTable(t.name)?.columns.some((c) => c.name === agedBy)) skipped.push(`${t.name}.${agedBy}: agedBy names a column the database does not have`);
    else aged.push({ table: t.name, agedBy, retention });
  }
  const retained = softDeleted ? outliving(map, softDeleted) : [];
  return { softDeleted, retained, aged, skipped };
}

/** The tables of the map whose rows an erasure keeps and whose retention is longer than the subject's, compared at one instant. */
function outliving(map: DataMap, s: SoftDeletedTarget): string[] {
  const at = new Date(Date.UTC(2000, 0, 1));
  const subject = retentionCutoff(s.retention, at).getTime();
  return map.tables.filter((t) => {
    if (t.name === s.table) return false;
    // A table erasure deletes from keeps nothing of the subject to outlive them.
    const columns = t.columns.flatMap((c) => (c.personal === false ? [] : [c.personal.strategy]));
    if (t.personal?.strategy === 'delete' || (columns.length > 0 && columns.every((c) => c === 'delete'))) return false;
    const periods = t.personal?.retention ? [t.personal.retention] : t.columns.flatMap((c) => (c.personal !== false && c.personal.retention ? [c.personal.retention] : []));
    return periods.some((p) => retentionCutoff(p, at).getTime() < subject);
  }).map((t) => t.name).sort();
}

function typeOf(table: TableModel | undefined, column: string): string {
  return table?.columns.find((c) => c.name === column)?.type ?? '';
}
