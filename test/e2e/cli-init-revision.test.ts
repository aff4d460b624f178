/**
 * Starting a project: `init` scaffolds the migrations folder (and never overwrites one), `revision`
 * writes `<yyyymmdd_hhmm>_<id>_<slug>.ts` (or `.sql`) on top of the head, with `--head`,
 * `--branch-label` and `--depends-on`, and refuses to guess between several heads.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliFor, dihya, json, stderrLines, tempProject, write } from '../support/cli.js';
import { databaseKinds, databasePool, databaseState, type DatabaseKind } from '../support/databases.js';

const FILE_NAME = /^(\d{8}_\d{4})_([0-9a-f]{12})_([a-z0-9_]+)\.(ts|sql)$/;
const ENV_URL: Record<DatabaseKind, RegExp> = { sqlite: /'sqlite:\.\/dihya\.db'/, pglite: /'pglite:\.\/pgdata'/, postgres: /'postgres:\/\//, mysql: /'mysql:\/\// };

/** `yyyymmdd_hhmm` in UTC, as revision file names carry it. */
function stamp(d: Date): string {
  return d.toISOString().slice(0, 16).replace(/-/g, '').replace('T', '_').replace(':', '');
}

/** Fills the empty up()/down() the template writes, as a user would in an editor. */
function fillTypeScript(file: string, up: string, down: string): void {
  const text = readFileSync(file, 'utf8');
  const filled = text.replace(/async up\(op\) \{\n\s*\},/, `async up(op) { ${up} },`).replace(/async down\(op\) \{\n\s*\},/, `async down(op) { ${down} },`);
  assert.notEqual(filled, text, 'the template no longer has the expected up()/down()');
  writeFileSync(file, filled);
}

/** Every file under `dir` with its content, to prove a refused command wrote nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    out[name] = statSync(path).isDirectory() ? '<dir>' : readFileSync(path, 'utf8');
  }
  return out;
}

describe('init and revision', { concurrency: true }, () => {
  for (const kind of databaseKinds()) {
    describe(kind, { concurrency: 1 }, () => {
      const pool = databasePool(kind);
      after(() => pool.dropAll());

      test('init, then revisions written on top of each other, then upgrade', async () => {
        const db = await pool.fresh();
        const dir = tempProject();
        const run = cliFor(dir, db.url);

        const init = dihya(dir, ['init', '--dialect', kind, '--json']);
        assert.equal(init.status, 0, init.stderr);
        const migrations = join(dir, 'migrations');
        assert.deepEqual(json(init), {
          dir: migrations,
          files: ['env.ts', 'script.ts.eta', 'README.md', 'versions/.gitkeep'].map((f) => join(migrations, f)),
        });
        assert.deepEqual(readdirSync(migrations).sort(), ['README.md', 'env.ts', 'script.ts.eta', 'versions']);
        assert.ok(statSync(join(migrations, 'versions')).isDirectory());
        assert.match(readFileSync(join(migrations, 'env.ts'), 'utf8'), ENV_URL[kind]);

        const before = new Date();
        const first = await run('revision', '-m', 'Create the users', '--json');
        assert.equal(first.status, 0, first.stderr);
        const r1 = JSON.parse(first.stdout) as { revision: string; file: string; downRevisions: string[] };
        const m = FILE_NAME.exec(basename(r1.file));
        assert.ok(m, `file name ${basename(r1.file)}`);
        assert.ok([stamp(before), stamp(new Date())].includes(m[1]!), `timestamp ${m[1]} is not now (UTC)`);
        assert.equal(m[2], r1.revision);
        assert.equal(m[3], 'create_the_users');
        assert.equal(m[4], 'ts');
        assert.deepEqual(r1.downRevisions, []);
        assert.match(readFileSync(r1.file, 'utf8'), new RegExp(`revision: "${r1.revision}",\\s+downRevision: null,`));
        fillTypeScript(r1.file, "op.createTable('users', { id: { type: 'integer', primaryKey: true } });", "op.dropTable('users');");

        const second = await run('revision', '-m', 'add email', '--json');
        assert.equal(second.status, 0, second.stderr);
        const r2 = JSON.parse(second.stdout) as { revision: string; file: string; downRevisions: string[] };
        assert.deepEqual(r2.downRevisions, [r1.revision], 'a new revision is not built on the head');
        assert.match(basename(r2.file), new RegExp(`^\\d{8}_\\d{4}_${r2.revision}_add_email\\.ts$`));
        fillTypeScript(r2.file, "op.addColumn('users', 'email', { type: 'text' });", "op.dropColumn('users', 'email');");

        const third = await run('revision', '-m', 'audit log', '--sql', '--json');
        assert.equal(third.status, 0, third.stderr);
        const r3 = JSON.parse(third.stdout) as { revision: string; file: string; downRevisions: string[] };
        assert.match(basename(r3.file), new RegExp(`^\\d{8}_\\d{4}_${r3.revision}_audit_log\\.sql$`));
        const sql = readFileSync(r3.file, 'utf8');
        assert.match(sql, new RegExp(`^-- dihya:revision ${r3.revision}\\n-- dihya:down-revision ${r2.revision}\\n`));
        writeFileSync(r3.file, sql.replace('-- dihya:up\n', '-- dihya:up\nCREATE TABLE audit_log (id INTEGER PRIMARY KEY);\n').replace('-- dihya:down\n', '-- dihya:down\nDROP TABLE audit_log;\n'));

        assert.deepEqual(json(await run('heads', '--json')), { heads: [r3.revision] });
        const up = await run('upgrade', '--json');
        assert.equal(up.status, 0, up.stderr);
        assert.deepEqual(JSON.parse(up.stdout).steps.map((s: { revision: string }) => s.revision), [r1.revision, r2.revision, r3.revision]);
        const state = await databaseState(db.url);
        assert.deepEqual(state.tables, ['audit_log', 'dihya_audit', 'dihya_history', 'dihya_version', 'users']);
        assert.deepEqual(state.version, [r3.revision]);
      });

      test('--head, --branch-label and --depends-on place a revision; several heads need --head', async () => {
        const db = await pool.fresh();
        const dir = tempProject();
        // A folder other than migrations/, named by --dir on every command.
        const inFolder = cliFor(dir, db.url);
        const run = (...args: string[]) => inFolder(...args, '--dir', 'db/schema');
        assert.equal(dihya(dir, ['init', '--dialect', kind, '--dir', 'db/schema']).status, 0);
        const create = async (...args: string[]) => {
          const r = await run('revision', ...args, '--json');
          assert.equal(r.status, 0, r.stderr);
          return JSON.parse(r.stdout) as { revision: string; file: string; downRevisions: string[] };
        };

        const core = await create('-m', 'core');
        const side = await create('-m', 'side root', '--head', 'base', '--branch-label', 'side');
        assert.deepEqual(side.downRevisions, []);
        assert.match(readFileSync(side.file, 'utf8'), /branchLabels: \["side"\]/);

        const versions = join(dir, 'db', 'schema', 'versions');
        const files = readdirSync(versions).sort();
        const refused = await run('revision', '-m', 'which head?');
        assert.equal(refused.status, 2, refused.stderr);
        const lines = stderrLines(refused);
        assert.equal(lines.length, 1, refused.stderr);
        assert.match(lines[0]!, new RegExp(`multiple heads.*(${core.revision}.*${side.revision}|${side.revision}.*${core.revision}).*--head`));
        assert.deepEqual(readdirSync(versions).sort(), files, 'a refused revision wrote a file');

        const onSide = await create('-m', 'on side', '--head', 'side@head', '--depends-on', core.revision.slice(0, 6));
        assert.deepEqual(onSide.downRevisions, [side.revision]);
        const shown = json(await run('show', onSide.revision, '--json'));
        assert.deepEqual([shown.downRevisions, shown.dependsOn], [[side.revision], [core.revision]]);
        const core2 = await create('-m', 'core two', '--head', core.revision);
        assert.deepEqual(core2.downRevisions, [core.revision]);
        // label@head is the tip of that branch, not the revision that carries the label.
        const sideTip = await create('-m', 'side three', '--head', 'side@head');
        assert.deepEqual(sideTip.downRevisions, [onSide.revision], '--head side@head did not build on the tip of the side branch');

        const taken = await run('revision', '-m', 'label again', '--head', core2.revision, '--branch-label', 'side');
        assert.equal(taken.status, 2, taken.stderr);
        assert.equal(stderrLines(taken).length, 1, taken.stderr);
        assert.match(taken.stderr, /'side'.*already/);
        assert.equal(readdirSync(versions).length, files.length + 3, 'a revision with a label already in use was written');
        assert.deepEqual(json(await run('heads', '--json')).heads.sort(), [core2.revision, sideTip.revision].sort());

        // Upgrading the side branch pulls in the core revision it depends on, and nothing else.
        const up = await run('upgrade', 'side@head', '--json');
        assert.equal(up.status, 0, up.stderr);
        const state = await databaseState(db.url);
        assert.deepEqual(state.history, [core.revision, side.revision, onSide.revision, sideTip.revision].sort());
        assert.ok(!state.history.includes(core2.revision));
      });
    });
  }
});

describe('init refuses to overwrite', () => {
  test('an existing non-empty folder is left exactly as it was', () => {
    const dir = tempProject();
    write(join(dir, 'migrations', 'env.ts'), '// mine\n');
    write(join(dir, 'migrations', 'versions', 'keep.sql'), '-- mine\n');
    const before = snapshot(dir);
    for (const args of [['init'], ['init', '--dialect', 'postgres', '--json']]) {
      const r = dihya(dir, args);
      assert.equal(r.status, 2, r.stderr);
      const lines = stderrLines(r);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0]!, new RegExp(`${join(dir, 'migrations').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} already exists and is not empty`));
      assert.deepEqual(snapshot(dir), before, `dihya ${args.join(' ')} wrote into the existing folder`);
    }

    write(join(dir, 'db', 'notes.txt'), 'x');
    const other = dihya(dir, ['init', '--dir', 'db']);
    assert.equal(other.status, 2);
    assert.deepEqual(readdirSync(join(dir, 'db')), ['notes.txt']);

    mkdirSync(join(dir, 'empty'));
    const empty = dihya(dir, ['init', '--dir', 'empty']);
    assert.equal(empty.status, 0, empty.stderr);
    assert.deepEqual(readdirSync(join(dir, 'empty')).sort(), ['README.md', 'env.ts', 'script.ts.eta', 'versions']);
  });
});
