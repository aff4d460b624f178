/**
 * Bad input is refused with exit 2 and one readable line on stderr that names the problem: broken
 * revision files, a malformed graph, targets that name nothing, bad URLs, unreachable servers and
 * unknown commands. No stack trace, and no password from a URL, ever reaches the terminal.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { cliFor, dihya, projectWith, tableRevision, tempProject, tsRevision, type CliResult } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState } from '../support/databases.js';

/** Exit 2, nothing on stdout, and exactly one `dihya: …` line on stderr matching `names`. */
function assertBadInput(r: CliResult, names: RegExp, what: string): void {
  assert.equal(r.status, 2, `${what}: exit ${r.status}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, `${what}: a stack trace reached stderr`);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, `${what}: one line expected on stderr, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^dihya: /, what);
  assert.match(lines[0]!, names, what);
  assert.equal(r.stdout, '', `${what}: stdout should stay empty`);
}

const OK = tableRevision('0a0a0a0a0a0a', null, 'accounts');

/** Projects whose revision files or graph are broken, with what the error line must name. */
const BROKEN: Array<{ what: string; files: Record<string, string>; names: RegExp }> = [
  {
    what: 'a syntax error in a .ts revision',
    files: { '001_ok.ts': OK, '002_broken.ts': tsRevision({ id: '0b0b0b0b0b0b', down: '0a0a0a0a0a0a', up: "op.execute('SELECT 1'" }) },
    names: /002_broken\.ts:\d+/,
  },
  {
    what: 'an unknown key in a .sql header',
    files: { '001_ok.ts': OK, '002_bad.sql': '-- dihya:revision 0b0b0b0b0b0b\n-- dihya:down-revision 0a0a0a0a0a0a\n-- dihya:mesage typo\n-- dihya:up\nSELECT 1;\n' },
    names: /002_bad\.sql.*line 3.*dihya:mesage/,
  },
  {
    what: 'a .sql revision without its down-revision header',
    files: { '001_ok.ts': OK, '002_bad.sql': '-- dihya:revision 0b0b0b0b0b0b\n-- dihya:message no parent line\n-- dihya:up\nSELECT 1;\n' },
    names: /002_bad\.sql.*down-revision/,
  },
  {
    what: 'two revisions with the same id',
    files: { '001_ok.ts': OK, '002_copy.ts': tableRevision('0a0a0a0a0a0a', null, 'copies') },
    names: /0a0a0a0a0a0a/,
  },
  {
    what: 'a missing parent',
    files: { '001_ok.ts': OK, '002_orphan.ts': tableRevision('0b0b0b0b0b0b', 'f00df00df00d', 'orphans') },
    names: /0b0b0b0b0b0b.*f00df00df00d/,
  },
  {
    what: 'a cycle',
    files: {
      '001_ok.ts': OK,
      '002_one.ts': tableRevision('0b0b0b0b0b0b', ['0a0a0a0a0a0a', '0c0c0c0c0c0c'], 'one'),
      '003_two.ts': tableRevision('0c0c0c0c0c0c', '0b0b0b0b0b0b', 'two'),
    },
    names: /cycle.*0b0b0b0b0b0b|cycle.*0c0c0c0c0c0c/,
  },
];

describe('bad input', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('broken revision files and graphs are refused before the database is touched', async () => {
        const db = await pool.fresh();
        for (const { what, files, names } of BROKEN) {
          const run = cliFor(projectWith(files), db.url);
          assertBadInput(await run('upgrade'), names, `upgrade with ${what}`);
          assertBadInput(await run('history'), names, `history with ${what}`);
        }
        assert.deepEqual((await databaseState(db.url)).tables, [], 'a refused command wrote to the database');
      });

      test('targets that name no revision are refused and nothing runs', async () => {
        const db = await pool.fresh();
        const run = cliFor(projectWith({
          '001.ts': tableRevision('abcd11111111', null, 'first'),
          '002.ts': tableRevision('abcd22222222', 'abcd11111111', 'second'),
          '003.ts': tableRevision('ef0123456789', 'abcd22222222', 'third'),
        }), db.url);
        assertBadInput(await run('upgrade', 'abcd'), /abcd.*abcd11111111.*abcd22222222/, 'an ambiguous prefix');
        assertBadInput(await run('upgrade', 'feedbeef'), /feedbeef/, 'an unknown target');
        assertBadInput(await run('downgrade', 'feedbeef'), /feedbeef/, 'an unknown downgrade target');
        assertBadInput(await run('upgrade', 'nolabel@head'), /nolabel/, 'an unknown branch label');
        assertBadInput(await run('upgrade', 'abcd@@head'), /abcd@@head/, 'a target that cannot be read');
        assertBadInput(await run('show', 'feedbeef'), /feedbeef/, 'show of an unknown revision');
        assertBadInput(await run('stamp', 'feedbeef'), /feedbeef/, 'stamp of an unknown revision');
        assert.deepEqual((await databaseState(db.url)).tables, [], 'a target naming nothing still opened the database and wrote to it');
        assertBadInput(await run('upgrade', '+4'), /\+4/, 'a step past the last revision');
        assertBadInput(await run('upgrade', '-1'), /downgrade/, 'a negative step for upgrade');
        const state = await databaseState(db.url);
        assert.deepEqual(state.tables.filter((t) => !t.startsWith('dihya_')), [], 'a refused target ran a migration');
        assert.deepEqual(state.version, []);
        assert.deepEqual(state.audit, []);
      });
    });
  }
});

describe('bad URLs and commands', { concurrency: true }, () => {
  const dir = projectWith({ '001.ts': OK });

  test('a URL with an unknown scheme', () => {
    assertBadInput(dihya(dir, ['upgrade', '--url', 'foo://x']), /foo:\/\/x/, 'foo://x');
    assertBadInput(dihya(dir, ['current'], { DATABASE_URL: 'foo://x' }), /foo:\/\/x/, 'DATABASE_URL=foo://x');
  });

  test('an unreachable server', () => {
    assertBadInput(dihya(dir, ['upgrade', '--url', 'postgres://postgres@127.0.0.1:1/x']), /127\.0\.0\.1:1/, 'upgrade on port 1');
    assertBadInput(dihya(dir, ['current', '--url', 'postgres://postgres@127.0.0.1:1/x']), /127\.0\.0\.1:1/, 'current on port 1');
  });

  test('a password in a URL never reaches the terminal', () => {
    const url = 'postgres://u:s3cret@127.0.0.1:1/db';
    const runs = [
      dihya(dir, ['upgrade', '--url', url]),
      dihya(dir, ['history', '--url', url]),
      dihya(dir, ['audit', 'verify', '--url', url]),
      dihya(dir, ['current', '--json', '--url', url]),
      dihya(dir, ['current'], { DATABASE_URL: url }),
      dihya(dir, ['current', '--url', 'postgres://u:s3cret@:5432']),
    ];
    for (const r of runs) {
      assert.equal(r.status, 2, r.stderr);
      assert.doesNotMatch(r.stdout + r.stderr, /s3cret/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
    assert.match(runs[0]!.stderr, /postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db/);
    assert.deepEqual(JSON.parse(runs[3]!.stdout).error.code, 'CONNECTION_FAILED');
  });

  test('unknown commands, options and missing arguments', () => {
    assertBadInput(dihya(dir, ['frobnicate']), /unknown command 'frobnicate'/, 'an unknown command');
    assertBadInput(dihya(dir, ['upgrade', '--frobnicate']), /unknown option '--frobnicate'/, 'an unknown option');
    assertBadInput(dihya(dir, ['upgrade', '--sq']), /unknown option '--sq'.*--sql/, 'a misspelt option');
    assertBadInput(dihya(dir, ['downgrade']), /target/, 'downgrade without a target');
    assertBadInput(dihya(dir, ['revision']), /--message/, 'revision without a message');
    assertBadInput(dihya(dir, ['upgrade', '--transaction', 'some']), /--transaction/, 'a bad --transaction');
    assertBadInput(dihya(dir, ['audit', 'repair']), /repair/, 'an unknown audit action');
    assertBadInput(dihya(tempProject(), ['upgrade']), /migrations/, 'no migrations folder');
  });
});
