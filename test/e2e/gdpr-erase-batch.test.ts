/**
 * A batch of erasures large enough to cross every statement boundary of the set-wise engine (ids
 * per read, keys per DELETE, rows per UPDATE, audit rows per INSERT), on every database: each
 * person gets their own replacement values and receipt, the others are untouched, and the audit
 * trail's hash chain still verifies.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { subjectHmac } from '../../src/gdpr/subject-hmac.js';
import { cliFor, json, tempProject, tsRevision, write } from '../support/cli.js';
import { databaseKinds, databasePool, withDatabase } from '../support/databases.js';

const KEY = 'batch-erasure-test-key-0123456789';
const PEOPLE = 1_300;
const ERASED = 1_150;
const personal = (category: string, strategy: string) => `annotations: { personal: { category: '${category}', basis: 'contract', retention: 'P3Y', strategy: '${strategy}' } }`;
const ENV = `import { defineConfig, defineSchema } from 'dihya-migrate';
export default defineConfig({ schema: defineSchema({ tables: {
  members: { annotations: { personal: { subject: 'id' } }, columns: {
    id: { type: 'integer', primaryKey: true },
    email: { type: 'varchar(255)', notNull: true, unique: true, ${personal('user.contact.email', 'anonymize')} },
    full_name: { type: 'varchar(100)', ${personal('user.name', 'pseudonymize')} },
    phone: { type: 'varchar(30)', ${personal('user.contact.phone_number', 'null')} },
    is_rgpd_deleted: { type: 'boolean', notNull: true, default: false, ${personal('user.privacy_preferences', 'soft-delete')} },
  } },
  visits: { columns: {
    id: { type: 'integer', primaryKey: true },
    member_id: { type: 'integer', notNull: true, references: { table: 'members', column: 'id' } },
    place: { type: 'varchar(100)', ${personal('user.location', 'delete')} },
  } },
} }) });
`;
const UP = `
op.createTable('members', { id: { type: 'integer', primaryKey: true }, email: { type: 'varchar(255)', notNull: true, unique: true },
  full_name: { type: 'varchar(100)' }, phone: { type: 'varchar(30)' }, is_rgpd_deleted: { type: 'boolean', notNull: true, default: false } });
op.createTable('visits', { id: { type: 'integer', primaryKey: true }, member_id: { type: 'integer', notNull: true, references: { table: 'members', column: 'id' } }, place: { type: 'varchar(100)' } });
`;

describe('one batch erasing over a thousand people', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test(`erases ${ERASED} of ${PEOPLE} people in one transaction, each with their own values and receipt`, async () => {
        const db = await pool.fresh();
        const dir = tempProject();
        write(join(dir, 'migrations', 'env.ts'), ENV);
        write(join(dir, 'migrations', 'versions', '20260101_0000_bbbbbbbbbbbb_members.ts'), tsRevision({ id: 'bbbbbbbbbbbb', down: null, up: UP, down_: "op.dropTable('visits'); op.dropTable('members');" }));
        const run = cliFor(dir, db.url, { DIHYA_GDPR_KEY: KEY });
        assert.equal((await run('upgrade')).status, 0);
        const ids = Array.from({ length: PEOPLE }, (_, i) => i + 1);
        await withDatabase(db.url, async (q) => {
          for (let at = 0; at < PEOPLE; at += 250) {
            const chunk = ids.slice(at, at + 250);
            await q(`INSERT INTO members (id, email, full_name, phone) VALUES ${chunk.map((i) => `(${i}, 'member${i}@example.org', 'Member Number ${i}', '+33 6 00 00 ${String(i).padStart(4, '0')}')`).join(', ')}`);
            await q(`INSERT INTO visits (id, member_id, place) VALUES ${chunk.flatMap((i) => [`(${2 * i}, ${i}, 'Place ${i}a')`, `(${2 * i + 1}, ${i}, 'Place ${i}b')`]).join(', ')}`);
          }
        });
        // Every other id first, then the rest, and an id nobody has: the order asked is not the table's.
        const asked = [...ids.slice(0, ERASED).filter((i) => i % 2 === 0), ...ids.slice(0, ERASED).filter((i) => i % 2 === 1), 99_999].map(String);
        write(join(dir, 'ids.txt'), asked.join('\n') + '\n');
        const r = await run('gdpr', 'erase', '--subjects-file', 'ids.txt', '--batch-size', '2000', '--json');
        assert.equal(r.status, 0, r.stderr);
        const out = json(r);
        assert.equal(out.erased, ERASED);
        assert.equal(out.unknown, 1);
        const receipt = new Map(out.receipts.map((x: { subject: string; counts: Array<{ table: string; strategy: string; rows: number }> }) => [x.subject, x.counts]));
        assert.deepEqual(receipt.get(subjectHmac('7', KEY)), [
          { table: 'visits', strategy: 'delete', rows: 2 },
          { table: 'members', strategy: 'anonymize', rows: 1 }, { table: 'members', strategy: 'pseudonymize', rows: 1 },
          { table: 'members', strategy: 'null', rows: 1 }, { table: 'members', strategy: 'soft-delete', rows: 1 },
        ]);

        await withDatabase(db.url, async (q) => {
          const members = await q<{ id: unknown; email: string; full_name: string | null; phone: string | null; is_rgpd_deleted: unknown }>('SELECT * FROM members ORDER BY id');
          const visits = await q<{ member_id: unknown }>('SELECT member_id FROM visits ORDER BY id');
          for (const m of members) {
            const id = Number(m.id);
            if (id <= ERASED) {
              assert.equal(m.email, `anon-${id}@anonymized.invalid`);
              assert.equal(m.full_name, createHmac('sha256', KEY).update(`Member Number ${id}`).digest('hex'), `member ${id}'s own pseudonym`);
              assert.equal(m.phone, null);
              assert.equal(Boolean(Number(m.is_rgpd_deleted)) || m.is_rgpd_deleted === true, true);
            } else {
              assert.equal(m.email, `member${id}@example.org`);
              assert.equal(m.full_name, `Member Number ${id}`);
              assert.equal(Boolean(Number(m.is_rgpd_deleted)), false);
            }
          }
          assert.deepEqual(visits.map((v) => Number(v.member_id)), ids.slice(ERASED).flatMap((i) => [i, i]), 'only the others\' visits are left');
          const [audit] = await q<{ n: unknown }>("SELECT COUNT(*) AS n FROM dihya_audit WHERE event = 'gdpr-erase'");
          assert.equal(Number(audit!.n), ERASED);
        });
        const verify = await run('audit', 'verify');
        assert.equal(verify.status, 0, verify.stdout + verify.stderr);
      });
    });
  }
});
