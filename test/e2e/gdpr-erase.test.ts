/**
 * `dihya gdpr export` and `dihya gdpr erase` on the example project seeded with its fictitious
 * people, on every database: what the export lists, what a dry run leaves alone, what each strategy
 * does to the rows, and that no receipt, audit row, log or output holds a seeded value.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { subjectHmac } from '../../src/gdpr/subject-hmac.js';
import { cliFor, copyExample, json, ROOT, type CliResult } from '../support/cli.js';
import { databaseKinds, databasePool, runSqlScript, withDatabase, type Query } from '../support/databases.js';

const SEED = readFileSync(join(ROOT, 'examples', 'dihya-platform', 'seed.sql'), 'utf8');
const KEY = 'a-test-key-of-32-characters-long';
const ALICE = 'alice.exemple@example.com';
/** Everything the seed says about Alice: none of it may reach a receipt, the audit trail, a log or an erase's output. */
const ALICE_VALUES = [ALICE, 'Alice Exemple', 'seasonal allergy follow-up', 'antihistamine renewed', 'EX-2025-0001'];

/** Every row of the personal tables, as text, to compare before and after. */
async function snapshot(q: Query): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of ['users', 'health_records', 'legal_cases']) {
    out[table] = (await q(`SELECT * FROM ${table} ORDER BY id`)).map((r) => JSON.stringify(r));
  }
  return out;
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1';

describe('gdpr export and erase of one seeded person', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('export lists her rows with categories; erase applies each strategy, records a receipt, and leaves no value behind', async () => {
        const db = await pool.fresh();
        const dir = copyExample();
        const log = join(dir, 'dihya.log');
        const run = cliFor(dir, db.url, { DIHYA_GDPR_KEY: KEY, DIHYA_LOG_FILE: log });
        assert.equal((await run('upgrade', 'head')).status, 0);
        await runSqlScript(db.url, SEED);
        const ids = await withDatabase(db.url, async (q) => ({
          alice: String((await q<{ id: unknown }>('SELECT id FROM users WHERE email = ?'.replace('?', `'${ALICE}'`)))[0]!.id),
          cases: (await q<{ id: unknown }>("SELECT id FROM legal_cases WHERE reference = 'EX-2025-0001'")).map((r) => String(r.id)),
        }));

        const exported = await run('gdpr', 'export', '--subject', ids.alice);
        assert.equal(exported.status, 0, exported.stderr);
        const doc = json<{ subject: string; tables: Array<{ table: string; columns: Array<{ name: string; category: string }>; rows: Array<Record<string, unknown>> }> }>(exported);
        const byTable = Object.fromEntries(doc.tables.map((t) => [t.table, t]));
        assert.deepEqual(doc.tables.map((t) => [t.table, t.rows.length]), [['health_records', 2], ['legal_cases', 1], ['users', 1]]);
        assert.equal(byTable.users!.rows[0]!.email, ALICE);
        assert.equal(byTable.users!.columns.find((c) => c.name === 'email')!.category, 'user.contact.email');
        assert.deepEqual(byTable.health_records!.rows.map((r) => r.record_type).sort(), ['consultation', 'prescription']);
        assert.equal(byTable.legal_cases!.rows[0]!.reference, 'EX-2025-0001');
        assert.equal(doc.subject, subjectHmac(ids.alice, KEY));

        const csvFile = join(dir, 'alice.csv');
        const csv = await run('gdpr', 'export', '--subject', ids.alice, '--format', 'csv', '--out', csvFile);
        assert.equal(csv.status, 0, csv.stderr);
        const lines = readFileSync(csvFile, 'utf8').trim().split('\r\n');
        assert.equal(lines[0], 'table,row,column,category,value');
        assert.ok(lines.includes(`users,1,email,user.contact.email,${ALICE}`), lines.join('\n'));
        assert.equal(lines.filter((l) => l.startsWith('health_records,')).length, 2 * 3, 'two rows of three personal columns');
        assert.equal(lines.filter((l) => l.startsWith('users,')).length, 7);

        const before = await withDatabase(db.url, snapshot);
        const dry = await run('gdpr', 'erase', '--subject', ids.alice, '--dry-run', '--json');
        assert.equal(dry.status, 0, dry.stderr);
        const plan = json<{ dryRun: boolean; counts: Array<{ table: string; strategy: string; rows: number }> }>(dry);
        assert.equal(plan.dryRun, true);
        const count = (counts: typeof plan.counts, table: string, strategy: string) => counts.find((c) => c.table === table && c.strategy === strategy)?.rows;
        assert.equal(count(plan.counts, 'health_records', 'delete'), 2);
        assert.equal(count(plan.counts, 'legal_cases', 'anonymize'), 1);
        assert.equal(count(plan.counts, 'users', 'soft-delete'), 1);
        assert.deepEqual(await withDatabase(db.url, snapshot), before, 'a dry run changes nothing');

        const receiptFile = join(dir, 'receipt.json');
        const erased = await run('gdpr', 'erase', '--subject', ids.alice, '--receipt', receiptFile, '--json');
        assert.equal(erased.status, 0, erased.stderr);
        const receipt = json<{ requestId: string; subject: string; counts: typeof plan.counts }>(erased);
        assert.deepEqual(receipt.counts, plan.counts, 'the erasure did what the dry run announced');

        const afterRows = await withDatabase(db.url, async (q) => ({
          all: await snapshot(q),
          user: (await q<Record<string, unknown>>(`SELECT * FROM users WHERE id = ${ids.alice}`))[0]!,
          health: await q(`SELECT id FROM health_records WHERE user_id = ${ids.alice}`),
          cases: await q<{ id: unknown; reference: string; status: string }>(`SELECT id, reference, status FROM legal_cases WHERE user_id = ${ids.alice}`),
          emails: (await q<{ email: string }>('SELECT email FROM users')).map((r) => r.email),
        }));
        assert.deepEqual(afterRows.health, [], 'health records deleted');
        assert.equal(afterRows.user.email, `anon-${ids.alice}@anonymized.invalid`);
        assert.equal(new Set(afterRows.emails).size, afterRows.emails.length, 'e-mails stay unique');
        assert.equal(afterRows.user.display_name, createHmac('sha256', KEY).update('Alice Exemple').digest('hex'));
        assert.equal(afterRows.user.preferred_locale, null);
        assert.ok(truthy(afterRows.user.is_rgpd_deleted));
        assert.notEqual(afterRows.user.rgpd_deleted_at, null);
        assert.deepEqual(afterRows.cases.map((c) => [String(c.id), c.reference, c.status]), [[ids.cases[0], `anon-${ids.cases[0]}`, 'open']], 'the case is kept, its reference replaced');
        const others = (rows: string[]) => rows.filter((r) => !r.includes(`"id":${ids.alice},`) && !r.includes(`"user_id":${ids.alice},`) && !r.includes(`"id":"${ids.alice}"`) && !r.includes(`"user_id":"${ids.alice}"`));
        for (const table of ['users', 'health_records', 'legal_cases']) assert.deepEqual(others(afterRows.all[table]!), others(before[table]!), `other subjects in ${table} untouched`);

        const again = await run('gdpr', 'export', '--subject', ids.alice);
        assert.equal(again.status, 0, again.stderr);
        for (const value of ALICE_VALUES) assert.ok(!again.stdout.includes(value), `a second export still finds ${value}`);
        assert.deepEqual(json<typeof doc>(again).tables.map((t) => [t.table, t.rows.length]), [['health_records', 0], ['legal_cases', 1], ['users', 1]]);

        const file = readFileSync(receiptFile, 'utf8');
        assert.equal(JSON.parse(file).subject, subjectHmac(ids.alice, KEY));
        assert.equal(JSON.parse(file).requestId, receipt.requestId);
        const audit = await withDatabase(db.url, (q) => q<{ event: string; details: unknown }>("SELECT event, details FROM dihya_audit WHERE event LIKE 'gdpr-%' ORDER BY id"));
        assert.deepEqual(audit.map((a) => a.event), ['gdpr-export', 'gdpr-export', 'gdpr-erase', 'gdpr-export']);
        const erasedAudit = typeof audit[2]!.details === 'string' ? JSON.parse(audit[2]!.details) : audit[2]!.details;
        assert.equal(erasedAudit.subject, subjectHmac(ids.alice, KEY));
        assert.deepEqual(erasedAudit.counts, plan.counts);
        const receipts = readdirSync(join(dir, 'gdpr-receipts')).map((f) => readFileSync(join(dir, 'gdpr-receipts', f), 'utf8'));
        assert.equal(receipts.length, 3, 'one default receipt per export (the erase went to --receipt)');
        const outputs: CliResult[] = [dry, erased, csv];
        const places = [file, ...receipts, JSON.stringify(audit), existsSync(log) ? readFileSync(log, 'utf8') : '', ...outputs.flatMap((r) => [r.stdout, r.stderr]), exported.stderr, again.stderr];
        for (const value of ALICE_VALUES) for (const text of places) assert.ok(!text.includes(value), `${value} leaked`);

        const verify = await run('audit', 'verify');
        assert.equal(verify.status, 0, verify.stdout + verify.stderr);
      });

      test('no key is exit 2; an unknown subject is exit 3 and records nothing', async () => {
        const db = await pool.fresh();
        const dir = copyExample();
        const run = cliFor(dir, db.url, { DIHYA_GDPR_KEY: KEY });
        assert.equal((await run('upgrade', 'head')).status, 0);
        await runSqlScript(db.url, SEED);
        const noKey = await cliFor(dir, db.url)('gdpr', 'erase', '--subject', '1');
        assert.equal(noKey.status, 2);
        assert.match(noKey.stderr, /DIHYA_GDPR_KEY/);
        const unknown = await run('gdpr', 'erase', '--subject', '999999');
        assert.equal(unknown.status, 3);
        assert.match(unknown.stderr, /no such subject/);
        const events = await withDatabase(db.url, (q) => q("SELECT id FROM dihya_audit WHERE event LIKE 'gdpr-%'"));
        assert.deepEqual(events, []);
        assert.ok(!existsSync(join(dir, 'gdpr-receipts')));
      });
    });
  }
});
