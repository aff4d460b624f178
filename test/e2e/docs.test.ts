/**
 * `dihya docs` on the example project, half upgraded on SQLite: the register lists every revision
 * with what it is for, and the HTML page, opened in a real browser from disk, draws the graph,
 * marks what is applied, filters its table and fetches nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { copyExample, dihya, ROOT } from '../support/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ALL = ['a1c3e5f7b9d1', 'b2d4f6a8c0e2', 'c3e5a7b9d1f3', 'd4f6b8c0e2a4', 'e5a7c9d1f3b5', 'f6b8d0e2a4c6', 'a7c9e1f3b5d7', 'b8d0f2a4c6e8', 'c9e1a3b5d7f9'];
const APPLIED = ['a1c3e5f7b9d1', 'b2d4f6a8c0e2', 'd4f6b8c0e2a4'];
const MERGE = 'e5a7c9d1f3b5';

/** The example project in a git repository of its own, upgraded to the legal branch's head. */
function documentedExample(): { dir: string; out: string; url: string } {
  const dir = copyExample();
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=Ada Lovelace', '-c', 'user.email=ada@example.org', ...args], { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', 'migrations');
  git('commit', '-q', '-m', 'migrations');
  const url = 'sqlite:./docs.db';
  const up = dihya(dir, ['upgrade', 'd4f6b8c0e2a4', '--url', url]);
  assert.equal(up.status, 0, up.stderr);
  const r = dihya(dir, ['docs', '--out', 'site', '--url', url]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Documented 9 revisions with where they are applied/);
  return { dir, out: join(dir, 'site'), url };
}

describe('dihya docs', () => {
  const example = documentedExample();

  test('the register lists every revision with its purpose, impact, rollback, author and where it is applied', () => {
    const md = readFileSync(join(example.out, 'migrations.md'), 'utf8');
    const sections = md.split(/^### /m).slice(1);
    assert.deepEqual(sections.map((s) => s.slice(1, 13)).sort(), [...ALL].sort());
    for (const s of sections) {
      const id = s.slice(1, 13);
      for (const field of ['Purpose', 'Impact', 'Rollback', 'Critical', 'Phase', 'Parents', 'Depends on', 'Branch labels', 'File']) {
        assert.match(s, new RegExp(`- \\*\\*${field}:\\*\\* \\S`), `${id} lacks ${field}`);
      }
      if (existsSync('/usr/bin/git')) assert.match(s, /- \*\*Author:\*\* Ada Lovelace, \d{4}-\d\d-\d\dT/, `${id} lacks its git author`);
      assert.match(s, APPLIED.includes(id) ? /- \*\*Applied:\*\* \d{4}-\d\d-\d\dT\S+ by / : /- \*\*Applied:\*\* no \(pending\)/, id);
    }
    assert.match(md, /Logical deletion of users on GDPR request/);
    assert.match(md, /## Audit trail\n\n3 events \(3 upgrade\)/);
    assert.match(md, /Hash chain: intact/);
  });

  test('without --url or --env no database is read or created, and the files go to migrations/docs', () => {
    const dir = copyExample();
    const r = dihya(dir, ['docs', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).files, [join(dir, 'migrations', 'docs', 'migrations.md'), join(dir, 'migrations', 'docs', 'index.html')]);
    const md = readFileSync(join(dir, 'migrations', 'docs', 'migrations.md'), 'utf8');
    assert.match(md, /No database was read/);
    assert.doesNotMatch(md, /Applied:|Audit trail|Author:/);
    assert.ok(!existsSync(join(dir, 'dihya.db')), 'the default database was created');
    const missing = dihya(dir, ['docs', '--url', 'sqlite:./missing.db']);
    assert.equal(missing.status, 0, missing.stderr);
    assert.ok(!existsSync(join(dir, 'missing.db')), 'a read-only run created the database');
  });

  test('the page draws the graph, marks applied revisions, filters its table and fetches nothing', async (t) => {
    if (!existsSync(CHROMIUM)) {
      // CI installs Chromium (.ci/run); there its absence is a failure, not a reason to skip.
      assert.ok(!process.env.CI, `${CHROMIUM} is missing: apt-get install -y chromium`);
      t.skip(`${CHROMIUM} is missing (apt-get install -y chromium); CI fails instead`);
      return;
    }
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(join(example.out, 'index.html')).href);

      const nodes = await page.$$eval('svg.graph g.node', (gs) => gs.map((g) => g.getAttribute('data-revision')));
      assert.deepEqual([...nodes].sort(), [...ALL].sort());
      assert.equal(await page.locator(`svg.graph path.edge.parent[data-to="${MERGE}"]`).count(), 2);
      assert.equal(await page.locator(`svg.graph g.node.merge[data-revision="${MERGE}"]`).count(), 1);
      assert.equal(await page.locator('svg.graph g.node.head').count(), 1);
      const applied = await page.$$eval('svg.graph g.node.applied', (gs) => gs.map((g) => g.getAttribute('data-revision')));
      assert.deepEqual([...applied].sort(), [...APPLIED].sort());
      // Parents are drawn above their children.
      const rows = await page.$$eval('svg.graph path.edge', (ps) => ps.map((p) => p.getAttribute('d')!));
      for (const d of rows) {
        const ys = [...d.matchAll(/,(-?[\d.]+)/g)].map((m) => Number(m[1]));
        assert.ok(ys[0]! < ys.at(-1)!, `edge ${d} does not go down`);
      }
      assert.ok((await page.locator('#audit .timeline li').count()) === 3);
      await mkdirSync(join(ROOT, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-output', 'docs.png'), fullPage: true });

      const visible = () => page.$$eval('#revisions tbody tr', (trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => tr.getAttribute('data-revision')));
      assert.equal((await visible()).length, 9);
      await page.fill('#search', 'c3e5a7b9');
      assert.deepEqual(await visible(), ['c3e5a7b9d1f3', MERGE]);
      await page.fill('#search', 'MEDICAL records');
      assert.deepEqual(await visible(), ['c3e5a7b9d1f3']);
      assert.equal(await page.textContent('#count'), '1 of 9 revisions');
      await page.fill('#search', '');
      assert.equal((await visible()).length, 9);

      assert.ok(requests.length > 0);
      assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
    } finally {
      await browser.close();
    }
  });
});
