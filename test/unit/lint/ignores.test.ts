/**
 * `dihya-ignore` comments (per statement and per file, reason required), ignores that match nothing,
 * and severities set in env.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingsOf, lineOf, lintRevisions, sqlRevision, tsRevision } from './lint-fixtures.js';

describe('dihya-ignore', () => {
  test('a comment line just above a SQL statement silences that statement only', async () => {
    const sql = sqlRevision([
      '-- dihya-ignore drop-table: emptied and unused since release 4.2',
      'DROP TABLE legacy_sessions;',
      'DROP TABLE legacy_tokens;',
    ].join('\n'));
    const report = await lintRevisions([sql], ['postgres']);
    assert.deepEqual(findingsOf(report, 'drop-table'), [`${lineOf(sql, 'legacy_tokens')}: drops table legacy_tokens and every row in it`]);
    assert.equal(report.suppressed, 1);
    assert.deepEqual(findingsOf(report, 'unused-ignore'), []);
  });

  test('a // comment above an op call silences it, also with other comment lines between', async () => {
    const ts = tsRevision([
      '// dihya-ignore rename-column: nothing reads this column yet, it shipped in no release',
      '// (renamed before the first deployment)',
      "op.renameColumn('orders', 'note', 'customer_note');",
    ].join('\n'));
    const report = await lintRevisions([ts], ['postgres', 'sqlite']);
    assert.deepEqual(findingsOf(report, 'rename-column'), []);
    assert.equal(report.suppressed, 1);
    assert.equal(report.findings.length, 0);
  });

  test('a -- comment inside the SQL of op.execute silences the statement under it', async () => {
    const ts = tsRevision([
      'op.execute(`',
      '  -- dihya-ignore drop-column: the column was never written by any release',
      '  ALTER TABLE orders DROP COLUMN draft_flag',
      '`);',
    ].join('\n'));
    const report = await lintRevisions([ts], ['postgres']);
    assert.deepEqual(findingsOf(report, 'drop-column'), []);
    assert.equal(report.suppressed, 1);
  });

  test('dihya-ignore-file silences a rule in the whole file, and lists of rules are read', async () => {
    const sql = sqlRevision([
      '-- dihya-ignore-file drop-table, drop-column: this revision removes the retired reporting module',
      'DROP TABLE report_cache;',
      'ALTER TABLE users DROP COLUMN report_prefs;',
      'DROP TABLE report_jobs;',
    ].join('\n'));
    const report = await lintRevisions([sql], ['mysql']);
    assert.deepEqual(report.findings, []);
    assert.equal(report.suppressed, 3);
  });

  for (const d of ['postgres', 'mysql', 'sqlite'] as const) {
    test(`${d}: an ignore without a reason, or naming an unknown rule, is invalid and silences nothing`, async () => {
      const sql = sqlRevision(['-- dihya-ignore drop-table', 'DROP TABLE a;', '-- dihya-ignore drop-tables: typo in the rule', 'DROP TABLE b;'].join('\n'));
      const report = await lintRevisions([sql], [d]);
      assert.deepEqual(findingsOf(report, 'invalid-ignore'), [
        `${lineOf(sql, 'dihya-ignore drop-table')}: dihya-ignore drop-table gives no reason (write \`: why\` after the rule)`,
        `${lineOf(sql, 'drop-tables')}: dihya-ignore names unknown rule 'drop-tables'`,
      ]);
      assert.equal(findingsOf(report, 'drop-table').length, 2);
      assert.equal(report.ok, false);
    });

    test(`${d}: an ignore that matches nothing, or is cut from its statement by a blank line, is reported as unused`, async () => {
      const sql = sqlRevision([
        '-- dihya-ignore drop-column: left over from an earlier version of this file',
        'DROP TABLE a;',
        '',
        '-- dihya-ignore drop-table: the blank line below detaches this comment',
        '',
        'DROP TABLE b;',
      ].join('\n'));
      const report = await lintRevisions([sql], [d]);
      assert.deepEqual(findingsOf(report, 'unused-ignore'), [
        `${lineOf(sql, 'drop-column:')}: dihya-ignore drop-column matches no finding on line ${lineOf(sql, 'DROP TABLE a')}`,
        `${lineOf(sql, 'detaches')}: dihya-ignore drop-table matches no finding (no statement follows it directly)`,
      ]);
      assert.equal(findingsOf(report, 'drop-table').length, 2);
    });
  }

  test('an ignore for a rule of another dialect is not unused when that dialect is not linted', async () => {
    const sql = sqlRevision(['-- dihya-ignore index-without-concurrently: the table is empty when this runs', 'CREATE INDEX orders_at_idx ON orders (at);'].join('\n'));
    assert.deepEqual((await lintRevisions([sql], ['sqlite'])).findings, []);
    const both = await lintRevisions([sql], ['postgres', 'sqlite']);
    assert.deepEqual(both.findings, []);
    assert.equal(both.suppressed, 1);
  });
});

describe('severities from env.ts', () => {
  test("'off' turns a rule and its unused ignores off; 'warning' keeps the finding without failing the run", async () => {
    const sql = sqlRevision(['-- dihya-ignore rename-table: kept for the example', 'ALTER TABLE a RENAME TO b;', 'ALTER TABLE b DROP COLUMN d;'].join('\n'));
    const report = await lintRevisions([sql], ['postgres'], { severities: { 'rename-table': 'off', 'drop-column': 'warning' } });
    assert.deepEqual(report.findings.map((f) => [f.rule, f.severity]), [['drop-column', 'warning']]);
    assert.equal(report.ok, true);
    assert.equal(report.errors, 0);
    assert.equal(report.warnings, 1);
  });
});
