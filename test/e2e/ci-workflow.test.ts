/**
 * `dihya init --ci github` and `dihya ci init github` write a GitHub Actions workflow: checks on pull
 * requests, staging on main, a gated production upgrade on a release or a manual run behind the
 * `production` environment. The file is read with a real YAML parser, as GitHub reads it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { dihya, json, stderrLines, tempProject } from '../support/cli.js';

interface Step { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown> }
interface Job { if?: string; needs?: string | string[]; environment?: string; env?: Record<string, string>; services?: Record<string, { image: string }>; steps: Step[]; permissions?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; jobs: Record<string, Job> }

const workflowOf = (dir: string) => {
  const text = readFileSync(join(dir, '.github', 'workflows', 'dihya.yml'), 'utf8');
  return { text, workflow: parse(text) as Workflow };
};
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('CI workflow', () => {
  test('init --ci github writes a workflow with the PR checks, staging on main and gated production', () => {
    const dir = tempProject();
    const r = dihya(dir, ['init', '--dialect', 'postgres', '--ci', 'github']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\.github\/workflows\/dihya\.yml/);
    assert.ok(existsSync(join(dir, 'migrations', 'env.ts')));
    const { text, workflow } = workflowOf(dir);

    assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push', 'release', 'workflow_dispatch']);
    assert.deepEqual((workflow.on.push as { branches: string[] }).branches, ['main']);

    const verify = workflow.jobs.verify!;
    assert.equal(verify.services?.database?.image, 'postgres:16');
    assert.equal(verify.permissions?.['security-events'], 'write');
    const lint = verify.steps.find((s) => s.run?.includes('dihya lint --format sarif'));
    assert.ok(lint, 'no lint step');
    assert.match(lint.run!, /dihya help lint/, 'the lint step is not skipped while lint is missing');
    const upload = verify.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    assert.equal(upload?.with?.sarif_file, 'dihya.sarif');
    assert.match(upload!.if!, /pull_request/);
    assert.match(runs(verify), /dihya test/);
    assert.match(runs(verify), /dihya check/);
    const order = ['dihya upgrade', 'dihya validate', 'dihya audit verify'].map((c) => verify.steps.findIndex((s) => s.run?.includes(c)));
    assert.ok(order.every((i) => i >= 0) && order[0]! < order[1]! && order[1]! < order[2]!, `verify steps out of order: ${order}`);

    const staging = workflow.jobs.staging!;
    assert.match(staging.if!, /refs\/heads\/main/);
    assert.match(runs(staging), /dihya upgrade --env staging/);
    assert.equal(staging.env?.DIHYA_STAGING_URL, '${{ secrets.DIHYA_STAGING_URL }}');

    const production = workflow.jobs.production!;
    assert.equal(production.environment, 'production');
    assert.match(production.if!, /release/);
    assert.match(production.if!, /workflow_dispatch/);
    assert.match(runs(production), /dihya upgrade --env production --require-applied-in staging/);
    assert.equal(production.env?.DIHYA_PRODUCTION_URL, '${{ secrets.DIHYA_PRODUCTION_URL }}');
    assert.equal(production.env?.DIHYA_STAGING_URL, '${{ secrets.DIHYA_STAGING_URL }}');

    // No credential in the file: the only URL is the passwordless throwaway service database.
    assert.doesNotMatch(text, /[a-z]+:\/\/[^\s/@:]+:[^\s/@]+@/i, 'a URL with a password is in the workflow');
    for (const job of Object.values(workflow.jobs)) {
      for (const [name, value] of Object.entries(job.env ?? {})) {
        if (name.startsWith('DIHYA_')) assert.match(value, /^\$\{\{ secrets\.[A-Z_]+ \}\}$/, `${name} is not a secret reference`);
      }
    }
  });

  test('ci init github on an existing SQLite project needs no service container', () => {
    const dir = tempProject();
    assert.equal(dihya(dir, ['init']).status, 0);
    assert.ok(!existsSync(join(dir, '.github')));
    const r = dihya(dir, ['ci', 'init', 'github', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(json(r).file, join(dir, '.github', 'workflows', 'dihya.yml'));
    const { workflow } = workflowOf(dir);
    assert.equal(workflow.jobs.verify!.services, undefined);
    assert.match(workflow.jobs.verify!.env!.DATABASE_URL!, /^sqlite:/);
    assert.equal(workflow.jobs.production!.environment, 'production');
  });

  test('a migrations folder elsewhere is passed with --dir', () => {
    const dir = tempProject();
    assert.equal(dihya(dir, ['init', '--dir', 'db/migrations', '--ci', 'github']).status, 0);
    const { workflow } = workflowOf(dir);
    assert.match(runs(workflow.jobs.production!), /--require-applied-in staging --dir db\/migrations/);
    assert.match(runs(workflow.jobs.verify!), /dihya validate --dir db\/migrations/);
  });

  test('an existing workflow is never overwritten', () => {
    const dir = tempProject();
    assert.equal(dihya(dir, ['init', '--ci', 'github']).status, 0);
    const file = join(dir, '.github', 'workflows', 'dihya.yml');
    writeFileSync(file, 'name: mine\n');
    const again = dihya(dir, ['ci', 'init', 'github']);
    assert.equal(again.status, 2, again.stderr);
    assert.equal(stderrLines(again).length, 1);
    assert.match(again.stderr, /dihya\.yml already exists; nothing was written/);
    assert.equal(readFileSync(file, 'utf8'), 'name: mine\n');

    // init --ci refuses before writing the migrations folder.
    const other = tempProject();
    mkdirSync(join(other, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(other, '.github', 'workflows', 'dihya.yml'), 'name: mine\n');
    const refused = dihya(other, ['init', '--ci', 'github']);
    assert.equal(refused.status, 2, refused.stderr);
    assert.ok(!existsSync(join(other, 'migrations')), 'init wrote the migrations folder although the workflow exists');
  });

  test('an unknown provider is refused', () => {
    const dir = tempProject();
    assert.equal(dihya(dir, ['init']).status, 0);
    const r = dihya(dir, ['ci', 'init', 'jenkins']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown CI provider 'jenkins'; use github/);
  });
});
