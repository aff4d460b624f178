/**
 * What an upgrade leaves of SQLite's journal: the run keeps its rollback journal between
 * revisions, and afterwards the database is back in its own mode with no journal file beside it;
 * a database in WAL stays in WAL.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { cliFor, tempProject, tsRevision, write } from '../support/cli.js';

function project(): { dir: string; file: string } {
  const dir = tempProject();
  write(join(dir, 'migrations', 'env.ts'), "import { defineConfig } from 'dihya-migrate';\nexport default defineConfig({});\n");
  const ids = ['aaaaaaaaaaa1', 'aaaaaaaaaaa2', 'aaaaaaaaaaa3'];
  ids.forEach((id, i) => write(join(dir, 'migrations', 'versions', `2026010${i + 1}_0000_${id}_t${i}.ts`), tsRevision({
    id, down: i ? ids[i - 1]! : null, up: `op.createTable('t${i}', { id: { type: 'integer', primaryKey: true } });`, down_: `op.dropTable('t${i}');`,
  })));
  return { dir, file: join(dir, 'app.db') };
}

const mode = (file: string) => {
  const db = new Database(file);
  try {
    return String(db.pragma('journal_mode', { simple: true }));
  } finally {
    db.close();
  }
};

describe('SQLite journal around a run', () => {
  test('a database in the default mode keeps it and has no journal file left after upgrade and downgrade', async () => {
    const { dir, file } = project();
    const run = cliFor(dir, `sqlite:${file}`);
    assert.equal((await run('upgrade')).status, 0);
    assert.ok(!existsSync(`${file}-journal`), 'no journal file after upgrade');
    assert.equal(mode(file), 'delete');
    assert.equal((await run('downgrade', 'base')).status, 0);
    assert.ok(!existsSync(`${file}-journal`), 'no journal file after downgrade');
    assert.equal(mode(file), 'delete');
  });

  test('a database in WAL stays in WAL', async () => {
    const { dir, file } = project();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.close();
    const run = cliFor(dir, `sqlite:${file}`);
    assert.equal((await run('upgrade')).status, 0);
    assert.equal(mode(file), 'wal');
    assert.ok(!existsSync(`${file}-journal`));
  });
});
