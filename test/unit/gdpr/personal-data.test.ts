/**
 * The personal-data map as env.ts and the declared schema write it: malformed annotations become one
 * line naming table.column, and env.ts dataMap wins over the schema.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../../../src/core/errors.js';
import { buildDataMap, classifiedColumns } from '../../../src/gdpr/data-map.js';
import { validatePersonalColumn, validatePersonalTable } from '../../../src/gdpr/personal-data.js';
import { defineSchema } from '../../../src/schema/declared-schema.js';

const rejects = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof ConfigError && message.test(e.message) && !e.message.includes('\n'));

describe('column annotations', () => {
  test('a complete annotation and personal: false are accepted as written', () => {
    const email = { category: 'user.contact.email', basis: 'contract', retention: 'P3Y', strategy: 'anonymize' };
    assert.deepEqual(validatePersonalColumn('users', 'email', email), email);
    assert.equal(validatePersonalColumn('roles', 'name', false), false);
    assert.deepEqual(validatePersonalColumn('users', 'born', { category: 'user.date_of_birth', retention: 'P1Y6M', strategy: 'null' }).valueOf(), { category: 'user.date_of_birth', retention: 'P1Y6M', strategy: 'null' });
  });
  test('each malformed field is named with the column and what to write', () => {
    rejects(() => validatePersonalColumn('users', 'email', { strategy: 'delete' }), /^personal data map: users\.email: category is missing; use a key such as 'user\.contact\.email'$/);
    rejects(() => validatePersonalColumn('users', 'email', { category: 'email', strategy: 'delete' }), /users\.email: category 'email' is not a fideslang user category/);
    rejects(() => validatePersonalColumn('users', 'email', { category: 'user.contact.email' }), /users\.email: strategy is missing; use one of delete, null, anonymize, pseudonymize, soft-delete, keep$/);
    rejects(() => validatePersonalColumn('users', 'email', { category: 'user.contact.email', strategy: 'shred' }), /users\.email: strategy 'shred' is unknown/);
    rejects(() => validatePersonalColumn('users', 'email', { category: 'user.contact.email', strategy: 'null', basis: 'because' }), /users\.email: basis 'because' is not a GDPR Art\. 6 basis; use one of consent, contract, legal-obligation, vital-interests, public-task, legitimate-interests$/);
    rejects(() => validatePersonalColumn('users', 'email', { category: 'user.contact.email', strategy: 'null', retention: '3 years' }), /users\.email: retention '3 years' is not an ISO 8601 duration; write e\.g\. 'P3Y'/);
    rejects(() => validatePersonalColumn('users', 'email', { category: 'user.contact.email', strategy: 'null', retention: 'P' }), /retention 'P' is not an ISO 8601 duration/);
    rejects(() => validatePersonalColumn('users', 'email', { category: 'user.contact.email', strategy: 'null', retension: 'P3Y' }), /users\.email: unknown key 'retension'/);
    rejects(() => validatePersonalColumn('users', 'email', true), /users\.email: personal is true; use false or \{ category, strategy/);
  });
});

describe('table annotations', () => {
  test('subject, via and a delete strategy are accepted', () => {
    assert.deepEqual(validatePersonalTable('users', { subject: 'id' }), { subject: 'id' });
    const via = { via: { column: 'author', references: { table: 'users', column: 'email' } }, strategy: 'delete', retention: 'P30D' };
    assert.deepEqual(validatePersonalTable('notes', via), via);
  });
  test('malformed table annotations name the table', () => {
    rejects(() => validatePersonalTable('notes', { via: { column: 'user_id' } }), /^personal data map: table notes: via must be \{ column, references: \{ table, column \} \}/);
    rejects(() => validatePersonalTable('notes', { strategy: 'anonymize' }), /table notes: strategy 'anonymize' is not a table strategy; use 'delete'/);
    rejects(() => validatePersonalTable('users', { subject: 'id', via: { column: 'a', references: { table: 'b', column: 'c' } } }), /table users: the subject table cannot also declare via/);
    rejects(() => validatePersonalTable('users', { subject: '' }), /table users: subject is ''/);
  });
});

describe('buildDataMap', () => {
  const schema = defineSchema({
    tables: {
      users: {
        annotations: { personal: { subject: 'id' } },
        columns: {
          id: { type: 'integer', primaryKey: true },
          email: { type: 'text', annotations: { personal: { category: 'user.contact.email', strategy: 'anonymize' } } },
          nickname: { type: 'text', annotations: { personal: false } },
          created_at: { type: 'timestamp' },
        },
      },
      roles: { columns: { id: { type: 'integer' }, name: { type: 'text' } } },
    },
  });

  test('merges the schema with env.ts dataMap, which wins column by column; unannotated tables are left out', () => {
    const map = buildDataMap(schema, {
      tables: {
        users: { columns: { email: { category: 'user.contact.email', strategy: 'pseudonymize' } } },
        newsletter: { columns: { address: { category: 'user.contact.email', basis: 'consent', strategy: 'delete' } } },
      },
    });
    assert.deepEqual(map.tables.map((t) => t.name), ['newsletter', 'users']);
    const users = map.tables.find((t) => t.name === 'users')!;
    assert.deepEqual(users.personal, { subject: 'id' });
    assert.deepEqual(users.columns.map((c) => [c.name, c.personal === false ? false : c.personal.strategy, c.source]), [
      ['email', 'pseudonymize', 'dataMap'],
      ['nickname', false, 'schema'],
    ]);
  });

  test('a malformed annotation in the schema or in dataMap stops the build with its name', () => {
    const bad = defineSchema({ tables: { users: { columns: { phone: { type: 'text', annotations: { personal: { category: 'user.contact.phone_number', strategy: 'erase' } } } } } } });
    rejects(() => buildDataMap(bad, undefined), /users\.phone: strategy 'erase' is unknown/);
    rejects(() => buildDataMap(undefined, { tables: { logs: { columns: { who: { category: 'user.name' } as never } } } }), /logs\.who: strategy is missing/);
  });

  test('classifiedColumns lists every annotated column, false included, and nothing without a schema or map', () => {
    assert.equal(classifiedColumns(undefined, undefined), undefined);
    assert.deepEqual([...classifiedColumns(schema, undefined)!].sort(), ['users.email', 'users.nickname']);
  });
});
