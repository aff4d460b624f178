/**
 * The audit trail: every upgrade, downgrade and stamp is one hash-chained row; `audit verify`
 * passes on an untouched trail and fails (exit 3, naming the row) once a row is edited or deleted.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, projectWith, stderrLines, tableRevision, tsRevision } from '../support/cli.js';
import { databaseKinds, databasePool, withDatabase } from '../support/databases.js';

const R1 = 'aud1t0000001';
const R2 = 'aud1t0000002';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SHA256 = /^[0-9a-f]{64}$/;

interface AuditEvent {
  id: number;
  at: string;
  event: string;
  revision: string | null;
  durationMs: number | null;
  checksum: string | null;
  actor: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

describe('audit trail', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('upgrades, downgrades and stamps form a chain that verify checks, and tampering is caught', async () => {
        const db = await pool.fresh();
        const dir = projectWith({ '001.ts': tableRevision(R1, null, 'accounts'), '002.ts': tableRevision(R2, R1, 'orders') });
        const logFile = join(dir, 'steps.log');
        const run = cliFor(dir, db.url, { DIHYA_ACTOR: 'alice', DIHYA_LOG_FILE: logFile });
        for (const args of [['upgrade'], ['downgrade', '-1'], ['stamp', 'heads'], ['stamp', R1], ['downgrade', 'base']]) {
          const r = await run(...args);
          assert.equal(r.status, 0, `dihya ${args.join(' ')}: ${r.stderr}`);
        }

        const listed = await run('audit', '--json');
        assert.equal(listed.status, 0, listed.stderr);
        const doc = JSON.parse(listed.stdout) as { events: AuditEvent[] };
        assert.deepEqual(Object.keys(doc), ['events']);
        const events = doc.events;
        assert.deepEqual(events.map((e) => [e.id, e.event, e.revision]), [
          [1, 'upgrade', R1], [2, 'upgrade', R2], [3, 'downgrade', R2], [4, 'stamp', R2], [5, 'stamp', R1], [6, 'downgrade', R1],
        ]);
        for (const e of events) {
          assert.deepEqual(Object.keys(e).sort(), ['actor', 'at', 'checksum', 'details', 'durationMs', 'event', 'hash', 'id', 'prevHash', 'revision']);
          assert.match(e.at, ISO);
          assert.equal(e.actor, 'alice');
          assert.match(e.hash, SHA256);
          const ran = e.event !== 'stamp';
          assert.equal(typeof e.durationMs, ran ? 'number' : 'object', `durationMs of ${e.event}`);
          if (ran) assert.match(e.checksum!, SHA256);
          else assert.equal(e.checksum, null);
        }
        assert.equal(events[0]!.prevHash, '0'.repeat(64));
        for (let i = 1; i < events.length; i++) assert.equal(events[i]!.prevHash, events[i - 1]!.hash, `row ${i + 1} does not chain to row ${i}`);
        assert.deepEqual([events[4]!.details.from, events[4]!.details.to], [[R2], [R1]]);
        assert.ok(events.every((e, i) => i === 0 || e.at >= events[i - 1]!.at), 'events are not oldest first');

        // DIHYA_LOG_FILE has one JSON line per step that ran, carrying the hash of its audit row.
        const log = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
        const ran = events.filter((e) => e.event !== 'stamp');
        assert.deepEqual(log.map((l) => [l.event, l.revision, l.actor, l.auditHash]), ran.map((e) => [e.event, e.revision, 'alice', e.hash]));

        const text = (await run('audit')).stdout.split('\n').filter(Boolean);
        assert.equal(text.length, 6);
        assert.match(text[2]!, new RegExp(`^3  \\S+  downgrade  ${R2}  \\d+ ms  by alice$`));
        assert.deepEqual(JSON.parse((await run('audit', '--since', '2999-01-01', '--json')).stdout), { events: [] });
        const badSince = await run('audit', '--since', 'yesterday');
        assert.equal(badSince.status, 2);
        assert.equal(stderrLines(badSince).length, 1);

        const verified = await run('audit', 'verify');
        assert.equal(verified.status, 0, verified.stdout + verified.stderr);
        assert.equal(verified.stdout.trim(), `OK: 6 audit events, hash chain intact; last hash ${events[5]!.hash}`);

        await withDatabase(db.url, (q) => q("UPDATE dihya_audit SET event = 'upgrade' WHERE id = 3"));
        const edited = await run('audit', 'verify');
        assert.equal(edited.status, 3, edited.stdout + edited.stderr);
        assert.match(edited.stdout, /^audit row 3: .*changed/m);
        const editedDoc = JSON.parse((await run('audit', 'verify', '--json')).stdout);
        assert.equal(editedDoc.ok, false);
        assert.deepEqual(editedDoc.problems.map((p: { id: number }) => p.id), [3]);

        await withDatabase(db.url, (q) => q("UPDATE dihya_audit SET event = 'downgrade' WHERE id = 3"));
        assert.equal((await run('audit', 'verify')).status, 0, 'restoring the row restores the chain');

        await withDatabase(db.url, (q) => q('DELETE FROM dihya_audit WHERE id = 4'));
        const deleted = await run('audit', 'verify');
        assert.equal(deleted.status, 3, deleted.stdout + deleted.stderr);
        assert.match(deleted.stdout, /^audit row 5: row 4 is missing$/m);
      });

      if (kind === 'postgres') {
        test('the password of a URL reaches neither the terminal, the audit trail nor the log', async () => {
          const db = await pool.fresh();
          // The test server's own password if it has one; otherwise a server that trusts local
          // connections ignores the one added here.
          const url = new URL(db.url);
          if (!url.password) url.password = 's3cret';
          const secret = decodeURIComponent(url.password);
          const dir = projectWith({
            '001.ts': tableRevision(R1, null, 'accounts'),
            '002.ts': tsRevision({ id: R2, down: R1, up: "op.execute('INSERT INTO no_such_table VALUES (1)');" }),
          });
          const logFile = join(dir, 'steps.log');
          const run = cliFor(dir, url.toString(), { DIHYA_LOG_FILE: logFile });
          const outputs = [await run('upgrade'), await run('audit', '--json'), await run('history'), await run('current', '--json'), await run('audit', 'verify')];
          assert.equal(outputs[0]!.status, 1, outputs[0]!.stderr);
          assert.deepEqual(JSON.parse(outputs[1]!.stdout).events.map((e: AuditEvent) => e.event), ['upgrade', 'failure']);
          for (const r of outputs) assert.ok(!(r.stdout + r.stderr).includes(secret), `the password was printed:\n${r.stdout}${r.stderr}`);
          assert.ok(!readFileSync(logFile, 'utf8').includes(secret), 'the password reached the log file');
          const rows = await withDatabase(db.url, (q) => q('SELECT * FROM dihya_audit'));
          assert.ok(!JSON.stringify(rows).includes(secret), 'the password reached the audit trail');
        });
      }
    });
  }
});
