/**
 * An applied revision whose file changed afterwards: `upgrade` refuses (exit 3) and names it,
 * `--allow-changed` goes ahead, `validate` lists it (exit 3) until the file is restored.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, projectWith, stderrLines, tableRevision } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState } from '../support/databases.js';

const SQL_REV = 'f1e2d3c4b5a6';
const TS_REV = 'a6b5c4d3e2f1';
const LAST = 'b7c6d5e4f3a2';

const SQL_FILE = `-- dihya:revision ${SQL_REV}
-- dihya:down-revision
-- dihya:message create accounts
-- dihya:purpose accounts
-- dihya:up
CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(50));
-- dihya:down
DROP TABLE accounts;
`;

describe('changed revision files', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('upgrade refuses, --allow-changed proceeds, validate lists the file until it is restored', async () => {
        const db = await pool.fresh();
        const dir = projectWith({
          '001_accounts.sql': SQL_FILE,
          '002_orders.ts': tableRevision(TS_REV, SQL_REV, 'orders'),
          '003_invoices.ts': tableRevision(LAST, TS_REV, 'invoices'),
        });
        const versions = join(dir, 'migrations', 'versions');
        const run = cliFor(dir, db.url);
        assert.equal((await run('upgrade', TS_REV)).status, 0);
        const ok = await run('validate', '--json');
        assert.equal(ok.status, 0, ok.stdout + ok.stderr);
        assert.deepEqual(JSON.parse(ok.stdout), { ok: true, checked: 2, changed: [], missing: [] });

        const sqlPath = join(versions, '001_accounts.sql');
        const tsPath = join(versions, '002_orders.ts');
        const tsOriginal = readFileSync(tsPath, 'utf8');
        appendFileSync(sqlPath, 'CREATE INDEX accounts_name_idx ON accounts (name);\n');
        writeFileSync(tsPath, tsOriginal.replace("'orders'", "'orders_v2'"));

        const refused = await run('upgrade');
        assert.equal(refused.status, 3, refused.stderr);
        const lines = stderrLines(refused);
        assert.equal(lines.length, 1, refused.stderr);
        assert.match(lines[0]!, new RegExp(`${SQL_REV}.*${TS_REV}|${TS_REV}.*${SQL_REV}`));
        assert.match(lines[0]!, /--allow-changed/);
        let state = await databaseState(db.url);
        assert.deepEqual(state.version, [TS_REV], 'upgrade ran although applied files changed');
        assert.ok(!state.tables.includes('invoices'));

        const listed = await run('validate');
        assert.equal(listed.status, 3, listed.stdout + listed.stderr);
        assert.match(listed.stdout, new RegExp(`changed: ${SQL_REV} \\(.*001_accounts\\.sql\\)`));
        assert.match(listed.stdout, new RegExp(`changed: ${TS_REV} \\(.*002_orders\\.ts\\)`));
        const doc = JSON.parse((await run('validate', '--json')).stdout);
        assert.equal(doc.ok, false);
        assert.deepEqual(doc.changed.map((c: { revision: string }) => c.revision).sort(), [TS_REV, SQL_REV].sort());

        const forced = await run('upgrade', '--allow-changed', '--json');
        assert.equal(forced.status, 0, forced.stderr);
        assert.deepEqual(JSON.parse(forced.stdout).steps.map((s: { revision: string }) => s.revision), [LAST]);
        state = await databaseState(db.url);
        assert.deepEqual(state.version, [LAST]);
        assert.ok(state.tables.includes('invoices'));
        assert.ok(!state.tables.includes('orders_v2'), 'an applied revision ran again');

        writeFileSync(sqlPath, SQL_FILE);
        writeFileSync(tsPath, tsOriginal);
        const restored = await run('validate');
        assert.equal(restored.status, 0, restored.stdout + restored.stderr);
        assert.match(restored.stdout, /OK: 3 applied revisions match their files/);
        const down = await run('downgrade', 'base');
        assert.equal(down.status, 0, down.stderr);
        assert.deepEqual((await databaseState(db.url)).tables, ['dihya_audit', 'dihya_history', 'dihya_version']);
      });
    });
  }
});
