/**
 * Erasure at scale on the example project with its fictitious people: a file of subjects erased in
 * batches, and `gdpr replay` erasing again, on a restored backup, the people erased since the backup
 * was taken. No seeded value ever shows in the output.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { subjectHmac } from '../../src/gdpr/subject-hmac.js';
import { dihyaAsync, json, write } from '../support/cli.js';
import { databaseKinds, databasePool, withDatabase } from '../support/databases.js';
import { assertNoSeededValue, backupOf, receiptFiles, SEED, seededExample } from '../support/example-seed.js';

const KEY = 'example-gdpr-key-for-the-tests-0123';
const ENV = { DIHYA_GDPR_KEY: KEY };

interface Person { id: string; email: string; erased: boolean; health: number; cases: string[] }

async function people(url: string): Promise<Person[]> {
  return withDatabase(url, async (q) => {
    const users = await q<{ id: unknown; email: string; is_rgpd_deleted: unknown }>('SELECT id, email, is_rgpd_deleted FROM users ORDER BY id');
    const out: Person[] = [];
    for (const u of users) {
      const health = await q<{ n: unknown }>('SELECT COUNT(*) AS n FROM health_records WHERE user_id = ' + Number(u.id));
      const cases = await q<{ reference: string }>('SELECT reference FROM legal_cases WHERE user_id = ' + Number(u.id) + ' ORDER BY id');
      out.push({ id: String(u.id), email: u.email, erased: Boolean(Number(u.is_rgpd_deleted)), health: Number(health[0]!.n), cases: cases.map((c) => c.reference) });
    }
    return out;
  });
}

describe('gdpr erase --subjects-file and replay on the seeded example', () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      const seeded = () => seededExample(pool, ENV);

      test('a subjects file erases its three people in batches, each with a receipt, and nobody else', async () => {
        const { db, dir, run } = await seeded();
        const before = await people(db.url);
        write(join(dir, 'requests.txt'), '# March requests\n1\n\n 2 \n1\n3\n');
        const r = await run('gdpr', 'erase', '--subjects-file', 'requests.txt', '--batch-size', '2', '--json');
        assert.equal(r.status, 0, r.stderr);
        const out = json(r);
        assert.equal(out.inFile, 3);
        assert.equal(out.erased, 3);
        assert.equal(out.receiptsWritten, 3);
        assert.deepEqual(out.receipts.map((x: { subject: string }) => x.subject).sort(), ['1', '2', '3'].map((id) => subjectHmac(id, KEY)).sort());
        const after = await people(db.url);
        for (const p of after.slice(0, 3)) {
          assert.equal(p.erased, true, `user ${p.id} is flagged`);
          assert.equal(p.health, 0, `user ${p.id} keeps no health record`);
          assert.ok(!before.some((b) => b.email === p.email), `user ${p.id} e-mail replaced`);
        }
        assert.deepEqual(after.slice(3), before.slice(3), 'the others are untouched');
        const receipts = receiptFiles(dir);
        assert.equal(receipts.length, 3);
        for (const text of [r.stdout, r.stderr, ...receipts]) assertNoSeededValue('output or receipt', text);

        const text = await run('gdpr', 'erase', '--subjects-file', 'requests.txt');
        assert.equal(text.status, 0, text.stderr);
        assert.match(text.stdout, /Erased 3 subjects of 3 in the file; 3 receipts written\./);
        const missing = await run('gdpr', 'erase', '--subjects-file', 'nowhere.txt');
        assert.equal(missing.status, 2, missing.stderr);
        assert.match(missing.stderr, /subjects file nowhere\.txt does not exist/);
      });

      test('replay erases again, on a restored backup, the person erased since the backup, and nobody else', async () => {
        const { db, dir, run } = await seeded();
        // The backup, taken before the erasure: a copy of the embedded database, a re-seeded server one.
        const backup = await backupOf(pool, db, dir, ENV, SEED);
        const backupTime = new Date(Date.now() - 1000).toISOString();
        const original = await people(backup.url);
        write(join(dir, 'one.txt'), '2\n');
        const erase = await run('gdpr', 'erase', '--subjects-file', 'one.txt');
        assert.equal(erase.status, 0, erase.stderr);

        const r = await dihyaAsync(dir, ['gdpr', 'replay', '--since', backupTime, '--json', '--url', backup.url], ENV);
        assert.equal(r.status, 0, r.stderr);
        const out = json(r);
        assert.equal(out.receiptsRead, 1);
        assert.equal(out.matched, 1);
        assert.deepEqual(out.receipts.map((x: { kind: string; subject: string }) => [x.kind, x.subject]), [['replay', subjectHmac('2', KEY)]]);
        const restored = await people(backup.url);
        const bruno = restored.find((p) => p.id === '2')!;
        assert.equal(bruno.erased, true);
        assert.notEqual(bruno.email, original.find((p) => p.id === '2')!.email);
        assert.deepEqual(bruno.cases.filter((c) => original.find((p) => p.id === '2')!.cases.includes(c)), [], 'case references replaced');
        assert.deepEqual(restored.filter((p) => p.id !== '2'), original.filter((p) => p.id !== '2'), 'the others are untouched');
        for (const text of [r.stdout, r.stderr, erase.stdout, erase.stderr]) assertNoSeededValue('replay output', text);

        // Run again: the replay's own receipt is read too, and the same person is erased once more, harmlessly.
        const text = await dihyaAsync(dir, ['gdpr', 'replay', '--since', backupTime, '--url', backup.url], ENV);
        assert.equal(text.status, 0, text.stderr);
        assert.match(text.stdout, /Read 2 erasure receipts since .*; 1 subject of this database matched, 1 erased again\./);
        assert.deepEqual(await people(backup.url), restored);
        const bad = await dihyaAsync(dir, ['gdpr', 'replay', '--since', 'yesterday', '--url', backup.url], ENV);
        assert.equal(bad.status, 2);
      });
    });
  }
});
