import { postgresLock } from '../postgres-locks.js';
import { nameKey } from '../schema-tracker.js';
import { onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** ACCESS EXCLUSIVE locks on several existing tables held by one revision's transaction. */
export const multipleHeavyLocks: LintRule = {
  id: 'multiple-heavy-locks',
  code: 'DL114',
  title: 'several tables locked exclusively in one transaction',
  severity: 'warning',
  dialects: ['postgres'],
  why:
    'A revision runs in one transaction, so every ACCESS EXCLUSIVE lock it takes is held until it commits: each table stays ' +
    'blocked while the others are changed, and two sessions taking the same locks in another order deadlock.',
  fix: 'Split the revision so that each one takes the strong lock of one table only.',
  checkRevision(ctx) {
    const locked: string[] = [];
    // A table renamed by the revision is still the one table it locked.
    const renamed = new Map<string, string>();
    const key = (t: string) => renamed.get(nameKey(t)) ?? nameKey(t);
    for (const lc of ctx.changes) {
      const table = 'table' in lc.change ? lc.change.table : lc.known.indexTable;
      if (lc.change.kind === 'renameTable') renamed.set(nameKey(lc.change.to), key(lc.change.table));
      if (!table || postgresLock(lc.change) !== 'access exclusive' || !onExistingTable(lc)) continue;
      if (locked.some((t) => key(t) === key(table))) continue;
      locked.push(table);
      if (locked.length === 2) ctx.report(placeOf(lc), `locks ${locked[0]} and ${locked[1]} (ACCESS EXCLUSIVE) in the same transaction`);
    }
  },
};
