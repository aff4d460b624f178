/**
 * Every target form of the README on a linear project: a full id, a unique prefix, `head`,
 * `heads`, `base`, `+N`, `-N`, `REV+N`, `REV-N` and `label@head`, each checked against the tables
 * the database really holds afterwards.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { cliFor, projectWith, tableRevision } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState } from '../support/databases.js';

const IDS = ['aa11bb22cc01', 'bb22cc33dd02', 'cc33dd44ee03', 'dd44ee55ff04', 'ee55ff66aa05'] as const;
const [R1, R2, R3, R4, R5] = IDS;
const TABLES = ['t1', 't2', 't3', 't4', 't5'];
const BOOKKEEPING = ['dihya_audit', 'dihya_history', 'dihya_version'];

function project(): string {
  const files: Record<string, string> = {};
  IDS.forEach((id, i) => {
    files[`00${i + 1}_t${i + 1}.ts`] = tableRevision(id, i === 0 ? null : IDS[i - 1]!, TABLES[i]!, i === 0 ? "branchLabels: ['core']," : '');
  });
  return projectWith(files);
}

describe('targets', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('each target form lands on the revision it names', async () => {
        const db = await pool.fresh();
        const run = cliFor(project(), db.url);

        /** Runs a migration and checks the heads it reports and the tables the database holds. */
        async function expectAt(args: string[], heads: string[], applied: number): Promise<void> {
          const r = await run(...args, '--json');
          assert.equal(r.status, 0, `dihya ${args.join(' ')}: ${r.stderr}`);
          assert.deepEqual(JSON.parse(r.stdout).heads, heads, `dihya ${args.join(' ')}`);
          const state = await databaseState(db.url);
          assert.deepEqual(state.tables, [...BOOKKEEPING, ...TABLES.slice(0, applied)].sort(), `tables after dihya ${args.join(' ')}`);
          assert.deepEqual(state.version, heads, `dihya_version after dihya ${args.join(' ')}`);
          assert.deepEqual(state.history, IDS.slice(0, applied).sort(), `dihya_history after dihya ${args.join(' ')}`);
        }

        await expectAt(['upgrade', '+2'], [R2], 2);
        await expectAt(['upgrade', R3.slice(0, 4)], [R3], 3);
        await expectAt(['downgrade', '-2'], [R1], 1);
        await expectAt(['upgrade', `${R1}+3`], [R4], 4);
        await expectAt(['upgrade', 'head'], [R5], 5);
        await expectAt(['downgrade', `${R5}-3`], [R2], 2);
        await expectAt(['upgrade', R4], [R4], 4);
        await expectAt(['downgrade', 'base'], [], 0);
        await expectAt(['upgrade', 'core@head'], [R5], 5);
        await expectAt(['downgrade', 'core@-4'], [R1], 1);
        await expectAt(['upgrade', 'heads'], [R5], 5);
      });
    });
  }
});
