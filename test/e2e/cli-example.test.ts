/**
 * The example project of the README (9 revisions, a health/legal branch and its merge, one SQL
 * revision, seeded data and a data migration): upgrade to head, read the history, downgrade to base.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, copyExample } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState, withDatabase } from '../support/databases.js';

const ORDER = ['a1c3e5f7b9d1', 'b2d4f6a8c0e2', 'c3e5a7b9d1f3', 'd4f6b8c0e2a4', 'e5a7c9d1f3b5', 'f6b8d0e2a4c6', 'a7c9e1f3b5d7', 'b8d0f2a4c6e8', 'c9e1a3b5d7f9'];
const MERGE = 'e5a7c9d1f3b5';
const HEAD = 'c9e1a3b5d7f9';
const BOOKKEEPING = ['dihya_audit', 'dihya_history', 'dihya_version'];
const TABLES = ['business_templates', 'content_translations', ...BOOKKEEPING, 'health_records', 'legal_cases', 'locales', 'roles', 'users'];

describe('the example project', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('upgrade head, history, downgrade base', async () => {
        const db = await pool.fresh();
        const dir = copyExample();
        const run = cliFor(dir, db.url);

        const up = await run('upgrade', 'head');
        assert.equal(up.status, 0, up.stderr);
        assert.equal(up.stdout.trim(), `Upgraded 9 revisions; the database is at ${HEAD}.`);
        assert.equal(up.stderr.split('\n').filter((l) => l.startsWith('  upgraded ')).length, 9, up.stderr);
        const state = await databaseState(db.url);
        assert.deepEqual(state.tables, TABLES);
        assert.deepEqual(state.version, [HEAD]);
        assert.deepEqual(state.history, [...ORDER].sort());
        const data = await withDatabase(db.url, async (q) => ({
          roles: (await q<{ name: string }>('SELECT name FROM roles ORDER BY id')).map((r) => r.name),
          templates: (await q<{ domain: string; category: string; version: number }>('SELECT domain, category, version FROM business_templates ORDER BY id'))
            .map((r) => [r.domain, r.category, Number(r.version)]),
          locales: (await q<{ code: string }>('SELECT code FROM locales ORDER BY code')).map((r) => r.code),
          userColumns: await q('SELECT email, role_id, is_rgpd_deleted, rgpd_deleted_at, preferred_locale FROM users'),
        }));
        assert.deepEqual(data.roles, ['admin', 'member', 'practitioner', 'lawyer']);
        assert.deepEqual(data.templates, [['health', 'regulated', 2], ['legal', 'regulated', 2], ['retail', 'general', 2]]);
        assert.deepEqual(data.locales, ['ar', 'en', 'fr']);
        assert.deepEqual(data.userColumns, []);

        const hist = await run('history', '--json');
        assert.equal(hist.status, 0, hist.stderr);
        const revisions = JSON.parse(hist.stdout).revisions as Array<{ revision: string; downRevisions: string[]; applied: boolean; appliedAt: string }>;
        assert.deepEqual(revisions.map((r) => r.revision).sort(), [...ORDER].sort());
        assert.equal(revisions[0]!.revision, ORDER[0]);
        assert.equal(revisions.at(-1)!.revision, HEAD);
        const position = new Map(revisions.map((r, i) => [r.revision, i]));
        for (const r of revisions) {
          for (const parent of r.downRevisions) assert.ok(position.get(parent)! < position.get(r.revision)!, `${parent} is listed after its child ${r.revision}`);
        }
        assert.deepEqual(revisions.find((r) => r.revision === MERGE)!.downRevisions, ['c3e5a7b9d1f3', 'd4f6b8c0e2a4']);
        assert.ok(revisions.every((r) => r.applied && !Number.isNaN(Date.parse(r.appliedAt))));
        const text = (await run('history')).stdout;
        assert.match(text, new RegExp(`^c3e5a7b9d1f3, d4f6b8c0e2a4 -> ${MERGE}  merge health and legal domains  \\[applied [^\\]]+\\] \\(merge\\)$`, 'm'));

        const down = await run('downgrade', 'base');
        assert.equal(down.status, 0, down.stderr);
        assert.equal(down.stdout.trim(), 'Downgraded 9 revisions; the database is at base.');
        const after = await databaseState(db.url);
        assert.deepEqual(after.tables, BOOKKEEPING);
        assert.deepEqual(after.version, []);
        assert.deepEqual(after.history, []);
        assert.equal(after.audit.length, 18);
        assert.deepEqual(after.audit.slice(9).map((e) => e.event), Array(9).fill('downgrade'));
        const verify = await run('audit', 'verify');
        assert.equal(verify.status, 0, verify.stdout + verify.stderr);

        // env.ts names a log file: one JSON line per applied step.
        const log = readFileSync(join(dir, 'dihya-migrations.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
        assert.equal(log.length, 18);
        assert.deepEqual(log.slice(0, 9).map((l) => l.revision).sort(), [...ORDER].sort());
        assert.ok(log.every((l) => typeof l.auditHash === 'string' && l.environment === 'development'));
      });
    });
  }
});
