import { DihyaError } from '../core/errors.js';
import type { ErasePlan, TablePlan } from './erase-plan.js';
import { erasedValue } from './erase-values.js';
import { comparable, type EraseSession } from './erase-writes.js';
import type { OwnedRow } from './subject-rows.js';

/** The rows read before and after an erasure, and what was decided for each table and subject. */
export interface Decided {
  readonly before: ReadonlyMap<string, readonly OwnedRow[]>;
  /** Re-read after the changes, for every table where something was not kept. */
  readonly after: ReadonlyMap<string, readonly OwnedRow[]>;
  readonly decide: (t: TablePlan, subject: string) => TablePlan['action'];
}

/**
 * Checks, on the rows read again after an erasure, that the policy was carried out: rows to delete
 * are gone, emptied columns are NULL, and every replaced value differs from what was there (unless
 * it already was the replacement: an erased person erased again). Throws VALIDATION_FAILED naming
 * the table and column, never a value, so the caller rolls back.
 *
 * @example checkErased(session, plan, { before, after, decide });
 */
export function checkErased(s: EraseSession, plan: ErasePlan, d: Decided): void {
  for (const t of plan.tables) {
    const after = d.after.get(t.table);
    if (!after) continue;
    const deleted = after.filter((r) => d.decide(t, r.subject) === 'delete');
    if (deleted.length) throw remaining(`${deleted.length} row${deleted.length === 1 ? '' : 's'} of ${t.table} (strategy delete)`);
    const old = new Map((d.before.get(t.table) ?? []).map((r) => [comparable(r.row[t.key]), r.row]));
    for (const { subject, row } of after) {
      if (d.decide(t, subject) !== 'update') continue;
      const was = old.get(comparable(row[t.key]));
      for (const c of t.columns) {
        if (c.strategy === 'keep' || c.strategy === 'soft-delete') continue;
        const now = row[c.name];
        if (c.strategy === 'null' || c.strategy === 'delete') {
          if (now !== null && now !== undefined) throw remaining(`${t.table}.${c.name} (strategy ${c.strategy}) is not empty`);
          continue;
        }
        const prior = was?.[c.name];
        if (prior === null || prior === undefined || now === null || now === undefined) continue;
        const expected = erasedValue(t.table, c, { key: row[t.key], value: prior, gdprKey: s.gdprKey, now: s.now });
        if (comparable(now) === comparable(prior) && comparable(prior) !== comparable(expected)) throw remaining(`${t.table}.${c.name} (strategy ${c.strategy}) still holds its value`);
      }
    }
  }
}

function remaining(what: string): DihyaError {
  return new DihyaError('VALIDATION_FAILED', `gdpr erase: after erasure ${what}; the erasure was rolled back — check for triggers or defaults that rewrite that column, then run it again`);
}
