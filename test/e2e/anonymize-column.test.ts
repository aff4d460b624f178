/**
 * Migrations that touch personal data: `op.addSoftDelete` adds the soft-delete columns, and
 * `op.anonymizeColumn` rewrites existing values in batches — anonymized, nulled or pseudonymized —
 * without any clear value reaching the log, the audit trail or an error, and only from a revision
 * whose rollback text says the change is irreversible.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, json, tempProject, write } from '../support/cli.js';
import { databaseKinds, databasePool, queryDatabase } from '../support/databases.js';

const R1 = 'a0a0a0000001';
const R2 = 'a0a0a0000002';
const R3 = 'a0a0a0000003';
const ROWS = 25;
const KEY = 'a-test-key-of-sufficient-length';
const EMAIL = /^anon-\d+@anonymized\.invalid$/;

function revision(o: { id: string; down: string | null; rollback: string; up: string }): string {
  return `import { defineMigration } from 'dihya-migrate';
export default defineMigration({
  revision: ${JSON.stringify(o.id)},
  downRevision: ${JSON.stringify(o.down)},
  message: 'revision ${o.id}',
  purpose: 'test', impact: 'test', rollback: ${JSON.stringify(o.rollback)},
  async up(op) { ${o.up} },
  async down(op) {},
});
`;
}

/** A project whose first revision makes `people` (unique e-mail) with the soft-delete columns. */
function project(revisions: string[]): string {
  const dir = tempProject();
  write(join(dir, 'migrations', 'env.ts'), "import { defineConfig } from 'dihya-migrate';\nexport default defineConfig({ log: { file: 'steps.log' } });\n");
  write(join(dir, 'migrations', 'versions', '1.ts'), revision({
    id: R1, down: null, rollback: 'drop the table',
    up: `op.createTable('people', {
      id: { type: 'integer', primaryKey: true },
      email: { type: 'varchar(255)', notNull: true, unique: true },
      full_name: { type: 'varchar(200)' },
      note: { type: 'text' },
      age: { type: 'integer' },
    }); op.addSoftDelete('people');`,
  }));
  revisions.forEach((text, i) => write(join(dir, 'migrations', 'versions', `${i + 2}.ts`), text));
  return dir;
}

/** Seeded personal data: unique e-mails, names, and notes that repeat every three rows. */
const seeded = Array.from({ length: ROWS }, (_, i) => ({
  id: i + 1, email: `jeanne.exemple${i + 1}@example.org`, name: `Jeanne Exemple ${i + 1}`, note: `diagnostic-${'ABC'[i % 3]}`,
}));

async function seed(url: string): Promise<void> {
  for (const p of seeded) {
    await queryDatabase(url, `INSERT INTO people (id, email, full_name, note, age) VALUES (${p.id}, '${p.email}', '${p.name}', '${p.note}', 40)`);
  }
}

async function people(url: string): Promise<Array<{ id: number; email: string; full_name: string | null; note: string | null; age: number }>> {
  const rows = await queryDatabase<{ id: number; email: string; full_name: string | null; note: string | null; age: number }>(url, 'SELECT id, email, full_name, note, age FROM people ORDER BY id');
  return rows.map((r) => ({ ...r, id: Number(r.id), age: Number(r.age) }));
}

/** Everything a user or an auditor can read after a run: the log, the audit trail and the outputs. */
async function traces(dir: string, url: string, outputs: string[]): Promise<string> {
  const audit = await queryDatabase(url, 'SELECT * FROM dihya_audit');
  let log = '';
  try {
    log = readFileSync(join(dir, 'steps.log'), 'utf8');
  } catch {
    // No step ran: nothing was logged.
  }
  return [log, JSON.stringify(audit), ...outputs].join('\n');
}

function assertNoSeededValue(text: string): void {
  for (const p of seeded) {
    assert.ok(!text.includes(p.email) && !text.includes(p.name), `a seeded value leaked: ${p.id}`);
  }
  assert.ok(!/diagnostic-[ABC]/.test(text), 'a seeded note leaked');
}

describe('anonymizeColumn and addSoftDelete', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('addSoftDelete adds the flag (NOT NULL, default false) and the nullable timestamp', async () => {
        const db = await pool.fresh();
        const dir = project([]);
        const run = cliFor(dir, db.url);
        assert.equal((await run('upgrade')).status, 0);
        const schema = JSON.parse(json<{ text: string }>(await run('schema', 'dump', '--format', 'json', '--json')).text);
        const table = schema.tables.find((t: { name: string }) => t.name === 'people');
        const flag = table.columns.find((c: { name: string }) => c.name === 'is_rgpd_deleted');
        const at = table.columns.find((c: { name: string }) => c.name === 'rgpd_deleted_at');
        assert.match(flag.type, /bool|tinyint\(1\)/);
        assert.equal(flag.notNull, true);
        assert.match(String(flag.default), /false|0/i);
        assert.match(at.type, /timestamp|datetime/);
        assert.equal(at.notNull, false);
      });

      test('anonymize keeps e-mails unique and e-mail-shaped, null clears, rows outside where stay, in batches', async () => {
        const db = await pool.fresh();
        const dir = project([revision({
          id: R2, down: R1, rollback: 'Irreversible: the former e-mails and names cannot be restored.',
          up: `op.anonymizeColumn('people', 'email', 'anonymize', { where: 'id <= 20', batchSize: 7 });
               op.anonymizeColumn('people', 'full_name', 'null', { where: 'id <= 20', batchSize: 7 });
               op.anonymizeColumn('people', 'age', 'anonymize', { batchSize: 4 });`,
        })]);
        const run = cliFor(dir, db.url);
        assert.equal((await run('upgrade', R1)).status, 0);
        await seed(db.url);

        const offline = await run('upgrade', '--sql', `${R1}:${R2}`);
        assert.equal(offline.status, 0, offline.stderr);
        const q = kind === 'mysql' ? '`' : '"';
        assert.match(offline.stdout, new RegExp(`UPDATE ${q}people${q} SET ${q}email${q} = .*'anon-'.*'@anonymized\\.invalid'.* WHERE ${q}email${q} IS NOT NULL AND \\(id <= 20\\);`));
        assert.match(offline.stdout, new RegExp(`UPDATE ${q}people${q} SET ${q}full_name${q} = NULL WHERE ${q}full_name${q} IS NOT NULL AND \\(id <= 20\\);`));
        assert.deepEqual((await people(db.url)).map((p) => p.email), seeded.map((p) => p.email), '--sql changed rows');

        const up = await run('upgrade');
        assert.equal(up.status, 0, up.stderr);
        const after = await people(db.url);
        for (const p of after.slice(0, 20)) {
          assert.match(p.email, EMAIL);
          assert.equal(p.full_name, null);
        }
        assert.equal(new Set(after.map((p) => p.email)).size, ROWS, 'e-mails are no longer unique');
        assert.deepEqual(after.slice(20).map((p) => [p.email, p.full_name]), seeded.slice(20).map((p) => [p.email, p.name]), 'rows outside where changed');
        assert.deepEqual(after.map((p) => p.age), Array(ROWS).fill(0));
        assertNoSeededValue(await traces(dir, db.url, [offline.stdout, offline.stderr, up.stdout, up.stderr]));
      });

      test('pseudonymize gives equal values equal HMACs keyed by DIHYA_GDPR_KEY, and refuses without the key', async () => {
        const db = await pool.fresh();
        const dir = project([revision({
          id: R2, down: R1, rollback: 'Cette modification est irréversible.',
          up: "op.anonymizeColumn('people', 'note', 'pseudonymize', { batchSize: 4 }); op.anonymizeColumn('people', 'email', 'pseudonymize', { batchSize: 10 });",
        })]);
        assert.equal((await cliFor(dir, db.url)('upgrade', R1)).status, 0);
        await seed(db.url);

        const noKey = await cliFor(dir, db.url)('upgrade');
        assert.equal(noKey.status, 2);
        assert.deepEqual(noKey.stderr.trim().split('\n').length, 1, noKey.stderr);
        assert.match(noKey.stderr, /DIHYA_GDPR_KEY is not set/);
        assert.deepEqual((await people(db.url)).map((p) => p.note), seeded.map((p) => p.note), 'rows changed without a key');

        const offline = await cliFor(dir, db.url, { DIHYA_GDPR_KEY: KEY })('upgrade', '--sql', `${R1}:${R2}`);
        assert.notEqual(offline.status, 0);
        assert.match(offline.stderr, /pseudonymize.*dihya upgrade/);

        const up = await cliFor(dir, db.url, { DIHYA_GDPR_KEY: KEY })('upgrade');
        assert.equal(up.status, 0, up.stderr);
        const after = await people(db.url);
        const hmac = (v: string) => createHmac('sha256', KEY).update(v).digest('hex');
        assert.deepEqual(after.map((p) => p.note), seeded.map((p) => hmac(p.note)));
        assert.equal(new Set(after.map((p) => p.note)).size, 3, 'equal notes got different pseudonyms');
        assert.deepEqual(after.map((p) => p.email), seeded.map((p) => hmac(p.email)));
        assertNoSeededValue(await traces(dir, db.url, [noKey.stdout, noKey.stderr, offline.stdout, offline.stderr, up.stdout, up.stderr]));
        assertNoSeededValue(after.map((p) => `${p.email} ${p.note}`).join('\n'));
      });

      test('a revision that anonymizes without saying it is irreversible is refused, and nothing changes', async () => {
        const db = await pool.fresh();
        const dir = project([revision({
          id: R2, down: R1, rollback: 'drop the column',
          up: "op.addColumn('people', 'city', { type: 'text' });",
        }), revision({
          id: R3, down: R2, rollback: 'restore from a backup',
          up: "op.anonymizeColumn('people', 'email', 'anonymize');",
        })]);
        const run = cliFor(dir, db.url);
        assert.equal((await run('upgrade', R1)).status, 0);
        await seed(db.url);

        const refused = await run('upgrade');
        assert.equal(refused.status, 2);
        const lines = refused.stderr.trim().split('\n');
        assert.equal(lines.length, 1, refused.stderr);
        assert.match(lines[0]!, new RegExp(`revision ${R3} runs anonymizeColumn\\('people', 'email', 'anonymize'\\).*irreversible`));
        assert.deepEqual(await people(db.url), seeded.map((p) => ({ id: p.id, email: p.email, full_name: p.name, note: p.note, age: 40 })));
        const version = await queryDatabase<{ revision: string }>(db.url, 'SELECT revision FROM dihya_version');
        assert.deepEqual(version.map((r) => r.revision), [R1], 'the revision before the refused one ran');
        assert.match((await run('upgrade', '--sql', `${R1}:${R3}`)).stderr, /rollback text does not say so/);
      });
    });
  }
});
