/**
 * `dihya gdpr purge` on the seeded example, on every database: the person soft-deleted in 2019 is
 * removed for good once the 5-year retention is over, rows dated past their table's retention
 * (`agedBy`) are erased, and rows kept longer than the person hold the person's erased row back.
 * No seeded value reaches an output, a receipt or the audit trail.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { subjectHmac } from '../../src/gdpr/subject-hmac.js';
import { dihyaAsync, json, write } from '../support/cli.js';
import { databaseKinds, databasePool } from '../support/databases.js';
import { assertNoSeededValue, auditDetails, backupOf, personalRows, receiptFiles, SEED, seededExample, seededValues, type PersonalRows } from '../support/example-seed.js';

const KEY = 'purge-test-key-0123456789abcdef';
const ENV = { DIHYA_GDPR_KEY: KEY };
const OLD_NOTE = 'Invented note: childhood fracture, cast for six weeks.';
/** A health record of Alice's from 1999: past the 20-year retention of health records. */
const OLD_RECORD = `INSERT INTO health_records (user_id, record_type, notes, recorded_at) VALUES (1, 'consultation', '${OLD_NOTE}', '1999-05-04 10:00:00');\n`;
const OLD_CASE = 'EX-2012-0009';
/** A case of Bruno's opened in 2012: past a 10-year retention of legal cases. */
const OLD_CASE_SQL = `INSERT INTO legal_cases (user_id, reference, status, opened_at) VALUES (2, '${OLD_CASE}', 'archived', '2012-01-10');\n`;
const VALUES = seededValues([OLD_NOTE, OLD_CASE]);

const text = (rows: ReadonlyArray<Record<string, unknown>>) => rows.map((r) => JSON.stringify(r));
const without = (rows: PersonalRows, table: keyof PersonalRows, keep: (r: Record<string, unknown>) => boolean) => text(rows[table].filter(keep));

describe('gdpr purge on the seeded example', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('removes for good the person soft-deleted in 2019 and the health records past 20 years, and nothing else', async () => {
        const { db, dir, run } = await seededExample(pool, ENV, OLD_RECORD);
        const before = await personalRows(db.url);
        const dry = await run('gdpr', 'purge', '--dry-run', '--json');
        assert.equal(dry.status, 0, dry.stderr);
        const planned = json(dry);
        assert.deepEqual(planned.receipts.map((r: { subject: string; mode?: string }) => [r.subject, r.mode]), [[subjectHmac('5', KEY), 'purge']]);
        assert.deepEqual(planned.aged.map((a: { table: string; rows: number; action: string }) => [a.table, a.rows, a.action]), [['health_records', 1, 'delete']]);
        assert.deepEqual(await personalRows(db.url), before, 'a dry run changes nothing');

        const backup = await backupOf(pool, db, dir, ENV, SEED + OLD_RECORD);
        const backupTime = new Date(Date.now() - 1000).toISOString();
        const r = await run('gdpr', 'purge', '--json');
        assert.equal(r.status, 0, r.stderr);
        const out = json(r);
        assert.equal(out.softDeleted.retention, 'P5Y');
        assert.deepEqual(out.receipts.map((x: { kind: string; subject: string; mode?: string }) => [x.kind, x.subject, x.mode]), [['purge', subjectHmac('5', KEY), 'purge']]);
        const counts = out.receipts[0].counts.filter((c: { rows: number }) => c.rows > 0).map((c: { table: string; strategy: string; rows: number }) => `${c.table} ${c.strategy} ${c.rows}`);
        assert.deepEqual(counts.sort(), ['legal_cases delete 1', 'users delete 1']);

        const now = await personalRows(db.url);
        assert.deepEqual(text(now.users), without(before, 'users', (u) => String(u.id) !== '5'), 'the person is gone, the others untouched');
        assert.deepEqual(text(now.legal_cases), without(before, 'legal_cases', (c) => String(c.user_id) !== '5'), 'with their case');
        assert.deepEqual(text(now.health_records), without(before, 'health_records', (h) => h.notes !== OLD_NOTE), 'only the 1999 record went');

        const erasures = await auditDetails(db.url, 'gdpr-erase');
        const retention = await auditDetails(db.url, 'gdpr-retention');
        assert.equal(erasures.length, 1);
        assert.match(erasures[0]!, /"kind":"purge"/);
        assert.equal(retention.length, 1);
        assert.match(retention[0]!, /"table":"health_records"/);
        assert.match(retention[0]!, /"strategy":"delete","rows":1/);
        const receipts = receiptFiles(dir);
        assert.equal(receipts.length, 2, 'one receipt for the person, one for the aged rows');
        for (const t of [dry.stdout, dry.stderr, r.stdout, r.stderr, ...erasures, ...retention, ...receipts]) assertNoSeededValue('purge output, audit or receipt', t, VALUES);

        const again = await run('gdpr', 'purge');
        assert.equal(again.status, 0, again.stderr);
        assert.match(again.stdout, /health_records: 0 rows dated by recorded_at before \S+ \S+ \(retention P20Y\) deleted/);
        assert.match(again.stdout, /Purged 0 subjects soft-deleted in users/);
        assert.deepEqual(await personalRows(db.url), now, 'a second purge finds nothing left to do');

        // A backup taken before the purge is restored: replay removes the purged person from it again.
        const restoredBefore = await personalRows(backup.url);
        const replay = await dihyaAsync(dir, ['gdpr', 'replay', '--since', backupTime, '--url', backup.url, '--json'], ENV);
        assert.equal(replay.status, 0, replay.stderr);
        assert.deepEqual(json(replay).receipts.map((x: { kind: string; subject: string; mode?: string }) => [x.kind, x.subject, x.mode]), [['replay', subjectHmac('5', KEY), 'purge']]);
        const restored = await personalRows(backup.url);
        assert.deepEqual(text(restored.users), without(restoredBefore, 'users', (u) => String(u.id) !== '5'), 'the purged person is gone from the restored backup');
        assert.deepEqual(text(restored.legal_cases), without(restoredBefore, 'legal_cases', (c) => String(c.user_id) !== '5'));
        assertNoSeededValue('replay output', replay.stdout + replay.stderr, VALUES);
      });

      test('rows kept longer than the person stay erased and hold the person\'s erased row back; aged kept rows lose their personal values', async () => {
        const { db, dir, run } = await seededExample(pool, ENV, OLD_CASE_SQL);
        // The firm keeps its cases 10 years from their opening: longer than the person's 5 years.
        const env = join(dir, 'migrations', 'env.ts');
        write(env, readFileSync(env, 'utf8').replace('  schema,\n', "  schema,\n  dataMap: { tables: { legal_cases: { personal: { agedBy: 'opened_at', retention: 'P10Y' } } } },\n"));
        const before = await personalRows(db.url);
        const r = await run('gdpr', 'purge', '--json');
        assert.equal(r.status, 0, r.stderr);
        const out = json(r);
        assert.deepEqual(out.retained, ['legal_cases']);
        assert.deepEqual(out.receipts.map((x: { subject: string; mode?: string }) => [x.subject, x.mode ?? null]), [[subjectHmac('5', KEY), null]]);
        assert.deepEqual(out.aged.map((a: { table: string; rows: number; action: string }) => [a.table, a.rows, a.action]), [['health_records', 0, 'delete'], ['legal_cases', 1, 'update']]);

        const now = await personalRows(db.url);
        assert.deepEqual(text(now.users), text(before.users), 'the erased person stays, already stripped');
        const cases = (rows: PersonalRows) => rows.legal_cases.map((c) => [String(c.user_id), c.reference, c.status]);
        const oldCase = now.legal_cases.find((c) => c.reference !== OLD_CASE && String(c.user_id) === '2' && c.status === 'archived');
        assert.ok(oldCase, 'the 2012 case is kept');
        assert.match(String(oldCase.reference), /^anon-\d+$/, 'its reference is replaced');
        assert.deepEqual(cases(now).filter((c) => c[1] !== oldCase.reference), cases(before).filter((c) => c[1] !== OLD_CASE), 'every other case unchanged');

        const plain = await run('gdpr', 'purge');
        assert.equal(plain.status, 0, plain.stderr);
        assert.match(plain.stdout, /1 kept erased because rows of legal_cases are kept longer and still point to them/);
        assert.match(plain.stdout, /legal_cases: 0 rows dated by opened_at .* erased \(personal values replaced, rows kept\)/);
        for (const t of [r.stdout, r.stderr, plain.stdout, ...receiptFiles(dir)]) assertNoSeededValue('purge output or receipt', t, VALUES);
      });
    });
  }
});
