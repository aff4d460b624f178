/**
 * The everyday commands on a linear project, as a user types them: upgrade, downgrade, current,
 * heads, history, show, stamp and validate, with the exact `--json` documents and the real state of
 * the database after each.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, json, projectWith, stderrLines, tableRevision } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState } from '../support/databases.js';

const R1 = 'a1b2c3d4e5f6';
const R2 = 'b2c3d4e5f6a1';
const R3 = 'c3d4e5f6a1b2';
const BOOKKEEPING = ['dihya_audit', 'dihya_history', 'dihya_version'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function linearProject(): string {
  return projectWith({
    '001_accounts.ts': tableRevision(R1, null, 'accounts'),
    '002_orders.ts': tableRevision(R2, R1, 'orders'),
    '003_invoices.ts': tableRevision(R3, R2, 'invoices'),
  });
}

const steps = (doc: { steps: Array<{ revision: string; direction: string }> }) => doc.steps.map((s) => [s.revision, s.direction]);

describe('everyday commands', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('read-only commands on an empty database report base and create nothing', async () => {
        const db = await pool.fresh();
        const run = cliFor(linearProject(), db.url);

        const cur = await run('current', '--json');
        assert.equal(cur.status, 0, cur.stderr);
        assert.deepEqual(JSON.parse(cur.stdout), { heads: [] });
        assert.deepEqual(json(await run('heads', '--json')), { heads: [R3] });
        const hist = await run('history', '--json');
        assert.equal(hist.status, 0, hist.stderr);
        assert.deepEqual(
          JSON.parse(hist.stdout).revisions.map((r: { revision: string; applied: boolean; appliedAt: null }) => [r.revision, r.applied, r.appliedAt]),
          [[R1, false, null], [R2, false, null], [R3, false, null]],
        );
        assert.match((await run('current')).stdout, /^base \(no revision applied\)$/m);
        assert.deepEqual((await databaseState(db.url)).tables, [], 'a read-only command created tables');
      });

      test('upgrade, downgrade and the read-only views follow the database', async () => {
        const db = await pool.fresh();
        const run = cliFor(linearProject(), db.url);

        const up = await run('upgrade', '--json');
        assert.equal(up.status, 0, up.stderr);
        const upDoc = JSON.parse(up.stdout);
        assert.equal(upDoc.direction, 'upgrade');
        assert.deepEqual(steps(upDoc), [[R1, 'up'], [R2, 'up'], [R3, 'up']]);
        assert.deepEqual(upDoc.heads, [R3]);
        let state = await databaseState(db.url);
        assert.deepEqual(state.tables, ['accounts', ...BOOKKEEPING, 'invoices', 'orders']);
        assert.deepEqual(state.version, [R3]);
        assert.deepEqual(state.history, [R1, R2, R3]);
        assert.deepEqual(state.audit.map((e) => [e.event, e.revision]), [['upgrade', R1], ['upgrade', R2], ['upgrade', R3]]);

        const again = await run('upgrade');
        assert.equal(again.status, 0, again.stderr);
        assert.match(again.stdout, new RegExp(`Nothing to do: the database is at ${R3}`));

        const cur = await run('current', '--json');
        assert.deepEqual(JSON.parse(cur.stdout), { heads: [R3] });

        const hist = await run('history', '--json');
        const doc = JSON.parse(hist.stdout);
        assert.deepEqual(Object.keys(doc), ['revisions']);
        const revisions = doc.revisions as Array<Record<string, unknown>>;
        for (const r of revisions) assert.deepEqual(Object.keys(r), ['revision', 'downRevisions', 'message', 'applied', 'appliedAt']);
        assert.deepEqual(revisions.map((r) => [r.revision, r.downRevisions, r.message, r.applied]), [
          [R1, [], 'create accounts', true],
          [R2, [R1], 'create orders', true],
          [R3, [R2], 'create invoices', true],
        ]);
        for (const r of revisions) assert.match(String(r.appliedAt), ISO);

        const range = await run('history', '-r', `${R2.slice(0, 4)}:`, '--json');
        assert.equal(range.status, 0, range.stderr);
        assert.deepEqual(JSON.parse(range.stdout).revisions.map((r: { revision: string }) => r.revision), [R2, R3]);

        const shown = await run('show', R2.slice(0, 6), '--json');
        assert.equal(shown.status, 0, shown.stderr);
        const s = JSON.parse(shown.stdout);
        assert.deepEqual([s.revision, s.downRevisions, s.children, s.applied, s.head], [R2, [R1], [R3], true, false]);
        assert.match(s.appliedAt, ISO);
        assert.match(s.file, /002_orders\.ts$/);

        const down = await run('downgrade', '-1', '--json');
        assert.equal(down.status, 0, down.stderr);
        assert.deepEqual(steps(JSON.parse(down.stdout)), [[R3, 'down']]);
        state = await databaseState(db.url);
        assert.deepEqual(state.tables, ['accounts', ...BOOKKEEPING, 'orders']);
        assert.deepEqual(state.version, [R2]);
        assert.deepEqual(state.history, [R1, R2]);
        assert.deepEqual(state.audit.at(-1), { id: 4, event: 'downgrade', revision: R3 });
        const text = (await run('history')).stdout.split('\n').filter(Boolean);
        assert.equal(text.length, 3);
        assert.match(text[0]!, new RegExp(`^<base> -> ${R1}  create accounts  \\[applied ${ISO.source.slice(1, -1)}\\]$`));
        assert.match(text[1]!, new RegExp(`^${R1} -> ${R2}  create orders  \\[applied .*\\] \\(current\\)$`));
        assert.match(text[2]!, new RegExp(`^${R2} -> ${R3}  create invoices  \\[pending\\]$`));

        const base = await run('downgrade', 'base');
        assert.equal(base.status, 0, base.stderr);
        assert.match(base.stdout, /the database is at base/);
        assert.match(base.stderr, new RegExp(`downgraded ${R2}[\\s\\S]*downgraded ${R1}`));
        state = await databaseState(db.url);
        assert.deepEqual(state.tables, BOOKKEEPING);
        assert.deepEqual(state.version, []);
        assert.deepEqual(state.history, []);
        const hist2 = json(await run('history', '--json'));
        assert.deepEqual(hist2.revisions.map((r: { applied: boolean; appliedAt: null }) => [r.applied, r.appliedAt]), [[false, null], [false, null], [false, null]]);
      });

      test('stamp moves the version without running anything, and is audited', async () => {
        const db = await pool.fresh();
        const run = cliFor(linearProject(), db.url);

        const stamped = await run('stamp', 'heads', '--json');
        assert.equal(stamped.status, 0, stamped.stderr);
        assert.deepEqual(JSON.parse(stamped.stdout), { from: [], heads: [R3] });
        let state = await databaseState(db.url);
        assert.deepEqual(state.tables, BOOKKEEPING, 'stamp ran a migration');
        assert.deepEqual(state.version, [R3]);
        assert.deepEqual(state.history, [], 'a stamped revision never ran here');
        assert.deepEqual(state.audit.map((e) => [e.event, e.revision]), [['stamp', R3]]);
        assert.match((await run('show', R1)).stdout, /^Applied:\s+yes \(stamped\)$/m);

        // Stamping below a revision that really ran takes it out of the history, as a downgrade would.
        assert.equal((await run('stamp', 'base')).status, 0);
        assert.equal((await run('upgrade', R1.slice(0, 4))).status, 0);
        assert.equal((await run('stamp', R2)).status, 0);
        state = await databaseState(db.url);
        assert.deepEqual(state.tables, ['accounts', ...BOOKKEEPING]);
        assert.deepEqual(state.version, [R2]);
        assert.deepEqual(state.history, [R1]);
        const back = await run('stamp', 'base', '--json');
        assert.deepEqual(JSON.parse(back.stdout), { from: [R2], heads: [] });
        state = await databaseState(db.url);
        assert.deepEqual(state.version, []);
        assert.deepEqual(state.history, [], 'a revision stamped away still shows as applied in dihya_history');
        assert.deepEqual(state.tables, ['accounts', ...BOOKKEEPING], 'stamp dropped a table');
        assert.deepEqual(state.audit.map((e) => e.event), ['stamp', 'stamp', 'upgrade', 'stamp', 'stamp']);
        const hist = json(await run('history', '--json'));
        assert.deepEqual(hist.revisions.map((r: { applied: boolean; appliedAt: null }) => [r.applied, r.appliedAt]), [[false, null], [false, null], [false, null]]);
        const verify = await run('audit', 'verify');
        assert.equal(verify.status, 0, verify.stdout + verify.stderr);
      });

      test('an applied revision whose file is gone is reported, and stamp repairs the version table', async () => {
        const db = await pool.fresh();
        const dir = linearProject();
        const run = cliFor(dir, db.url);
        assert.equal((await run('upgrade')).status, 0);
        rmSync(join(dir, 'migrations', 'versions', '003_invoices.ts'));

        const refused = await run('upgrade');
        assert.equal(refused.status, 2, refused.stderr);
        assert.equal(stderrLines(refused).length, 1, refused.stderr);
        assert.match(refused.stderr, new RegExp(`unknown revision '${R3}'.*dihya stamp`));
        const validate = await run('validate', '--json');
        assert.equal(validate.status, 3, validate.stderr);
        assert.deepEqual(JSON.parse(validate.stdout), { ok: false, checked: 3, changed: [], missing: [R3] });
        assert.match((await run('current')).stdout, new RegExp(`^${R3}  \\(unknown to this folder\\)$`, 'm'));

        // What the message advises works: stamping the revision the database really is at.
        const repaired = await run('stamp', R2, '--json');
        assert.equal(repaired.status, 0, repaired.stderr);
        assert.deepEqual(JSON.parse(repaired.stdout), { from: [R3], heads: [R2] });
        const state = await databaseState(db.url);
        assert.deepEqual(state.version, [R2]);
        assert.deepEqual(state.history, [R1, R2]);
        assert.equal((await run('validate')).status, 0);
      });
    });
  }
});
