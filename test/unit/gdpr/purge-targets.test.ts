/**
 * What `gdpr purge` reads from the map: the retention cutoff, the soft-delete flag and date of the
 * subject root told apart by their types, the tables aged by a named column, and what it skips.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDataMap } from '../../../src/gdpr/data-map.js';
import { cutoffParameter, retentionCutoff } from '../../../src/gdpr/purge-cutoff.js';
import { purgeTargets } from '../../../src/gdpr/purge.js';
import { parseSubjectIds } from '../../../src/gdpr/subjects-file.js';
import { validatePersonalTable } from '../../../src/gdpr/personal-data.js';
import type { SchemaModel } from '../../../src/schema/schema-model.js';

const col = (name: string, type: string) => ({ name, type, notNull: false, default: null, identity: false, comment: null });
const live = (tables: Record<string, Array<[string, string]>>): SchemaModel =>
  ({ tables: Object.entries(tables).map(([name, cols]) => ({ name, columns: cols.map(([n, t]) => col(n, t)), indexes: [], foreignKeys: [], uniques: [], checks: [] })) }) as unknown as SchemaModel;

const soft = (retention?: string) => ({ category: 'user.privacy_preferences', strategy: 'soft-delete' as const, ...(retention ? { retention } : {}) });

describe('retention cutoff', () => {
  it('goes back by calendar years, months, weeks, days and time, in UTC', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    assert.equal(retentionCutoff('P5Y', now).toISOString(), '2021-03-01T12:00:00.000Z');
    assert.equal(retentionCutoff('P1Y6M', now).toISOString(), '2024-09-01T12:00:00.000Z');
    assert.equal(retentionCutoff('P2W3D', now).toISOString(), '2026-02-12T12:00:00.000Z');
    assert.equal(retentionCutoff('PT36H', now).toISOString(), '2026-02-28T00:00:00.000Z');
    assert.equal(cutoffParameter(retentionCutoff('P5Y', now)), '2021-03-01 12:00:00');
  });

  it('refuses a retention that is not an ISO 8601 duration', () => {
    assert.throws(() => retentionCutoff('5 years', new Date()), /retention '5 years' is not an ISO 8601 duration/);
  });
});

describe('purge targets', () => {
  it('finds the flag and the date among the root soft-delete columns by their types, retention from the date column', () => {
    const map = buildDataMap(undefined, { tables: { users: { personal: { subject: 'id' }, columns: { deleted_on: soft('P5Y'), erased: soft('P5Y') } } } });
    const t = purgeTargets(map, live({ users: [['id', 'bigint'], ['deleted_on', 'timestamp without time zone'], ['erased', 'boolean']] }));
    assert.deepEqual(t.softDeleted, { table: 'users', column: 'id', flag: 'erased', deletedAt: 'deleted_on', retention: 'P5Y' });
    assert.deepEqual(t.skipped, []);
  });

  it('prefers the table retention and reads MySQL booleans (tinyint(1))', () => {
    const map = buildDataMap(undefined, { tables: { users: { personal: { subject: 'id', retention: 'P1Y' }, columns: { gone: soft('P5Y'), gone_at: soft() } } } });
    const t = purgeTargets(map, live({ users: [['id', 'bigint'], ['gone', 'tinyint(1)'], ['gone_at', 'datetime']] }));
    assert.equal(t.softDeleted?.retention, 'P1Y');
  });

  it('skips, with a line naming the table, a soft-delete without a retention, and agedBy without a table retention', () => {
    const map = buildDataMap(undefined, {
      tables: {
        users: { personal: { subject: 'id' }, columns: { gone: soft(), gone_at: soft() } },
        visits: { personal: { via: { column: 'user_id', references: { table: 'users', column: 'id' } }, agedBy: 'seen_at' }, columns: { ip: { category: 'user.device.ip_address', strategy: 'null' } } },
        logins: { personal: { via: { column: 'user_id', references: { table: 'users', column: 'id' } }, retention: 'P30D', agedBy: 'at' }, columns: { ip: { category: 'user.device.ip_address', strategy: 'null' } } },
      },
    });
    const t = purgeTargets(map, live({ users: [['id', 'integer'], ['gone', 'boolean'], ['gone_at', 'timestamp']], visits: [['seen_at', 'timestamp']], logins: [['at', 'timestamp']] }));
    assert.equal(t.softDeleted, undefined);
    assert.deepEqual(t.aged, [{ table: 'logins', agedBy: 'at', retention: 'P30D' }]);
    assert.equal(t.skipped.length, 2);
    assert.match(t.skipped[0]!, /^users: soft-delete needs/);
    assert.match(t.skipped[1]!, /^visits: agedBy 'seen_at' needs a table retention/);
  });

  it('agedBy must name a column', () => {
    assert.throws(() => validatePersonalTable('visits', { agedBy: '' }), /table visits: agedBy is ''; name the timestamp column/);
  });
});

describe('subjects file', () => {
  it('trims ids, skips blank lines and comments, keeps the first of repeated ids', () => {
    assert.deepEqual(parseSubjectIds('# March requests\n 42 \r\n\n57\n42\n  # late\n7\n'), ['42', '57', '7']);
  });
});
