/**
 * `dihya check` and `dihya drift` on a database built from a declared schema: each kind of
 * difference is caught, named, and makes the command exit 3.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, json, tableRevision, tempProject, write } from '../support/cli.js';
import { databaseKinds, databasePool, withDatabase, type DatabaseKind } from '../support/databases.js';
import { everyFeatureSchema } from '../fixtures/schema/every-feature.js';

interface Difference { object: string; change: string; detail: string }

/** Changes made to the database by hand, outside any revision, as an operator would. */
async function changeByHand(kind: DatabaseKind, url: string): Promise<void> {
  await withDatabase(url, async (q) => {
    await q('ALTER TABLE roles ADD COLUMN extra integer');
    await q(kind === 'mysql' ? 'DROP INDEX users_seen_idx ON users' : 'DROP INDEX users_seen_idx');
    if (kind === 'sqlite') {
      // SQLite cannot change a default in place: an operator rebuilds the table with the new one.
      const [{ sql }] = await q<{ sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'roles'");
      await q('PRAGMA foreign_keys = OFF');
      await q(sql.replace('CREATE TABLE "roles"', 'CREATE TABLE "roles_new"').replace('"rank" SMALLINT NOT NULL DEFAULT 0', '"rank" SMALLINT NOT NULL DEFAULT 5'));
      await q('INSERT INTO roles_new SELECT * FROM roles');
      await q('DROP TABLE roles');
      await q('ALTER TABLE roles_new RENAME TO roles');
    } else await q('ALTER TABLE roles ALTER COLUMN rank SET DEFAULT 5');
  });
}

function assertHandChanges(differences: Difference[]): void {
  const found = (object: string, change: string) => differences.find((d) => d.object === object && d.change === change);
  assert.ok(found('column roles.extra', 'unexpected'), `column added by hand not reported: ${JSON.stringify(differences)}`);
  assert.ok(found('index users_seen_idx on users', 'missing'), `index dropped by hand not reported: ${JSON.stringify(differences)}`);
  assert.match(found('column roles.rank', 'changed')?.detail ?? '', /^default: database 5, expected 0$/, JSON.stringify(differences));
  assert.equal(differences.length, 3, JSON.stringify(differences));
}

describe('check and drift', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('each kind of difference is caught and named, exit 3', async () => {
        const db = await pool.fresh();
        const dir = tempProject();
        const schemaFile = join(dir, 'migrations', 'schema.ts');
        write(join(dir, 'migrations', 'env.ts'), "import { defineConfig } from 'dihya-migrate';\nimport schema from './schema.js';\nexport default defineConfig({ schema });\n");
        write(schemaFile, everyFeatureSchema(kind === 'sqlite' ? 'sqlite' : kind === 'mysql' ? 'mysql' : 'postgres'));
        mkdirSync(join(dir, 'migrations', 'versions'));
        const run = cliFor(dir, db.url);
        const gen = await run('revision', '--autogenerate', '-m', 'schema', '--json');
        assert.equal(gen.status, 0, gen.stderr);
        const head = json(gen).revision as string;
        assert.equal((await run('upgrade')).status, 0);
        assert.equal((await run('check')).status, 0);

        // An unapplied revision.
        const extra = join(dir, 'migrations', 'versions', '20990101_0000_ffffffffffff_later.ts');
        writeFileSync(extra, tableRevision('ffffffffffff', head, 'later'));
        const pending = await run('check', '--json');
        assert.equal(pending.status, 3);
        assert.deepEqual(json(pending).pending, ['ffffffffffff']);
        assert.match((await run('check')).stdout, /1 revision is not applied: ffffffffffff; run `dihya upgrade`/);
        rmSync(extra);

        // A change to the declared schema that no revision captures.
        const declared = readFileSync(schemaFile, 'utf8');
        writeFileSync(schemaFile, declared.replace("rank: { type: 'smallint'", "note: { type: 'text' },\n        rank: { type: 'smallint'"));
        const uncaptured = await run('check', '--json');
        assert.equal(uncaptured.status, 3, uncaptured.stdout + uncaptured.stderr);
        assert.deepEqual(json(uncaptured).differences, [{ object: 'column roles.note', change: 'missing', detail: 'expected, but the database lacks it' }]);
        writeFileSync(schemaFile, declared);

        // Changes made by hand: a column added, an index dropped, a default changed.
        await changeByHand(kind, db.url);
        const checked = await run('check', '--json');
        assert.equal(checked.status, 3, checked.stderr);
        assertHandChanges(json(checked).differences);

        const drift = await run('drift', '--json');
        assert.equal(drift.status, 3, drift.stderr);
        assert.deepEqual(json(drift).heads, [head]);
        assertHandChanges(json(drift).differences);
        const text = await run('drift');
        assert.match(text.stdout, /unexpected: column roles\.extra/);
        assert.match(text.stdout, /missing: index users_seen_idx on users/);
      });
    });
  }
});
