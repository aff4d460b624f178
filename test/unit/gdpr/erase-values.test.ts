import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import type { PlannedColumn } from '../../../src/gdpr/erase-plan.js';
import { erasedValue, UNCHANGED } from '../../../src/gdpr/erase-values.js';
import { subjectHmac } from '../../../src/gdpr/subject-hmac.js';

const KEY = 'a-test-key-of-32-characters-long';
const col = (name: string, strategy: PlannedColumn['strategy'], type: string, unique = false): PlannedColumn => ({ name, category: 'user', strategy, type, notNull: false, unique });
const ctx = (value: unknown) => ({ key: 7, value, gdprKey: KEY, now: '2026-03-01 10:00:00' });

test('anonymize keeps formats and unique keys valid, as anonymizeColumn does', () => {
  assert.equal(erasedValue('users', col('email', 'anonymize', 'varchar(255)', true), ctx('a@example.com')), 'anon-7@anonymized.invalid');
  assert.equal(erasedValue('cases', col('reference', 'anonymize', 'varchar(32)', true), ctx('EX-1')), 'anon-7');
  assert.equal(erasedValue('users', col('age', 'anonymize', 'integer'), ctx(40)), 0);
  assert.equal(erasedValue('users', col('email', 'anonymize', 'text'), ctx(null)), null, 'NULL stays NULL');
  assert.throws(() => erasedValue('users', col('age', 'anonymize', 'integer', true), ctx(40)), /UNIQUE/);
});

test('pseudonymize is the keyed HMAC of the value; a column too narrow for it is refused', () => {
  assert.equal(erasedValue('users', col('name', 'pseudonymize', 'varchar(100)'), ctx('Alice')), createHmac('sha256', KEY).update('Alice').digest('hex'));
  assert.throws(() => erasedValue('users', col('name', 'pseudonymize', 'varchar(20)'), ctx('Alice')), /64-character/);
});

test('soft-delete sets the flag and the date, keeping a date already set; keep leaves the value', () => {
  assert.equal(erasedValue('users', col('is_deleted', 'soft-delete', 'boolean'), ctx(false)), true);
  assert.equal(erasedValue('users', col('deleted_at', 'soft-delete', 'timestamp'), ctx(null)), '2026-03-01 10:00:00');
  assert.equal(erasedValue('users', col('deleted_at', 'soft-delete', 'timestamp'), ctx('2019-01-01 00:00:00')), UNCHANGED);
  assert.equal(erasedValue('users', col('role', 'keep', 'integer'), ctx(2)), UNCHANGED);
  assert.equal(erasedValue('users', col('locale', 'null', 'varchar(8)'), ctx('fr')), null);
});

test('the subject HMAC is keyed and domain-separated from value pseudonyms', () => {
  assert.match(subjectHmac('42', KEY), /^[0-9a-f]{64}$/);
  assert.notEqual(subjectHmac('42', KEY), subjectHmac('42', `${KEY}x`));
  assert.notEqual(subjectHmac('42', KEY), createHmac('sha256', KEY).update('42').digest('hex'));
});
