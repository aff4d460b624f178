/**
 * `dihya gdpr replay --from-env NAME` on the seeded example project: a backup is restored, the
 * receipt files are gone, and the erasures made since the backup are read from production's audit
 * trail and made again on the restored database, for that person only. Production is only read.
 * An environment with no URL, no database or no audit trail, or one env.ts does not name, is bad input.
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { subjectHmac } from '../../src/gdpr/subject-hmac.js';
import { cliFor, copyExample, dihyaAsync, json, stderrLines, type CliResult } from '../support/cli.js';
import { databaseKinds, databasePool, runSqlScript, withDatabase, type TestDatabase } from '../support/databases.js';
import { backupOf as backupOfSeeded, SEED, seededValues } from '../support/example-seed.js';

/** Bruno has no health record in the seed; one is added so that his erasure has one to delete. */
const BRUNO_NOTE = 'Invented note: knee pain after running, rest advised.';
const EXTRA = `INSERT INTO health_records (user_id, record_type, notes, recorded_at) VALUES (2, 'consultation', '${BRUNO_NOTE}', '2026-02-20 10:00:00');\n`;
const KEY = 'replay-from-env-test-key-0123456789';
const ENV = { DIHYA_GDPR_KEY: KEY };
/** The seed's values, and Bruno's note: none may reach an output. */
const SECRETS = seededValues([BRUNO_NOTE]);
const TABLES = { users: 'id', health_records: 'user_id', legal_cases: 'user_id' } as const;
type Table = keyof typeof TABLES;
type Rows = Record<Table, Array<Record<string, unknown>>>;

/** Every row of the personal tables, in id order. */
async function rowsOf(url: string): Promise<Rows> {
  return withDatabase(url, async (q) => {
    const out = {} as Rows;
    for (const table of Object.keys(TABLES) as Table[]) out[table] = await q(`SELECT * FROM ${table} ORDER BY id`);
    return out;
  });
}

/** The rows of one person (`owner` true) or of everyone else, as comparable text. */
function rowsFor(rows: Rows, id: string, owner: boolean): Record<Table, string[]> {
  const out = {} as Record<Table, string[]>;
  for (const table of Object.keys(TABLES) as Table[]) {
    out[table] = rows[table].filter((r) => (String(r[TABLES[table]]) === id) === owner).map((r) => JSON.stringify(r));
  }
  return out;
}

async function auditErasures(url: string): Promise<string[]> {
  const rows = await withDatabase(url, (q) => q<{ details: unknown }>("SELECT details FROM dihya_audit WHERE event = 'gdpr-erase' ORDER BY id"));
  return rows.map((r) => (typeof r.details === 'string' ? r.details : JSON.stringify(r.details)));
}

function assertQuiet(where: string, r: CliResult): void {
  for (const value of SECRETS) {
    assert.ok(!r.stdout.includes(value) && !r.stderr.includes(value), `${where} shows the seeded value ${value.slice(0, 3)}…`);
  }
}

function assertOneLine(where: string, r: CliResult, pattern: RegExp): void {
  assert.equal(r.status, 2, `${where}: ${r.stderr}`);
  assert.equal(r.stdout, '', where);
  assert.deepEqual(stderrLines(r).length, 1, `${where} prints one line: ${r.stderr}`);
  assert.match(r.stderr, pattern, where);
  assert.doesNotMatch(r.stderr, /\n\s+at /, `${where} prints no stack trace`);
}

describe('gdpr replay --from-env reads the erasures from another environment\'s audit trail', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      async function seeded(dir: string): Promise<TestDatabase> {
        const db = await pool.fresh();
        const up = await cliFor(dir, db.url, ENV)('upgrade', 'head');
        assert.equal(up.status, 0, up.stderr);
        await runSqlScript(db.url, SEED + EXTRA);
        return db;
      }

      test('a restored backup gets again, from production\'s audit trail, the erasure made since, and nothing else', async () => {
        const dir = copyExample();
        const live = await seeded(dir);
        const onLive = cliFor(dir, live.url, ENV);
        // Chloe was erased before the backup: the backup already has it, and replay must leave it alone.
        assert.equal((await onLive('gdpr', 'erase', '--subject', '3')).status, 0);
        const backup = await backupOf(pool, live, dir);
        const backupTime = new Date().toISOString();
        const original = await rowsOf(backup.url);

        const erase = await onLive('gdpr', 'erase', '--subject', '2');
        assert.equal(erase.status, 0, erase.stderr);
        assert.ok(existsSync(join(dir, 'gdpr-receipts')), 'erase wrote its receipt files');
        rmSync(join(dir, 'gdpr-receipts'), { recursive: true });
        const liveBefore = await rowsOf(live.url);
        const liveAudit = await auditErasures(live.url);
        assert.equal(liveAudit.length, 2, 'production\'s audit trail holds both erasures');

        const r = await dihyaAsync(dir, ['gdpr', 'replay', '--since', backupTime, '--from-env', 'production', '--url', backup.url, '--json'],
          { ...ENV, DIHYA_PRODUCTION_URL: live.url });
        assert.equal(r.status, 0, r.stderr);
        const out = json(r);
        assert.equal(out.source, 'env:production');
        assert.equal(out.receiptsRead, 1, 'only the erasure made since the backup is read');
        assert.equal(out.matched, 1);
        assert.deepEqual(out.receipts.map((x: { kind: string; subject: string }) => [x.kind, x.subject]), [['replay', subjectHmac('2', KEY)]]);

        const restored = await rowsOf(backup.url);
        const was = rowsFor(original, '2', true);
        const bruno = restored.users.find((u) => String(u.id) === '2')!;
        const before = original.users.find((u) => String(u.id) === '2')!;
        assert.ok([true, 1, '1'].includes(bruno.is_rgpd_deleted as never), 'Bruno is flagged erased');
        assert.notEqual(bruno.email, before.email, 'his e-mail is replaced');
        assert.equal(was.health_records.length, 1);
        assert.deepEqual(rowsFor(restored, '2', true).health_records, [], 'his health record is deleted');
        const cases = restored.legal_cases.filter((c) => String(c.user_id) === '2').map((c) => String(c.reference));
        const oldCases = original.legal_cases.filter((c) => String(c.user_id) === '2').map((c) => String(c.reference));
        assert.equal(cases.length, oldCases.length, 'his legal cases are kept');
        assert.deepEqual(cases.filter((c) => oldCases.includes(c)), [], 'their references are replaced');
        assert.deepEqual(rowsFor(restored, '2', false), rowsFor(original, '2', false), 'everyone else is untouched');
        assert.match((await auditErasures(backup.url)).at(-1)!, /replay/, 'the restored database records the replay');

        assert.deepEqual(await rowsOf(live.url), liveBefore, 'production is only read');
        assert.deepEqual(await auditErasures(live.url), liveAudit, 'production\'s audit trail is unchanged');
        assertQuiet('replay', r);
        assertQuiet('erase', erase);

        // DATABASE_URL names the database being restored; it never redirects where the receipts are read.
        const text = await dihyaAsync(dir, ['gdpr', 'replay', '--since', backupTime, '--from-env', 'production'],
          { ...ENV, DIHYA_PRODUCTION_URL: live.url, DATABASE_URL: backup.url });
        assert.equal(text.status, 0, text.stderr);
        assert.match(text.stdout, /Read 1 erasure receipt since .* from env:production; 1 subject of this database matched, 1 erased again\./);
        assertQuiet('replay as text', text);
      });

      test('an environment with no URL, no database or no audit trail, or one env.ts does not name, is one line and exit 2', async () => {
        const dir = copyExample();
        const target = await seeded(dir);
        const before = await rowsOf(target.url);
        const since = new Date(Date.now() - 3_600_000).toISOString();
        const replay = (env: string, vars: Record<string, string> = {}) =>
          dihyaAsync(dir, ['gdpr', 'replay', '--since', since, '--from-env', env, '--url', target.url], { ...ENV, ...vars });

        assertOneLine('staging without a URL', await replay('staging'), /staging.*DIHYA_STAGING_URL/);
        const empty = await pool.fresh();
        assertOneLine('staging on an empty database', await replay('staging', { DIHYA_STAGING_URL: empty.url }),
          /environment 'staging' has no (database yet|audit trail)/);
        if (kind === 'sqlite') assert.ok(!existsSync(empty.url.slice('sqlite:'.length)), 'the missing database is not created');
        assertOneLine('an environment env.ts does not name', await replay('nosuchenv'), /nosuchenv.*development, staging, production/);
        assertOneLine('the restored database itself', await replay('production', { DIHYA_PRODUCTION_URL: target.url }), /'production' is the database being restored/);
        assert.deepEqual(await rowsOf(target.url), before, 'nothing changed');
      });
    });
  }
});

/** The backup, taken now, of a live database where Chloe (3) is already erased. */
async function backupOf(pool: ReturnType<typeof databasePool>, live: TestDatabase, dir: string): Promise<TestDatabase> {
  const backup = await backupOfSeeded(pool, live, dir, ENV, SEED + EXTRA);
  if (live.kind !== 'sqlite' && live.kind !== 'pglite') assert.equal((await cliFor(dir, backup.url, ENV)('gdpr', 'erase', '--subject', '3')).status, 0);
  return backup;
}
