/**
 * Which database a command uses: env.ts's `environments[env].url`, overridden by
 * `DIHYA_<ENV>_URL`, then by `DATABASE_URL`, then by `--url`; the environment is `--env`, else
 * `DIHYA_ENV`, else `development`. An environment without a URL is refused, naming it.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dihya, dihyaAsync, projectWith, stderrLines, tableRevision, write } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState } from '../support/databases.js';

const REV = 'e0e0e0e0e0e0';

describe('environments', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('each source of the URL overrides the one before it', async () => {
        const staging = await pool.fresh();
        const other = await pool.fresh();
        const dir = projectWith({ '001.ts': tableRevision(REV, null, 'accounts') });
        write(join(dir, 'migrations', 'env.ts'), `import { defineConfig } from 'dihya-migrate';
export default defineConfig({
  environments: {
    development: { url: ${JSON.stringify(other.url)} },
    staging: { url: ${JSON.stringify(staging.url)} },
    qa: {},
  },
});
`);
        const run = (args: string[], env: Record<string, string> = {}) => dihyaAsync(dir, args, env);
        /** The heads `current` reports: the staging database is upgraded, the other one is not. */
        const headsSeen = async (args: string[], env: Record<string, string> = {}) => {
          const r = await run(['current', '--json', ...args], env);
          assert.equal(r.status, 0, r.stderr);
          return JSON.parse(r.stdout).heads as string[];
        };

        const up = await run(['upgrade', '--env', 'staging']);
        assert.equal(up.status, 0, up.stderr);
        assert.deepEqual((await databaseState(staging.url)).version, [REV], 'env.ts staging URL was not used');
        assert.deepEqual((await databaseState(other.url)).tables, [], 'the development database was touched');

        assert.deepEqual(await headsSeen(['--env', 'staging']), [REV]);
        assert.deepEqual(await headsSeen([], { DIHYA_ENV: 'staging' }), [REV]);
        assert.deepEqual(await headsSeen([]), [], 'development is the default environment');
        assert.deepEqual(await headsSeen(['--env', 'staging'], { DIHYA_STAGING_URL: other.url }), [], 'DIHYA_STAGING_URL does not override env.ts');
        assert.deepEqual(await headsSeen(['--env', 'staging'], { DIHYA_STAGING_URL: other.url, DATABASE_URL: staging.url }), [REV], 'DATABASE_URL does not override DIHYA_STAGING_URL');
        assert.deepEqual(await headsSeen(['--env', 'staging', '--url', other.url], { DIHYA_STAGING_URL: staging.url, DATABASE_URL: staging.url }), [], '--url does not override everything');
        assert.deepEqual(await headsSeen(['--env', 'development'], { DIHYA_ENV: 'staging' }), [], '--env does not override DIHYA_ENV');

        for (const args of [['upgrade', '--env', 'qa'], ['current', '--env', 'production']]) {
          const refused = await run(args);
          assert.equal(refused.status, 2, refused.stderr);
          const lines = stderrLines(refused);
          assert.equal(lines.length, 1, refused.stderr);
          assert.match(lines[0]!, new RegExp(`environment '${args[2]}' has no database URL.*DIHYA_${args[2]!.toUpperCase()}_URL`));
        }
        const viaEnv = await run(['upgrade', '--env', 'qa'], { DIHYA_QA_URL: other.url });
        assert.equal(viaEnv.status, 0, viaEnv.stderr);
        assert.deepEqual((await databaseState(other.url)).version, [REV], 'DIHYA_QA_URL was not used for an environment with no URL');
      });
    });
  }
});

describe('a broken env.ts', () => {
  const cases: Array<{ what: string; text: string; names: RegExp }> = [
    { what: 'a syntax error', text: 'export default {\n', names: /migrations\/env\.ts:\d+: / },
    { what: 'an exception when loaded', text: "throw new Error('no config today');\nexport default {};\n", names: /env\.ts fails when loaded: no config today/ },
    { what: 'no object exported', text: 'export default 3;\n', names: /env\.ts must export default defineConfig/ },
  ];
  for (const { what, text, names } of cases) {
    test(`${what} is refused with one line naming env.ts`, () => {
      const dir = projectWith({ '001.ts': tableRevision(REV, null, 'accounts') });
      write(join(dir, 'migrations', 'env.ts'), text);
      const r = dihya(dir, ['upgrade']);
      assert.equal(r.status, 2, r.stderr);
      const lines = stderrLines(r);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, names);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }
});

describe('environment names and the default database', () => {
  test('an environment name with a dash reads DIHYA_<NAME>_URL with an underscore, and says so', async () => {
    const dir = projectWith({ '001.ts': tableRevision(REV, null, 'accounts') });
    const refused = dihya(dir, ['current', '--env', 'eu-west']);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, /environment 'eu-west' has no database URL.*set DIHYA_EU_WEST_URL /);
    const url = `sqlite:${join(dir, 'eu.db')}`;
    const up = dihya(dir, ['upgrade', '--env', 'eu-west'], { DIHYA_EU_WEST_URL: url });
    assert.equal(up.status, 0, up.stderr);
    assert.deepEqual((await databaseState(url)).version, [REV]);
  });

  test('without env.ts, development uses sqlite:./dihya.db in the working folder', async () => {
    const dir = projectWith({ '001.ts': tableRevision(REV, null, 'accounts') });
    const up = dihya(dir, ['upgrade']);
    assert.equal(up.status, 0, up.stderr);
    assert.ok(existsSync(join(dir, 'dihya.db')));
    assert.deepEqual((await databaseState(`sqlite:${join(dir, 'dihya.db')}`)).tables, ['accounts', 'dihya_audit', 'dihya_history', 'dihya_version']);
  });
});
