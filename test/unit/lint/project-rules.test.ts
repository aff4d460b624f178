/**
 * The project's own demands (purpose/impact/rollback, critical revisions, dependsOn), secrets in
 * clear, and unreadable SQL. The first kind holds on every dialect: the findings list all three.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LintDialect } from '../../../src/lint/lint-types.js';
import { findingsOf, lineOf, lintRevisions, sqlRevision, tsRevision } from './lint-fixtures.js';

const ALL: LintDialect[] = ['postgres', 'mysql', 'sqlite'];

describe('revision-texts', () => {
  test('empty texts, placeholders and the template default are reported, in TypeScript and SQL, for every dialect', async () => {
    const ts = tsRevision("op.addColumn('users', 'note', { type: 'text' });", '', { purpose: 'TODO', impact: '' });
    const sql = sqlRevision('SELECT 1;', null, { rollback: 'Describe how to undo this revision' });
    const report = await lintRevisions([ts, sql], ALL, { templateTexts: ['Describe how to undo this revision'] });
    assert.deepEqual(findingsOf(report, 'revision-texts'), [
      `${lineOf(ts, 'purpose:')}: purpose says only "TODO"`,
      `${lineOf(ts, 'impact:')}: impact is empty`,
      `${lineOf(sql, 'dihya:rollback')}: rollback says only "Describe how to undo this revision"`,
    ]);
    assert.ok(report.findings.filter((f) => f.rule === 'revision-texts').every((f) => f.dialects.join() === 'postgres,mysql,sqlite'));
  });
  test('real sentences pass', async () => {
    const report = await lintRevisions([tsRevision("op.addColumn('users', 'note', { type: 'text' });"), sqlRevision('SELECT 1;')], ALL);
    assert.deepEqual(findingsOf(report, 'revision-texts'), []);
  });
});

describe('critical-without-down and critical-without-data-test', () => {
  test('a critical revision with no down, a down that does nothing, or no data test is reported', async () => {
    const noDown = tsRevision("op.addColumn('users', 'note', { type: 'text' });", null, { critical: true, hasDataTest: true });
    const emptyDown = tsRevision("op.addColumn('users', 'tag', { type: 'text' });", '', { critical: true });
    const report = await lintRevisions([noDown, emptyDown], ALL);
    assert.deepEqual(findingsOf(report, 'critical-without-down'), [
      `${lineOf(noDown, 'critical:')}: revision ${noDown.meta.id} is critical but has no down`,
      `${lineOf(emptyDown, 'critical:')}: revision ${emptyDown.meta.id} is critical but its down does nothing`,
    ]);
    assert.deepEqual(findingsOf(report, 'critical-without-data-test'), [
      `${lineOf(emptyDown, 'critical:')}: revision ${emptyDown.meta.id} is critical but has no data test (${emptyDown.meta.id}_lint_test.data-test.ts)`,
    ]);
  });
  test('a critical revision with a real down and a data test, and any non-critical revision, pass', async () => {
    const critical = sqlRevision('ALTER TABLE users ADD COLUMN note text;', 'ALTER TABLE users DROP COLUMN note;', { critical: true, hasDataTest: true });
    const plain = tsRevision("op.addColumn('users', 'tag', { type: 'text' });", null);
    const report = await lintRevisions([critical, plain], ALL);
    assert.deepEqual([...findingsOf(report, 'critical-without-down'), ...findingsOf(report, 'critical-without-data-test')], []);
  });
});

describe('missing-dependency', () => {
  test('dependsOn naming nothing is reported; a revision id or a branch label passes', async () => {
    const first = tsRevision('', '', { id: 'eeee00000001' });
    const bad = tsRevision('', '', { parent: 'eeee00000001', dependsOn: ['eeee00000001', 'ffff99999999'] });
    const good = sqlRevision('SELECT 1;', null, { parent: 'eeee00000001', dependsOn: ['eeee00000001'] });
    const report = await lintRevisions([first, bad, good], ALL);
    assert.deepEqual(findingsOf(report, 'missing-dependency'), [`${lineOf(bad, 'dependsOn:')}: dependsOn names 'ffff99999999', which is neither a revision nor a branch label`]);
  });
});

describe('secret-in-script', () => {
  test('a password in a URL is reported in a revision and in env.ts, without the password itself', async () => {
    const password = ['Str0ng', 'Pa55', 'phrase42'].join('');
    const ts = tsRevision(`op.execute("SELECT dblink_connect('postgres://report:${password}@reports.internal:5432/app')");`);
    const env = { file: 'migrations/env.ts', text: `export default { environments: { production: { url: 'postgres://app:${password}@db.internal/app' } } };\n` };
    const report = await lintRevisions([ts], ALL, { files: [env] });
    const found = report.findings.filter((f) => f.rule === 'secret-in-script');
    assert.deepEqual(found.map((f) => [f.file, f.line, f.dialects.join()]), [[ts.file, lineOf(ts, 'dblink'), 'postgres,mysql,sqlite'], ['migrations/env.ts', 1, 'postgres,mysql,sqlite']]);
    assert.ok(found.every((f) => !JSON.stringify(f).includes(password)), 'a finding must not repeat the secret');
  });
  test('environment references and placeholders pass', async () => {
    const env = { file: 'migrations/env.ts', text: "export default { environments: { production: { url: process.env.DIHYA_PRODUCTION_URL }, development: { url: 'sqlite:./dihya.db' } } };\n" };
    const report = await lintRevisions([tsRevision("op.addColumn('users', 'note', { type: 'text' });")], ALL, { files: [env] });
    assert.deepEqual(findingsOf(report, 'secret-in-script'), []);
  });
});

describe('unparsable-sql', () => {
  const cases: Array<[LintDialect, string, string]> = [
    ['postgres', 'CREATE TABEL audit (id int);', 'PostgreSQL\'s parser cannot read this statement: syntax error at or near "TABEL" — CREATE TABEL audit (id int)'],
    ['mysql', "INSERT INTO `audit` VALUES ('open);", "the MySQL reader cannot read this statement: a string starting here is not closed — INSERT INTO `audit` VALUES ('…"],
    ['sqlite', 'UPDTE audit SET seen = 1;', "the SQLite reader cannot read this statement: 'UPDTE' does not start a statement — UPDTE audit SET seen = 1"],
  ];
  for (const [dialect, bad, message] of cases) {
    test(`${dialect}: a statement the reader cannot read is reported where it fails`, async () => {
      const sql = sqlRevision(`SELECT 1;\n${bad}`);
      assert.deepEqual(findingsOf(await lintRevisions([sql], [dialect]), 'unparsable-sql'), [`${lineOf(sql, bad.slice(0, 10))}: ${message}`]);
    });
    test(`${dialect}: valid statements pass, in a .sql revision and in op.execute`, async () => {
      const table = dialect === 'mysql' ? '`audit`' : '"audit"';
      const sql = sqlRevision(`CREATE TABLE ${table} (id INTEGER NOT NULL, note TEXT);\nINSERT INTO ${table} (id, note) VALUES (1, 'a;b');`, `DROP TABLE ${table};`);
      const ts = tsRevision(`op.execute("UPDATE ${table.replace(/"/g, '\\"')} SET note = 'x' WHERE id = 1");`);
      assert.deepEqual(findingsOf(await lintRevisions([sql, ts], [dialect]), 'unparsable-sql'), []);
    });
  }
  test('a statement of down() is read too, and the position points where reading stopped', async () => {
    const sql = sqlRevision('SELECT 1;', 'DROP TABLE audit;\nALTER TABLE audit DROP COLUMN;');
    const report = await lintRevisions([sql], ['postgres']);
    const [finding] = report.findings.filter((f) => f.rule === 'unparsable-sql');
    assert.equal(finding?.line, lineOf(sql, 'DROP COLUMN;'));
    assert.equal(finding?.column, 'ALTER TABLE audit DROP COLUMN'.length + 1);
    assert.match(finding!.message, /\(in down\): syntax error at end of input/);
  });
});
