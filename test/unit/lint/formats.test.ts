/**
 * The three outputs of a lint run: readable text, SARIF for GitHub code scanning (checked against
 * the official SARIF 2.1.0 schema), and GitHub workflow annotations.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { githubAnnotations } from '../../../src/lint/format/github-annotations.js';
import { sarifLog } from '../../../src/lint/format/sarif-log.js';
import { textReport } from '../../../src/lint/format/text-report.js';
import { RULES } from '../../../src/lint/registry.js';
import { lineOf, lintRevisions, sqlRevision, tsRevision } from './lint-fixtures.js';
import { validateSarif as validate } from '../../support/sarif-schema.js';


async function sampleReport() {
  const ts = tsRevision("op.dropColumn('users', 'legacy');\nop.renameTable('orders', 'purchases');");
  const sql = sqlRevision("ALTER TABLE \"users\" ADD COLUMN age INTEGER NOT NULL;\nCREATE INDEX users_age_idx ON users (age);");
  return { ts, sql, report: await lintRevisions([ts, sql], ['postgres', 'sqlite']) };
}

describe('text output', () => {
  test('each finding gives file:line:column, severity, rule, message, dialects, why and what to do instead', async () => {
    const { ts, report } = await sampleReport();
    const lines = textReport(report);
    const drop = lines.findIndex((l) => l.includes('drop-column'));
    assert.equal(lines[drop], `${ts.file}:${lineOf(ts, 'op.dropColumn')}:5  error  drop-column (DL106)  drops column users.legacy and its data  [postgres, sqlite]`);
    assert.match(lines[drop + 1]!, /^ {4}why: Dropping a column destroys its data/);
    assert.match(lines[drop + 2]!, /^ {4}instead: .*phase: 'contract'/);
    assert.equal(lines.at(-1), '4 errors, 1 warning (2 revisions linted for postgres, sqlite).');
  });
  test('a clean run says so', async () => {
    const report = await lintRevisions([tsRevision("op.addColumn('users', 'note', { type: 'text' });")], ['sqlite']);
    assert.deepEqual(textReport(report), ['No problems found (1 revision linted for sqlite).']);
  });
});

describe('SARIF output', () => {
  test('validates against the official SARIF 2.1.0 schema, with a rule per enabled rule and a located result per finding', async () => {
    const { report } = await sampleReport();
    const log = sarifLog(report, { toolVersion: '9.9.9', docsUrl: 'https://docs.example.org/dihya/rules/', rules: RULES, severities: { 'secret-in-script': 'off' } });
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run = (log.runs as any[])[0];
    const rules = run.tool.driver.rules as Array<{ id: string; helpUri: string }>;
    assert.equal(rules.length, RULES.length - 1, 'a rule turned off is left out');
    assert.equal(rules.find((r) => r.id === 'drop-column')!.helpUri, 'https://docs.example.org/dihya/rules/drop-column.md');
    assert.equal(run.results.length, report.findings.length);
    for (const [i, result] of (run.results as any[]).entries()) {
      assert.equal(rules[result.ruleIndex]!.id, result.ruleId);
      assert.equal(result.locations[0].physicalLocation.region.startLine, report.findings[i]!.line);
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, report.findings[i]!.file);
    }
  });
  test('the schema refuses a malformed log, so the check can fail', async () => {
    const { report } = await sampleReport();
    const log = sarifLog(report, { toolVersion: '9.9.9', docsUrl: 'https://docs.example.org/dihya/rules/', rules: RULES, severities: {} }) as any;
    const noMessage = structuredClone(log);
    delete noMessage.runs[0].results[0].message;
    assert.equal(validate(noMessage), false);
    assert.equal(validate({ ...log, version: '2.0.0' }), false);
  });
});

describe('GitHub annotations', () => {
  test('one workflow command per finding, with file, line, column and escaped text', async () => {
    const { sql, report } = await sampleReport();
    const lines = githubAnnotations(report);
    assert.equal(lines.length, report.findings.length);
    const notNull = lines.find((l) => l.includes('not-null-column-without-default'))!;
    assert.equal(
      notNull,
      `::error file=${sql.file},line=${lineOf(sql, 'ADD COLUMN')},col=1,title=not-null-column-without-default (DL101)::` +
        'adds NOT NULL column users.age without a default to a table that may already hold rows. ' +
        'Give the column a default, or add it nullable, backfill it, and make it NOT NULL in a later revision.',
    );
    const withComma = githubAnnotations({ ...report, findings: [{ ...report.findings[0]!, file: 'a,b:c.sql', message: '100% sure\nreally' }] })[0]!;
    assert.match(withComma, /^::error file=a%2Cb%3Ac\.sql,line=\d+,col=\d+,title=[^:]+::100%25 sure%0Areally\. /);
  });
});
