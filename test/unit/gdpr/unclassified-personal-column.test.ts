/** The lint rule unclassified-personal-column on op calls and raw SQL, with and without a data map. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mysqlDialect } from '../../../src/dialects/mysql/mysql-dialect.js';
import { postgresDialect } from '../../../src/dialects/postgres/postgres-dialect.js';
import { sqliteDialect } from '../../../src/dialects/sqlite/sqlite-dialect.js';
import { runLint } from '../../../src/lint/lint-engine.js';
import type { LintDialect } from '../../../src/lint/lint-types.js';
import type { RevisionSource } from '../../../src/lint/revision-source.js';
import { findingsOf, lineOf, sqlRevision, tsRevision } from '../lint/lint-fixtures.js';

const RULE = 'unclassified-personal-column';

function lintWith(revisions: RevisionSource[], classified: string[] | undefined, dialects: LintDialect[] = ['postgres', 'mysql', 'sqlite']) {
  return runLint({
    revisions,
    selected: new Set(revisions.map((r) => r.meta.id)),
    files: [],
    dialects,
    splitters: { postgres: (s) => postgresDialect.splitScript(s), mysql: (s) => mysqlDialect.splitScript(s), sqlite: (s) => sqliteDialect.splitScript(s) },
    project: { lockTimeoutConfigured: true, templateTexts: [], knownTargets: new Set(), ...(classified ? { classifiedColumns: new Set(classified) } : {}) },
  });
}

describe(RULE, () => {
  test('op.createTable and op.addColumn with personal-looking names the map does not classify are errors', async () => {
    const ts = tsRevision(
      [
        "op.createTable('customers', { id: { type: 'bigint', primaryKey: true }, email: { type: 'text' }, prenom: { type: 'text' }, hotel_id: { type: 'integer' } });",
        "op.addColumn('customers', 'phoneNumber', { type: 'text' });",
      ].join('\n'),
    );
    const report = await lintWith([ts], ['customers.email']);
    assert.deepEqual(findingsOf(report, RULE), [
      `${lineOf(ts, 'createTable')}: adds customers.prenom, whose name suggests first name, but the personal-data map does not classify it`,
      `${lineOf(ts, 'addColumn')}: adds customers.phoneNumber, whose name suggests phone, but the personal-data map does not classify it`,
    ]);
    const finding = report.findings.find((f) => f.rule === RULE)!;
    assert.equal(finding.code, 'DL302');
    assert.equal(finding.severity, 'error');
    assert.equal(report.ok, false);
  });

  test('CREATE TABLE and ADD COLUMN in raw SQL are read too, on every dialect', async () => {
    const sql = sqlRevision('CREATE TABLE contacts (id integer PRIMARY KEY, code_postal varchar(10));\nALTER TABLE contacts ADD COLUMN iban varchar(34);');
    const report = await lintWith([sql], []);
    assert.deepEqual(findingsOf(report, RULE), [
      `${lineOf(sql, 'CREATE TABLE')}: adds contacts.code_postal, whose name suggests postcode, but the personal-data map does not classify it`,
      `${lineOf(sql, 'ALTER TABLE')}: adds contacts.iban, whose name suggests iban, but the personal-data map does not classify it`,
    ]);
    assert.deepEqual(report.findings.filter((f) => f.rule === RULE).map((f) => f.dialects.join()), ['postgres,mysql,sqlite', 'postgres,mysql,sqlite']);
  });

  test('a column classified in the map, personal: false included, passes; names are compared case-insensitively', async () => {
    const ts = tsRevision("op.addColumn('users', 'email', { type: 'text' });\nop.addColumn('roles', 'name', { type: 'text' });");
    const sql = sqlRevision('ALTER TABLE Users ADD COLUMN Phone text;');
    const report = await lintWith([ts, sql], ['users.email', 'roles.name', 'users.phone']);
    assert.deepEqual(findingsOf(report, RULE), []);
  });

  test('a project that declares no schema and no data map is not checked', async () => {
    const report = await lintWith([tsRevision("op.addColumn('users', 'email', { type: 'text' });")], undefined);
    assert.deepEqual(findingsOf(report, RULE), []);
  });
});
