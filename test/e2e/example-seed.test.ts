/**
 * The example project's fictitious people (examples/dihya-platform/seed.sql): the same script loads
 * on every database after `dihya upgrade head`, fills every table the personal-data map names, and
 * leaves the database matching the declared schema and the revisions lint-clean.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Annotations, DeclaredSchema } from '../../src/index.js';
import declared from '../../examples/dihya-platform/migrations/schema.js';
import { cliFor, copyExample, ROOT } from '../support/cli.js';
import { databaseKinds, databasePool, runSqlScript, withDatabase } from '../support/databases.js';

const schema: DeclaredSchema = declared;
const SEED = readFileSync(join(ROOT, 'examples', 'dihya-platform', 'seed.sql'), 'utf8');

/** Rows per table once the seed is loaded; roles and locales come from the revisions themselves. */
const COUNTS = { users: 5, health_records: 5, legal_cases: 5, roles: 4, locales: 3 };

/** Tables the map declares personal data in: a personal annotation on the table or on a column. */
function personalTables(): string[] {
  const isPersonal = (a: Annotations | undefined) => typeof a?.personal === 'object' && a.personal !== null;
  return Object.entries(schema.tables)
    .filter(([, t]) => isPersonal(t.annotations) || Object.values(t.columns).some((c) => isPersonal(c.annotations)))
    .map(([name]) => name)
    .sort();
}

describe('the example project seeded with fictitious people', { concurrency: true }, () => {
  test('the map names one subject root and uses every erasure strategy', () => {
    assert.deepEqual(personalTables(), ['health_records', 'legal_cases', 'users']);
    const strategies = new Set<string>();
    for (const table of Object.values(schema.tables)) {
      const t = table.annotations?.personal as { strategy?: string } | undefined;
      if (t?.strategy) strategies.add(t.strategy);
      for (const column of Object.values(table.columns)) {
        const c = column.annotations?.personal as { strategy?: string } | false | undefined;
        if (c) strategies.add(c.strategy!);
      }
    }
    assert.deepEqual([...strategies].sort(), ['anonymize', 'delete', 'keep', 'null', 'pseudonymize', 'soft-delete']);
    const roots = Object.entries(schema.tables).filter(([, t]) => (t.annotations?.personal as { subject?: string } | undefined)?.subject);
    assert.deepEqual(roots.map(([name]) => name), ['users']);
  });

  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('upgrade head, load seed.sql: every personal table has rows; check and lint still pass', async () => {
        const db = await pool.fresh();
        const dir = copyExample();
        const run = cliFor(dir, db.url);
        const up = await run('upgrade', 'head');
        assert.equal(up.status, 0, up.stderr);

        await runSqlScript(db.url, SEED);

        const seen = await withDatabase(db.url, async (q) => {
          const counts: Record<string, number> = {};
          for (const table of [...new Set([...Object.keys(COUNTS), ...personalTables()])]) {
            counts[table] = Number((await q<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
          }
          const emails = (await q<{ email: string }>('SELECT email FROM users ORDER BY email')).map((r) => r.email);
          const erased = await q<{ email: string }>("SELECT email FROM users WHERE is_rgpd_deleted = TRUE AND rgpd_deleted_at < '2021-01-01'");
          const erasedHealth = await q(
            "SELECT h.id FROM health_records h JOIN users u ON u.id = h.user_id WHERE u.is_rgpd_deleted = TRUE",
          );
          // Rows numbered by the database: the application's next account must not collide with the seed.
          await q("INSERT INTO users (email) VALUES ('next.member@example.net')");
          const next = await q<{ id: unknown }>("SELECT id FROM users WHERE email = 'next.member@example.net'");
          return { counts, emails, erased, erasedHealth, nextId: Number(next[0]!.id) };
        });
        assert.deepEqual(seen.counts, COUNTS);
        for (const email of seen.emails) assert.match(email, /@(example\.com|example\.org|[a-z.-]+\.invalid)$/, email);
        assert.deepEqual(seen.erased.map((r) => r.email), ['anon-former-member@anonymized.invalid']);
        assert.deepEqual(seen.erasedHealth, [], 'an erased person keeps no health record');
        assert.equal(seen.nextId, 6);

        const check = await run('check');
        assert.equal(check.status, 0, check.stdout + check.stderr);
        const lint = await run('lint');
        assert.equal(lint.status, 0, lint.stdout + lint.stderr);
      });
    });
  }
});
