import type { ErasePlan, TablePlan } from './erase-plan.js';
import { checkErased, type Decided } from './erase-check.js';
import { deleteRows, guarded, updateRows, type EraseSession } from './erase-writes.js';
import { rowsOfSubjects, type OwnedRow } from './subject-rows.js';

export type { EraseSession } from './erase-writes.js';

/** Rows of one table touched by one strategy (`keep` counts the rows left as they are). */
export interface StrategyCount {
  readonly table: string;
  readonly strategy: string;
  readonly rows: number;
}

/** What erasing one subject did (or, in a dry run, would do). */
export interface SubjectErasure {
  /** The id as it was asked for. */
  readonly subject: string;
  /** False when the subject table has no row with this id: nothing was read or changed. */
  readonly found: boolean;
  /** True when a purge removed every row of the subject, its row in the subject table included. */
  readonly purged: boolean;
  readonly counts: readonly StrategyCount[];
}

/** Options of {@link eraseSubjectSet}. */
export interface EraseSetOptions {
  readonly dryRun: boolean;
  /**
   * Purge instead of erase: retention is over, so the subjects' rows are deleted for good, their
   * row in the subject table last. Rows of `retained` tables (kept longer than the subject) stay as
   * the erasure left them, and so do, for a subject that has such rows, the rows they lead back to
   * the subject through.
   */
  readonly purge?: { readonly retained: ReadonlySet<string> };
}

/** What is done to one table's rows of one subject. */
type Action = TablePlan['action'];

/**
 * Erases a set of subjects along the plan, in the caller's transaction, table by table rather than
 * person by person: one read per table for the whole set, then one DELETE per few hundred rows and
 * one UPDATE per few hundred rows, children before parents, then one read per table again to check
 * that nothing the policy does not keep is left (a VALIDATION_FAILED error, exit 3, so the caller
 * rolls back). A dry run reads and counts only. Database errors come back as one line with every
 * bound value redacted. Returns one result per distinct id, in the order asked.
 *
 * @example const [one] = await eraseSubjectSet(session, plan, ['42'], { dryRun: false });
 */
export async function eraseSubjectSet(s: EraseSession, plan: ErasePlan, subjectIds: readonly string[], options: EraseSetOptions): Promise<SubjectErasure[]> {
  const ids = [...new Set(subjectIds)];
  const root = plan.tables.find((t) => t.table === plan.root.table)!;
  const before = new Map<string, OwnedRow[]>([[root.table, await read(s, plan, root, ids)]]);
  const found = new Set(before.get(root.table)!.map((r) => r.subject));
  const present = ids.filter((id) => found.has(id));
  if (present.length) {
    for (const t of plan.tables) if (t !== root) before.set(t.table, await read(s, plan, t, present));
  }
  const decide = decider(plan, before, options.purge);
  if (present.length && !options.dryRun) {
    for (const t of plan.tables) {
      const rows = before.get(t.table)!;
      const doomed = rows.filter((r) => decide(t, r.subject) === 'delete').map((r) => r.row[t.key]);
      if (doomed.length) await deleteRows(s, t, doomed);
      const updated = rows.filter((r) => decide(t, r.subject) === 'update').map((r) => r.row);
      if (updated.length) await updateRows(s, t, updated);
    }
    const after = new Map<string, OwnedRow[]>();
    for (const t of plan.tables) {
      if (present.some((id) => decide(t, id) !== 'keep')) after.set(t.table, await read(s, plan, t, present));
    }
    checkErased(s, plan, { before, after, decide } satisfies Decided);
  }
  const perSubject = new Map(plan.tables.map((t) => [t.table, tally(before.get(t.table) ?? [])]));
  return ids.map((subject) => {
    if (!found.has(subject)) return { subject, found: false, purged: false, counts: plan.tables.flatMap((t) => strategiesOf(t, t.action).map((strategy) => ({ table: t.table, strategy, rows: 0 }))) };
    const counts = plan.tables.flatMap((t) => {
      const rows = perSubject.get(t.table)!.get(subject) ?? 0;
      return strategiesOf(t, decide(t, subject)).map((strategy) => ({ table: t.table, strategy, rows }));
    });
    return { subject, found: true, purged: Boolean(options.purge) && decide(root, subject) === 'delete', counts };
  });
}

/**
 * What happens to each table's rows of each subject. Erasure follows the plan. A purge deletes,
 * except the rows of retained tables and, for a subject that has such rows, the rows of the tables
 * on their way to the subject (a row that a kept row points to cannot go): those stay as the
 * subject's erasure left them, so purging again changes nothing (a pseudonym is not hashed again).
 */
function decider(plan: ErasePlan, before: ReadonlyMap<string, OwnedRow[]>, purge: EraseSetOptions['purge']): (t: TablePlan, subject: string) => Action {
  if (!purge) return (t) => t.action;
  const retained = plan.tables.filter((t) => t.table !== plan.root.table && t.action !== 'delete' && purge.retained.has(t.table));
  const holders = new Set(retained.flatMap((t) => (before.get(t.table) ?? []).map((r) => r.subject)));
  const onTheWay = new Set(retained.flatMap((t) => t.path.steps.map((step) => step.to)));
  const kept = new Set(retained.map((t) => t.table));
  return (t, subject) => (t.action !== 'delete' && (kept.has(t.table) || (onTheWay.has(t.table) && holders.has(subject))) ? 'keep' : 'delete');
}

/** Rows per subject. */
function tally(rows: readonly OwnedRow[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.subject, (n.get(r.subject) ?? 0) + 1);
  return n;
}

/** The strategies a table's erasure applies, as the receipt counts them. */
function strategiesOf(t: TablePlan, action: Action): string[] {
  if (action === 'delete') return ['delete'];
  if (action === 'keep') return ['keep'];
  return [...new Set(t.columns.map((c) => c.strategy))];
}

function read(s: EraseSession, plan: ErasePlan, t: TablePlan, ids: readonly string[]): Promise<OwnedRow[]> {
  const columns = [t.key, ...t.columns.map((c) => c.name).filter((c) => c !== t.key)];
  return guarded(t.table, ids, () => rowsOfSubjects(s.conn, s.dialect, t.path, plan.root, columns, ids));
}
