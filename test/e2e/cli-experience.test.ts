/**
 * The CLI as a person meets it: examples in every command's help, colours that follow NO_COLOR and
 * FORCE_COLOR, a progress bar only on a terminal, --verbose step lines, and silence with --json.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { HELP_EXAMPLES } from '../../src/cli/help-examples.js';
import { CLI, copyExample, dihya } from '../support/cli.js';

const ESC = '\u001b[';

describe('help', () => {
  for (const command of Object.keys(HELP_EXAMPLES)) {
    test(`dihya help ${command} shows examples`, () => {
      const r = dihya(process.cwd(), ['help', command]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /Examples:/);
      assert.ok(r.stdout.includes(`$ ${HELP_EXAMPLES[command]![0]}`));
    });
  }
});

describe('colours', () => {
  const dir = copyExample();
  test('off in a pipe, on with FORCE_COLOR, off again with FORCE_COLOR=0', () => {
    assert.ok(!dihya(dir, ['upgrade', 'nope']).stderr.includes(ESC));
    const forced = dihya(dir, ['upgrade', 'nope'], { FORCE_COLOR: '1' });
    assert.equal(forced.status, 2);
    assert.ok(forced.stderr.includes(`${ESC}31mdihya:`));
    assert.ok(!dihya(dir, ['upgrade', 'nope'], { FORCE_COLOR: '0' }).stderr.includes(ESC));
  });
});

describe('progress', () => {
  test('a bar with counts and rate on a terminal', () => {
    const dir = copyExample();
    const url = `sqlite:${join(dir, 'tty.db')}`;
    // `script` gives the CLI a real pseudo-terminal.
    const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} upgrade --url ${url}`, '/dev/null'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    });
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /upgrading \[#+\] 9\/9 +[\d.]+\/s/);
    assert.match(r.stdout, /Upgraded 9 revisions/);
  });

  test('no bar in a pipe; one line per step, and step starts with --verbose', () => {
    const dir = copyExample();
    const url = `sqlite:${join(dir, 'pipe.db')}`;
    const plain = dihya(dir, ['upgrade', '+2', '--url', url]);
    assert.doesNotMatch(plain.stderr, /upgrading \[/);
    assert.equal(plain.stderr.trim().split('\n').filter((l) => l.includes('upgraded')).length, 2);
    const verbose = dihya(dir, ['upgrade', 'd4f6b8c0e2a4', '--verbose', '--url', url]);
    assert.match(verbose.stderr, /applying d4f6b8c0e2a4/);
  });

  test('--json and --quiet leave stderr empty', () => {
    const dir = copyExample();
    const json = dihya(dir, ['upgrade', '--json', '--url', `sqlite:${join(dir, 'j.db')}`]);
    assert.equal(json.status, 0);
    assert.equal(json.stderr, '');
    assert.equal(JSON.parse(json.stdout).steps.length, 9);
    const quiet = dihya(dir, ['upgrade', '--quiet', '--url', `sqlite:${join(dir, 'q.db')}`]);
    assert.equal(quiet.stderr, '');
  });
});
