/**
 * Which erasures `gdpr replay` applies again: receipts since the backup's time, matched to the
 * restored database's subjects by their keyed HMAC only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { erasuresSince, matchSubjects, readReceiptFiles } from '../../../src/gdpr/replay.js';
import { subjectHmac } from '../../../src/gdpr/subject-hmac.js';

const KEY = 'a-test-key-of-32-characters-long';
const receipt = (id: string, at: string) => ({ requestId: `r-${id}`, kind: 'erase', subject: subjectHmac(id, KEY), counts: [], revision: [], at, operator: 'ops' });

describe('replay receipts', () => {
  it('keeps erasures at or after the backup time, each subject once', () => {
    const found = erasuresSince(
      [receipt('1', '2026-02-28T23:59:59Z'), receipt('2', '2026-03-01T00:00:00Z'), receipt('3', '2026-03-02T10:00:00Z'), receipt('3', '2026-03-03T10:00:00Z'), { note: 'not a receipt' }],
      new Date('2026-03-01T00:00:00Z'),
    );
    assert.equal(found.receipts, 3);
    assert.deepEqual([...found.subjects].sort(), [subjectHmac('2', KEY), subjectHmac('3', KEY)].sort());
  });

  it('marks the subjects a purge removed for good, to purge them again, and only those', () => {
    const found = erasuresSince(
      [{ ...receipt('4', '2026-03-02T00:00:00Z'), kind: 'purge', mode: 'purge' }, { ...receipt('6', '2026-03-02T00:00:00Z'), kind: 'purge' }, receipt('7', '2026-03-02T00:00:00Z')],
      new Date('2026-03-01T00:00:00Z'),
    );
    assert.equal(found.subjects.size, 3);
    assert.deepEqual([...found.purged], [subjectHmac('4', KEY)]);
  });

  it('matches the ids whose HMAC a receipt names, with the same key only', () => {
    const hmacs = new Set([subjectHmac('2', KEY), subjectHmac('5', KEY)]);
    assert.deepEqual(matchSubjects(['1', '2', '3', '4', '5'], hmacs, KEY), ['2', '5']);
    assert.deepEqual(matchSubjects(['1', '2', '3', '4', '5'], hmacs, 'another-key-of-32-characters-ok!'), []);
  });

  it('reads a folder of receipt files, skipping files that are not JSON, and refuses a missing folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dihya-receipts-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(receipt('1', '2026-03-01T00:00:00Z')));
    writeFileSync(join(dir, 'b.json'), '{ broken');
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    assert.equal(readReceiptFiles(dir).length, 1);
    assert.throws(() => readReceiptFiles(join(dir, 'missing')), /receipts folder .*missing does not exist/);
  });
});
