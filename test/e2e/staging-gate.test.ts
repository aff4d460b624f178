/**
 * `upgrade --env production --require-applied-in staging` applies to production only revisions the
 * staging database has applied with the same checksum; otherwise it exits 3 naming them and
 * production is left exactly as it was. Both databases are real, found through env.ts and
 * DIHYA_STAGING_URL / DIHYA_PRODUCTION_URL as in CI.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dihyaAsync, projectWith, stderrLines, tableRevision, write } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState } from '../support/databases.js';

const [R1, R2, R3, R4] = ['a1a1a1a1a1a1', 'b2b2b2b2b2b2', 'c3c3c3c3c3c3', 'd4d4d4d4d4d4'] as const;

const ENV_TS = `import { defineConfig } from 'dihya-migrate';
export default defineConfig({
  environments: {
    staging: { url: process.env.DIHYA_STAGING_URL },
    production: { url: process.env.DIHYA_PRODUCTION_URL },
  },
});
`;

describe('staging-before-production gate', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('refuses revisions staging has not applied, or applied with another checksum', async () => {
        const staging = await pool.fresh();
        const production = await pool.fresh();
        const dir = projectWith({
          '001.ts': tableRevision(R1, null, 'accounts'),
          '002.ts': tableRevision(R2, R1, 'orders'),
          '003.ts': tableRevision(R3, R2, 'invoices'),
        });
        write(join(dir, 'migrations', 'env.ts'), ENV_TS);
        const env = { DIHYA_STAGING_URL: staging.url, DIHYA_PRODUCTION_URL: production.url };
        const run = async (...args: string[]) => dihyaAsync(dir, args, env);
        const ok = async (...args: string[]) => {
          const r = await run(...args);
          assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
          return r;
        };
        const gated = (...args: string[]) => run('upgrade', ...args, '--env', 'production', '--require-applied-in', 'staging');

        await ok('upgrade', R2, '--env', 'staging');
        await ok('upgrade', R1, '--env', 'production');
        const before = await databaseState(production.url);

        // Revision 3 never ran on staging: nothing at all is applied, not even revision 2, which staging has.
        const refused = await gated('heads');
        assert.equal(refused.status, 3, refused.stderr);
        const lines = stderrLines(refused);
        assert.equal(lines.length, 1, refused.stderr);
        assert.match(lines[0]!, new RegExp(`${R3} not applied in staging`));
        assert.doesNotMatch(lines[0]!, new RegExp(R2), 'a revision staging has was named as missing');
        assert.deepEqual(await databaseState(production.url), before, 'production changed although the gate refused');

        const json = await run('upgrade', '--env', 'production', '--require-applied-in', 'staging', '--json');
        assert.equal(json.status, 3);
        assert.equal(JSON.parse(json.stdout).error.code, 'NOT_STAGED');

        // What staging has is allowed through.
        await ok('upgrade', R2, '--env', 'production', '--require-applied-in', 'staging');
        assert.deepEqual((await databaseState(production.url)).version, [R2]);

        await ok('upgrade', '--env', 'staging');
        const passed = await gated('heads');
        assert.equal(passed.status, 0, passed.stderr);
        const prod = await databaseState(production.url);
        assert.deepEqual(prod.version, [R3]);
        assert.ok(prod.tables.includes('invoices'));

        // Revision 4 ran on staging, then its file was edited: production would get something staging never ran.
        write(join(dir, 'migrations', 'versions', '004.ts'), tableRevision(R4, R3, 'payments'));
        await ok('upgrade', '--env', 'staging');
        const file = join(dir, 'migrations', 'versions', readdirSync(join(dir, 'migrations', 'versions')).find((f) => f.startsWith('004'))!);
        appendFileSync(file, '// edited after staging applied it\n');
        const beforeChanged = await databaseState(production.url);
        const changed = await gated('heads', '--allow-changed');
        assert.equal(changed.status, 3, changed.stderr);
        assert.match(stderrLines(changed)[0]!, new RegExp(`${R4} applied in staging with a different checksum`));
        assert.deepEqual(await databaseState(production.url), beforeChanged, 'production changed although the gate refused');

        // Without the gate the same upgrade runs: the refusal came from the gate alone.
        await ok('upgrade', '--env', 'production');
        assert.deepEqual((await databaseState(production.url)).version, [R4]);
      });
    });
  }
});

describe('gate on a staging database that was never migrated', () => {
  test('names every revision of the plan', async () => {
    const staging = await databasePool('sqlite').fresh();
    const production = await databasePool('sqlite').fresh();
    const dir = projectWith({ '001.ts': tableRevision(R1, null, 'accounts'), '002.ts': tableRevision(R2, R1, 'orders') });
    write(join(dir, 'migrations', 'env.ts'), ENV_TS);
    const r = await dihyaAsync(dir, ['upgrade', '--env', 'production', '--require-applied-in', 'staging'], { DIHYA_STAGING_URL: staging.url, DIHYA_PRODUCTION_URL: production.url });
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, new RegExp(`revisions ${R1}, ${R2} not applied in staging`));
    assert.deepEqual((await databaseState(production.url)).version, []);
    await staging.drop();
    await production.drop();
  });
});
