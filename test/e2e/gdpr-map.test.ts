/**
 * `dihya gdpr map` and `dihya gdpr scan` on a small shop: users (the subject), orders (a real foreign
 * key to users), notes (linked only by a declared via), and a table nothing links to.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, json, tempProject, tsRevision, write, type CliResult } from '../support/cli.js';
import { databaseKinds, databasePool, withDatabase } from '../support/databases.js';

const ENV = `import { defineConfig, defineSchema } from 'dihya-migrate';
const schema = defineSchema({ tables: {
  users: {
    annotations: { personal: { subject: 'id' } },
    columns: {
      id: { type: 'integer', primaryKey: true },
      email: { type: 'varchar(255)', annotations: { personal: { category: 'user.contact.email', basis: 'contract', retention: 'P3Y', strategy: 'anonymize' } } },
      display_name: { type: 'varchar(100)', annotations: { personal: false } },
      phone: { type: 'varchar(30)' },
    },
  },
  orders: {
    annotations: { personal: { basis: 'legal-obligation', retention: 'P10Y' } },
    columns: {
      id: { type: 'integer', primaryKey: true },
      user_id: { type: 'integer', references: { table: 'users', column: 'id' } },
      shipping_address: { type: 'text', annotations: { personal: { category: 'user.contact.address', strategy: 'null' } } },
      comment: { type: 'text' },
    },
  },
} });
const stray = process.env.GDPR_TEST_STRAY ? { stray: { columns: { author: { category: 'user.name', strategy: 'null' } } } } : {};
export default defineConfig({ schema, dataMap: { tables: {
  notes: { personal: { via: { column: 'order_ref', references: { table: 'orders', column: 'id' } }, strategy: 'delete' }, columns: { body: { category: 'user.content', basis: 'contract', strategy: 'delete' } } },
  ...stray,
} } });
`;

const UP = `
op.createTable('users', { id: { type: 'integer', primaryKey: true }, email: { type: 'varchar(255)' }, display_name: { type: 'varchar(100)' }, phone: { type: 'varchar(30)' } });
op.createTable('orders', { id: { type: 'integer', primaryKey: true }, user_id: { type: 'integer', references: { table: 'users', column: 'id' } }, shipping_address: { type: 'text' }, comment: { type: 'text' } });
op.createTable('notes', { id: { type: 'integer', primaryKey: true }, order_ref: { type: 'integer' }, body: { type: 'text' } });
op.createTable('stray', { id: { type: 'integer', primaryKey: true }, author: { type: 'varchar(100)' } });
`;

/** Values that must never appear in any output. */
const VALUES = ['jeanne.martin@laposte.fr', 'paul.durand@orange.fr', '0612345678', '12 rue des Lilas', 'Colis fragile'];

function assertNoValues(...results: CliResult[]): void {
  for (const r of results) for (const v of VALUES) assert.ok(!r.stdout.includes(v) && !r.stderr.includes(v), `a sampled value leaked: ${v}`);
}

describe('gdpr map and scan', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('the inventory in text, JSON and Markdown; exit 3 for an unreachable table; scan finds what the map lacks', async () => {
        const db = await pool.fresh();
        const dir = tempProject();
        write(join(dir, 'migrations', 'env.ts'), ENV);
        write(join(dir, 'migrations', 'versions', '20260101_0000_aaaaaaaaaaaa_shop.ts'), tsRevision({ id: 'aaaaaaaaaaaa', down: null, up: UP, down_: "op.dropTable('stray'); op.dropTable('notes'); op.dropTable('orders'); op.dropTable('users');" }));
        const run = cliFor(dir, db.url);
        const up = await run('upgrade');
        assert.equal(up.status, 0, up.stderr);
        await withDatabase(db.url, async (q) => {
          await q("INSERT INTO users (id, email, display_name, phone) VALUES (1, 'jeanne.martin@laposte.fr', 'paul.durand@orange.fr', '0612345678')");
          await q("INSERT INTO orders (id, user_id, shipping_address, comment) VALUES (1, 1, '12 rue des Lilas', 'jeanne.martin@laposte.fr')");
          await q("INSERT INTO notes (id, order_ref, body) VALUES (1, 1, 'Colis fragile')");
        });

        // Text: every personal column and its path; exit 0.
        const text = await run('gdpr', 'map');
        assert.equal(text.status, 0, text.stderr);
        assert.match(text.stdout, /^Subject: users\.id$/m);
        assert.match(text.stdout, /^orders: orders\.user_id → users\.id {2}\[legal-obligation, P10Y\]$/m);
        assert.match(text.stdout, /^ {2}shipping_address {2}user\.contact\.address {2}basis: legal-obligation {2}retention: P10Y {2}strategy: null$/m);
        assert.match(text.stdout, /^notes: notes\.order_ref → orders\.id \(declared via\), orders\.user_id → users\.id {2}\[rows deleted on erasure\]$/m);
        assert.match(text.stdout, /^ {2}email {2}user\.contact\.email {2}basis: contract {2}retention: P3Y {2}strategy: anonymize$/m);
        assert.match(text.stdout, /^ {2}not personal: display_name$/m);

        // JSON: the join path as data export and erasure can follow.
        const doc = json(await run('gdpr', 'map', '--format', 'json'));
        assert.equal(doc.ok, true);
        assert.deepEqual(doc.root, { table: 'users', column: 'id' });
        const notes = doc.tables.find((t: { name: string }) => t.name === 'notes');
        assert.deepEqual(notes.path, [
          { from: 'notes', fromColumns: ['order_ref'], to: 'orders', toColumns: ['id'], source: 'declared' },
          { from: 'orders', fromColumns: ['user_id'], to: 'users', toColumns: ['id'], source: 'foreign-key' },
        ]);
        assert.deepEqual(notes.columns, [{ name: 'body', category: 'user.content', basis: 'contract', retention: null, strategy: 'delete' }]);

        // Markdown: a record of processing, one section per table with a table of columns.
        const md = await run('gdpr', 'map', '--format', 'markdown');
        assert.equal(md.status, 0, md.stderr);
        assert.match(md.stdout, /^# Record of processing activities \(GDPR Art\. 30\)$/m);
        assert.deepEqual(md.stdout.match(/^## .*$/gm), ['## notes', '## orders', '## users']);
        assert.match(md.stdout, /^\| `email` \| user\.contact\.email \| contract — Art\. 6\(1\)\(b\) \| P3Y \| anonymize \|$/m);
        assert.match(md.stdout, /^- Link to the subject: orders\.user_id → users\.id$/m);

        // A mapped table that nothing links to the subject: exit 3, one line per problem.
        const clean = await run('gdpr', 'map', '--json');
        assert.equal(clean.status, 0);
        const broken = await cliFor(dir, db.url, { GDPR_TEST_STRAY: '1' })('gdpr', 'map');
        assert.equal(broken.status, 3);
        assert.deepEqual(broken.stderr.trim().split('\n'), [
          'dihya: table stray holds personal data but no foreign key or declared via links it to the subject table users; add a foreign key or personal: { via: { column, references: { table, column } } } to stray',
        ]);
        assert.match(broken.stdout, /^stray: unreachable$/m);

        // Scan: the undeclared phone column (by name and value) and the e-mail in comment; not display_name.
        const scan = await run('gdpr', 'scan');
        assert.equal(scan.status, 3, scan.stderr);
        const lines = scan.stdout.trim().split('\n');
        assert.deepEqual(lines.slice(0, -1), [
          'orders.comment: 1 sampled value detected as email',
          'users.phone: name suggests phone; 1 sampled value detected as phone',
        ]);
        const scanned = json(await run('gdpr', 'scan', '--json'));
        assert.deepEqual(scanned.findings.map((f: { table: string; column: string }) => `${f.table}.${f.column}`), ['orders.comment', 'users.phone']);
        const namesOnly = await run('gdpr', 'scan', '--sample', '0');
        assert.deepEqual(namesOnly.stdout.trim().split('\n').slice(0, -1), ['users.phone: name suggests phone']);
        assertNoValues(text, md, broken, scan, namesOnly, await run('gdpr', 'map', '--json'), await run('gdpr', 'scan', '--json'));
      });

      test('no subject root and names the database lacks: exit 3, one line each', async () => {
        const db = await pool.fresh();
        const dir = tempProject();
        write(join(dir, 'migrations', 'env.ts'), `import { defineConfig } from 'dihya-migrate';
export default defineConfig({ dataMap: { tables: { users: { columns: { email: { category: 'user.contact.email', strategy: 'null' }, fax: { category: 'user.contact.phone_number', strategy: 'null' } } } } } });
`);
        write(join(dir, 'migrations', 'versions', '20260101_0000_bbbbbbbbbbbb_users.ts'), tsRevision({ id: 'bbbbbbbbbbbb', down: null, up: "op.createTable('users', { id: { type: 'integer', primaryKey: true }, email: { type: 'text' } });" }));
        const run = cliFor(dir, db.url);
        assert.equal((await run('upgrade')).status, 0);
        const r = await run('gdpr', 'map');
        assert.equal(r.status, 3);
        assert.deepEqual(r.stderr.trim().split('\n'), [
          "dihya: no table is marked as the subject root; annotate the table of the people the data is about with personal: { subject: '<id column>' }",
          'dihya: the personal data map names column users.fax, which the database lacks; fix the name or run `dihya upgrade`',
        ]);
        const bad = await run('gdpr', 'shred');
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /unknown action 'gdpr shred'; use map, scan, export, erase, purge or replay/);
        const noSubject = await run('gdpr', 'erase');
        assert.equal(noSubject.status, 2);
        assert.match(noSubject.stderr, /^dihya: gdpr erase needs --subject ID/);
      });
    });
  }
});
