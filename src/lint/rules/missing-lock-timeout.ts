import type { LocatedChange } from '../change.js';
import { postgresLock } from '../postgres-locks.js';
import { onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** Heavy DDL on PostgreSQL with nothing that bounds how long it waits for its lock. */
export const missingLockTimeout: LintRule = {
  id: 'missing-lock-timeout',
  code: 'DL113',
  title: 'lock-taking DDL without lock_timeout',
  severity: 'error',
  dialects: ['postgres'],
  why:
    'A statement that needs a strong lock waits behind every running transaction on the table, and while it waits every new ' +
    'query on the table queues behind it: one long report can stop the application. lock_timeout makes the migration give up instead.',
  fix: "Set session: { lockTimeout: '5s' } in migrations/env.ts (applied to every revision), or start the revision with SET lock_timeout = '5s'.",
  checkRevision(ctx) {
    if (ctx.project.lockTimeoutConfigured) return;
    for (const lc of ctx.changes) {
      if (setsLockTimeout(lc)) return;
      const lock = postgresLock(lc.change);
      if (!lock || lock === 'share update exclusive' || !onExistingTable(lc)) continue;
      const table = 'table' in lc.change ? lc.change.table : (lc.known.indexTable ?? 'its table');
      ctx.report(placeOf(lc), `waits for ${lock.startsWith('a') ? 'an' : 'a'} ${lock.toUpperCase()} lock on ${table} with no lock_timeout set`);
      return;
    }
  },
};

function setsLockTimeout(lc: LocatedChange): boolean {
  const c = lc.change;
  return c.kind === 'setting' && c.name === 'lock_timeout' && c.value.trim() !== '' && !/^0+(ms|s|min)?$/.test(c.value.trim());
}
