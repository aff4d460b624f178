/**
 * What env.ts configures reaches the run: the JSON-lines log, hooks around runs and revisions, and
 * PostgreSQL session settings; no password from a URL reaches the log or the audit.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dihya, json, tempProject, tsRevision, write } from '../support/cli.js';
import { databaseKinds, freshDatabase, queryDatabase, type TestDatabase } from '../support/databases.js';

const ENV = `import { appendFileSync } from 'node:fs';
import { defineConfig } from 'dihya-migrate';
const trace = (line: string) => appendFileSync(process.env.HOOK_TRACE!, line + '\\n');
export default defineConfig({
  log: { file: 'logs/steps.log' },
  session: { lockTimeout: '1234ms', statementTimeout: '60s', lockWaitTimeout: '7s' },
  hooks: {
    beforeRun: ({ direction }) => trace('beforeRun ' + direction),
    beforeRevision: ({ revision, direction }) => trace('before ' + direction + ' ' + revision),
    afterRevision: ({ revision, direction }) => trace('after ' + direction + ' ' + revision),
    afterRun: ({ steps }) => trace('afterRun ' + steps),
  },
});
`;

function project(kind: string): string {
  const dir = tempProject();
  write(join(dir, 'migrations', 'env.ts'), ENV);
  const v = join(dir, 'migrations', 'versions');
  // MySQL waits on metadata locks for lock_wait_timeout; PostgreSQL has lock_timeout.
  const setting = kind === 'sqlite' ? "'none'" : kind === 'mysql' ? '@@SESSION.lock_wait_timeout' : "current_setting('lock_timeout')";
  write(join(v, 'a.ts'), tsRevision({
    id: 'eeee00000001', down: null,
    up: `op.createTable('settings_seen', { name: { type: 'text' } }); op.execute("INSERT INTO settings_seen (name) SELECT ${setting.replace(/"/g, '\\"')}");`,
    down_: "op.dropTable('settings_seen');",
  }));
  write(join(v, 'b.ts'), tsRevision({ id: 'eeee00000002', down: 'eeee00000001', up: "op.createTable('b', { id: { type: 'integer' } });", down_: "op.dropTable('b');" }));
  return dir;
}

for (const kind of databaseKinds()) {
  describe(`env.ts on ${kind}`, () => {
    const dbs: TestDatabase[] = [];
    after(async () => {
      for (const db of dbs) await db.drop();
    });

    test('log lines, hooks in order, session settings', async () => {
      const db = await freshDatabase(kind);
      dbs.push(db);
      const dir = project(kind);
      const traceFile = join(dir, 'trace.txt');
      const up = dihya(dir, ['upgrade', '--url', db.url], { HOOK_TRACE: traceFile });
      assert.equal(up.status, 0, up.stderr);
      const down = dihya(dir, ['downgrade', '-1', '--url', db.url], { HOOK_TRACE: traceFile });
      assert.equal(down.status, 0, down.stderr);
      assert.deepEqual(readFileSync(traceFile, 'utf8').trim().split('\n'), [
        'beforeRun up', 'before up eeee00000001', 'after up eeee00000001', 'before up eeee00000002', 'after up eeee00000002', 'afterRun 2',
        'beforeRun down', 'before down eeee00000002', 'after down eeee00000002', 'afterRun 1',
      ]);
      const log = readFileSync(join(dir, 'logs', 'steps.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      assert.deepEqual(log.map((l) => [l.event, l.revision]), [['upgrade', 'eeee00000001'], ['upgrade', 'eeee00000002'], ['downgrade', 'eeee00000002']]);
      for (const line of log) {
        assert.ok(!Number.isNaN(Date.parse(line.time)), 'each line is timestamped');
        assert.equal(typeof line.durationMs, 'number');
      }
      if (kind !== 'sqlite') {
        assert.deepEqual(await queryDatabase(db.url, 'SELECT name FROM settings_seen'), [{ name: kind === 'mysql' ? '7' : '1234ms' }]);
      }
    });

    if (kind === 'postgres') {
      test('a password in the URL reaches neither the log nor the audit', async () => {
        const db = await freshDatabase(kind);
        dbs.push(db);
        const dir = project(kind);
        // Trust authentication ignores the password, so the run succeeds while carrying one.
        const url = db.url.replace('postgres://postgres@', 'postgres://postgres:Sup3rS3cretPw@');
        const r = dihya(dir, ['upgrade', '--url', url], { HOOK_TRACE: join(dir, 't.txt') });
        assert.equal(r.status, 0, r.stderr);
        const everything = readFileSync(join(dir, 'logs', 'steps.log'), 'utf8') + JSON.stringify(json(dihya(dir, ['audit', '--json', '--url', url]))) + r.stdout + r.stderr;
        assert.doesNotMatch(everything, /Sup3rS3cretPw/);
      });
    }
  });
}

describe('no log file unless one is named', () => {
  test('a project without log settings writes no log', () => {
    const dir = tempProject();
    write(join(dir, 'migrations', 'versions', 'a.ts'), tsRevision({ id: 'ffff00000001', down: null, up: "op.createTable('x', { id: { type: 'integer' } });" }));
    assert.equal(dihya(dir, ['upgrade', '--url', `sqlite:${join(dir, 'x.db')}`]).status, 0);
    assert.ok(!existsSync(join(dir, 'logs')));
  });
});
