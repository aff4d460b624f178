/**
 * Revision files may import anything `dihya-migrate` exports, not only `defineMigration`: a run
 * resolves the package to its light authoring module when it can, and to the whole library when a
 * file asks for more, and either way the revisions run.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cliFor, json, tempProject, write } from '../support/cli.js';
import { tableNames } from '../support/databases.js';

function revision(id: string, down: string | null, imports: string, body: string): string {
  return `import { ${imports} } from 'dihya-migrate';
export default defineMigration({
  revision: '${id}', downRevision: ${down ? `'${down}'` : 'null'}, message: 'm', purpose: 'p', impact: 'i', rollback: 'r',
  async up(op) { ${body} },
  async down(op) { op.dropTable('t_${id}'); },
});
`;
}

describe('what revision files import from dihya-migrate', () => {
  test('define helpers only, and then a name from the whole library: both upgrade, and a misspelt name is one clear error', async () => {
    const dir = tempProject();
    const file = join(dir, 'app.db');
    write(join(dir, 'migrations', 'env.ts'), "import { defineConfig } from 'dihya-migrate';\nexport default defineConfig({});\n");
    write(join(dir, 'migrations', 'versions', '20260101_0000_ccccccccccc1_a.ts'),
      revision('ccccccccccc1', null, 'defineMigration', "op.createTable('t_ccccccccccc1', { id: { type: 'integer', primaryKey: true } });"));
    const run = cliFor(dir, `sqlite:${file}`);
    assert.equal((await run('upgrade')).status, 0);
    assert.ok((await tableNames(`sqlite:${file}`)).includes('t_ccccccccccc1'));

    write(join(dir, 'migrations', 'versions', '20260102_0000_ccccccccccc2_b.ts'),
      revision('ccccccccccc2', 'ccccccccccc1', 'defineMigration, UsageError', "if (!(new UsageError('x') instanceof Error)) throw new Error('no'); op.createTable('t_ccccccccccc2', { id: { type: 'integer', primaryKey: true } });"));
    const second = await run('upgrade');
    assert.equal(second.status, 0, second.stderr);
    assert.ok((await tableNames(`sqlite:${file}`)).includes('t_ccccccccccc2'));

    write(join(dir, 'migrations', 'versions', '20260103_0000_ccccccccccc3_c.ts'),
      revision('ccccccccccc3', 'ccccccccccc2', 'defineMigration, defineMigrashun', "defineMigrashun; op.createTable('t_ccccccccccc3', { id: { type: 'integer', primaryKey: true } });"));
    const bad = await run('upgrade');
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /20260103_0000_ccccccccccc3_c\.ts:1: 'dihya-migrate' has no export named 'defineMigrashun'/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
  });

  test('what a revision declares is read again when a file it imports changes, and its body when it runs', async () => {
    const dir = tempProject();
    const file = join(dir, 'app.db');
    write(join(dir, 'migrations', 'env.ts'), "import { defineConfig } from 'dihya-migrate';\nexport default defineConfig({});\n");
    write(join(dir, 'migrations', 'shared.ts'), "export const label = 'first wording';\nexport const table = 't_one';\n");
    write(join(dir, 'migrations', 'versions', '20260101_0000_eeeeeeeeeee1_a.ts'), `import { defineMigration } from 'dihya-migrate';
import { label, table } from '../shared';
export default defineMigration({
  revision: 'eeeeeeeeeee1', downRevision: null, message: label, purpose: 'p', impact: 'i', rollback: 'r',
  async up(op) { op.createTable(table, { id: { type: 'integer', primaryKey: true } }); },
  async down(op) { op.dropTable(table); },
});
`);
    const run = cliFor(dir, `sqlite:${file}`);
    const message = async () => (json(await run('history', '--json')) as { revisions: Array<{ message: string }> }).revisions[0]!.message;
    assert.equal(await message(), 'first wording');
    // Twice: the second run reads the declarations kept beside the compiled bundle.
    assert.equal(await message(), 'first wording');
    write(join(dir, 'migrations', 'shared.ts'), "export const label = 'second wording';\nexport const table = 't_two';\n");
    assert.equal(await message(), 'second wording');
    assert.equal((await run('upgrade')).status, 0);
    assert.deepEqual((await tableNames(`sqlite:${file}`)).filter((t) => t.startsWith('t_')), ['t_two']);
  });
});
