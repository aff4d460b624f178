/**
 * `dihya lint` run as a user runs it: on a project of unsafe revisions (test/fixtures/lint) whose
 * findings are known exactly, in text, JSON and SARIF, and on the example project, which is clean.
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { copyExample, dihya, json, ROOT, tempProject, write } from '../support/cli.js';
import { validateSarif } from '../support/sarif-schema.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'lint');
const SECRET = 'Rp0rt-2026-xK9q';

interface Expected {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  code: string;
  message: string;
  dialects: string[];
}

const expected: Expected[] = JSON.parse(readFileSync(join(FIXTURE, 'unsafe-project', 'expected-findings.json'), 'utf8'));

function unsafeProject(): string {
  const dir = tempProject();
  cpSync(join(FIXTURE, 'unsafe-project', 'migrations'), join(dir, 'migrations'), { recursive: true });
  return dir;
}

const pick = (f: Expected): Expected => ({
  file: f.file, line: f.line, column: f.column, severity: f.severity, rule: f.rule, code: f.code, message: f.message, dialects: f.dialects,
});
const textLine = (f: Expected, dialects = true) =>
  `${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.rule} (${f.code})  ${f.message}${dialects ? `  [${f.dialects.join(', ')}]` : ''}`;

describe('dihya lint on unsafe revisions', { concurrency: true }, () => {
  test('text: every expected finding with why and what to do instead, a summary, exit 3', () => {
    const r = dihya(unsafeProject(), ['lint']);
    assert.equal(r.status, 3, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.filter((l) => l.startsWith('migrations/')), expected.map((f) => textLine(f)));
    const first = lines.indexOf(textLine(expected[0]!));
    assert.match(lines[first + 1]!, /^ {4}why: A 32-bit key stops at 2,147,483,647/);
    assert.match(lines[first + 2]!, /^ {4}instead: Use a bigint key/);
    assert.equal(lines.at(-1), '25 errors, 5 warnings (4 revisions linted for postgres, mysql, sqlite, 1 silenced by dihya-ignore).');
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'the password found must not be printed');
  });

  test('--json: the same findings as data, exit 3', () => {
    const r = dihya(unsafeProject(), ['lint', '--json']);
    assert.equal(r.status, 3, r.stderr);
    const report = json(r);
    assert.deepEqual(report.findings.map(pick), expected);
    assert.deepEqual([report.ok, report.errors, report.warnings, report.suppressed], [false, 25, 5, 1]);
    assert.deepEqual(report.revisions, ['f1a000000001', 'f1a000000002', 'f1a000000003', 'f1a000000004']);
    assert.ok(!r.stdout.includes(SECRET));
  });

  test('--format sarif: a valid SARIF 2.1.0 log with one located result per finding and a docs page per rule', () => {
    const r = dihya(unsafeProject(), ['lint', '--format', 'sarif']);
    assert.equal(r.status, 3, r.stderr);
    const log = json(r);
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
    const run = log.runs[0];
    const results = run.results.map((x: any) => ({
      ruleId: x.ruleId, level: x.level, uri: x.locations[0].physicalLocation.artifactLocation.uri,
      line: x.locations[0].physicalLocation.region.startLine, column: x.locations[0].physicalLocation.region.startColumn,
      rule: run.tool.driver.rules[x.ruleIndex].id, helpUri: run.tool.driver.rules[x.ruleIndex].helpUri,
    }));
    assert.deepEqual(results.map(({ helpUri: _h, ...rest }: any) => rest), expected.map((f) => ({
      ruleId: f.rule, level: f.severity, uri: f.file, line: f.line, column: f.column, rule: f.rule,
    })));
    assert.ok(results.every((x: any) => x.helpUri.endsWith(`/docs/rules/${x.ruleId}.md`)));
    assert.ok(!r.stdout.includes(SECRET));
  });

  test('in GitHub Actions, annotations go to stderr and stdout stays a clean document', () => {
    const r = dihya(unsafeProject(), ['lint', '--json'], { GITHUB_ACTIONS: 'true' });
    assert.equal(r.status, 3);
    assert.equal(json(r).findings.length, expected.length);
    const annotations = r.stderr.split('\n').filter((l) => l.startsWith('::'));
    assert.equal(annotations.length, expected.length);
    const f = expected.find((x) => x.rule === 'drop-column')!;
    assert.ok(annotations.includes(
      `::error file=${f.file},line=${f.line},col=${f.column},title=drop-column (DL106)::${f.message}. ` +
        "Stop using the column in the application first, then drop it in a revision marked phase: 'contract' (`-- dihya%3Aphase contract` in SQL).".replace('%3A', ':'),
    ), annotations.join('\n'));
    assert.ok(annotations.every((a) => /^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]+::/.test(a)));
  });

  test('REV lints one revision, A:B a range, --dialect narrows the databases', () => {
    const dir = unsafeProject();
    const one = dihya(dir, ['lint', 'f1a000000003', '--json']);
    assert.equal(one.status, 3, one.stderr);
    assert.deepEqual(json(one).findings.map(pick), expected.filter((f) => f.file.includes('f1a000000003')));
    const range = dihya(dir, ['lint', 'f1a000000001:f1a000000002', '--json']);
    assert.deepEqual(json(range).revisions, ['f1a000000001', 'f1a000000002']);
    assert.deepEqual(json(range).findings.map(pick), expected.filter((f) => /f1a00000000[12]/.test(f.file)));
    const sqlite = dihya(dir, ['lint', '--dialect', 'sqlite', '--json']);
    assert.deepEqual(json(sqlite).findings.map(pick), expected.filter((f) => f.dialects.includes('sqlite')).map((f) => ({ ...f, dialects: ['sqlite'] })));
    const clean = dihya(dir, ['lint', 'f1a000000001', '--dialect', 'sqlite']);
    assert.equal(clean.status, 0, clean.stdout);
    assert.equal(clean.stdout.trim(), 'No problems found (1 revision linted for sqlite).');
  });

  test('bad input exits 2: an unknown rule in env.ts, an unknown dialect, an unknown revision', () => {
    const dir = unsafeProject();
    const env = join(dir, 'migrations', 'env.ts');
    writeFileSync(env, readFileSync(env, 'utf8').replace("'multiple-heavy-locks': 'error'", "'drop-everything': 'off'"));
    const rule = dihya(dir, ['lint']);
    assert.equal(rule.status, 2);
    assert.match(rule.stderr, /env\.ts lint\.rules names unknown rule 'drop-everything'/);
    const other = unsafeProject();
    const dialect = dihya(other, ['lint', '--dialect', 'oracle']);
    assert.equal(dialect.status, 2);
    assert.match(dialect.stderr, /unknown dialect 'oracle' to lint for; use postgres, mysql or sqlite/);
    assert.equal(dihya(other, ['lint', 'ffff0000ffff']).status, 2);
  });
});

describe('dihya lint on the example project', { concurrency: true }, () => {
  test('clean for its own database and for PostgreSQL, MySQL and SQLite together: exit 0', () => {
    const dir = copyExample();
    const own = dihya(dir, ['lint']);
    assert.equal(own.status, 0, own.stdout + own.stderr);
    assert.equal(own.stdout.trim(), 'No problems found (9 revisions linted for sqlite, 3 silenced by dihya-ignore).');
    const all = dihya(dir, ['lint', '--dialect', 'postgres', '--dialect', 'mysql', '--dialect', 'sqlite', '--format', 'sarif']);
    assert.equal(all.status, 0, all.stdout + all.stderr);
    const log = json(all);
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors));
    assert.deepEqual(log.runs[0].results, []);
  });

  test('an environment whose database URL is not set can be linted when the dialect is named', () => {
    const dir = copyExample();
    const unnamed = dihya(dir, ['lint', '--env', 'production']);
    assert.equal(unnamed.status, 2);
    assert.match(unnamed.stderr, /environment 'production' has no database URL/);
    const named = dihya(dir, ['lint', '--env', 'production', '--dialect', 'postgres']);
    assert.equal(named.status, 0, named.stderr);
    assert.equal(named.stdout.trim(), 'No problems found (9 revisions linted for postgres, 7 silenced by dihya-ignore).');
  });

  test('an unsafe revision added on top of it is caught: exit 3', () => {
    const dir = copyExample();
    write(join(dir, 'migrations', 'versions', '20260401_1000_d1f3b5c7e9a1_drop_display_name.ts'), `import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'd1f3b5c7e9a1',
  downRevision: 'c9e1a3b5d7f9',
  message: 'drop display names',
  purpose: 'Display names are replaced by the profile service',
  impact: 'Drops users.display_name and every name stored in it',
  rollback: 'down() re-creates the column empty; the names are lost',
  critical: false,
  async up(op) {
    op.dropColumn('users', 'display_name');
  },
  async down(op) {
    op.addColumn('users', 'display_name', { type: 'varchar(100)' });
  },
});
`);
    const r = dihya(dir, ['lint', '--json']);
    assert.equal(r.status, 3, r.stderr);
    assert.deepEqual(json(r).findings.map((f: Expected) => [f.rule, f.file, f.line]), [
      ['drop-column', 'migrations/versions/20260401_1000_d1f3b5c7e9a1_drop_display_name.ts', 12],
    ]);
  });

  test('`dihya lint --help` shows its examples', () => {
    const r = dihya(tempProject(), ['lint', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Examples:\n(.*\n)*\s+\$ dihya lint --format sarif > dihya\.sarif/);
  });
});
