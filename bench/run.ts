/**
 * `npm run bench`: applies 1,000 generated revisions with the dihya CLI to a fresh SQLite file and,
 * when DIHYA_TEST_PG_URL (or DIHYA_BENCH_PG_URL) is set, a fresh PostgreSQL database, then a no-op
 * upgrade and a downgrade to base. Each is printed beside the baseline: the same DDL run by the
 * database's own client (sqlite3 / psql) in one session with one transaction per revision, and,
 * for reference, all in one transaction. Ratios against a baseline measured in the same run keep
 * the figures meaningful on a shared, noisy machine; apply and downgrade are the best of
 * DIHYA_BENCH_ROUNDS rounds (5), each beside a baseline run of its own, on both databases.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { baselineDdl, generateProject } from './generate.js';
import { largeSchemaBench } from './large-schema.js';
import { freshPostgresDatabase } from './pg-database.js';

const COUNT = Number(process.env.DIHYA_BENCH_REVISIONS ?? 1000);
const CLI = resolve('dist', 'cli.js');
const PG_URL = process.env.DIHYA_BENCH_PG_URL ?? process.env.DIHYA_TEST_PG_URL;
/** Rounds of the SQLite apply and downgrade (best counts). */
const ROUNDS = Number(process.env.DIHYA_BENCH_ROUNDS ?? 5);

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return (performance.now() - t) / 1000;
}

function dihya(cwd: string, url: string, ...args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, ...args, '--url', url, '--quiet'], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`dihya ${args.join(' ')} failed: ${r.stderr}`);
}

function baselineScript(perRevision: boolean): string {
  const out: string[] = [];
  if (!perRevision) out.push('BEGIN;');
  for (let i = 0; i < COUNT; i++) {
    if (perRevision) out.push('BEGIN;');
    out.push(...baselineDdl(i).map((s) => `${s};`));
    if (perRevision) out.push('COMMIT;');
  }
  if (!perRevision) out.push('COMMIT;');
  return out.join('\n');
}

/** Best of `runs` timings: the least disturbed by other load. */
function best(runs: number, fn: () => number): number {
  let b = Infinity;
  for (let i = 0; i < runs; i++) b = Math.min(b, fn());
  return b;
}

interface Row { what: string; seconds: number; baseline?: number }

/**
 * Apply and downgrade are each timed on a fresh database in every round, beside a baseline run
 * in the same round, and the best round counts: on a shared machine one run is mostly noise.
 */
function sqliteBench(work: string): Row[] {
  const script = join(work, 'baseline.sql');
  const run = (perRevision: boolean) => () => {
    const file = join(work, `baseline-${Math.random()}.db`);
    writeFileSync(script, baselineScript(perRevision));
    const s = time(() => execFileSync('sqlite3', [file], { input: `.read ${script}\n` }));
    rmSync(file, { force: true });
    return s;
  };
  const project = mkdtempSync(join(tmpdir(), 'dihya-bench-'));
  generateProject(project, COUNT);
  // A first run compiles the revision bundle; the measured runs start from a fresh database.
  dihya(project, `sqlite:${join(project, 'warm.db')}`, 'current');
  let [perRevision, apply, down] = [Infinity, Infinity, Infinity];
  let noop = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    perRevision = Math.min(perRevision, run(true)());
    const url = `sqlite:${join(project, `bench-${round}.db`)}`;
    apply = Math.min(apply, time(() => dihya(project, url, 'upgrade')));
    if (round === 0) noop = best(5, () => time(() => dihya(project, url, 'upgrade')));
    down = Math.min(down, time(() => dihya(project, url, 'downgrade', 'base')));
  }
  const oneTx = best(3, run(false));
  rmSync(project, { recursive: true, force: true });
  return [
    { what: `SQLite: apply ${COUNT} revisions`, seconds: apply, baseline: perRevision },
    { what: 'SQLite: baseline, all in one transaction (reference)', seconds: oneTx },
    { what: 'SQLite: no-op upgrade', seconds: noop },
    { what: `SQLite: downgrade base`, seconds: down },
  ];
}

const freshPg = (name: string) => freshPostgresDatabase(PG_URL!, name);

/** As on SQLite: each round times the baseline, then dihya's apply and downgrade, on fresh databases; the best round counts. */
async function postgresBench(work: string): Promise<Row[]> {
  const script = join(work, 'baseline-pg.sql');
  const baseline = async (perRevision: boolean) => {
    const url = await freshPg('dihya_bench_baseline');
    writeFileSync(script, baselineScript(perRevision));
    return time(() => execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-f', script, url]));
  };
  const project = mkdtempSync(join(tmpdir(), 'dihya-bench-'));
  generateProject(project, COUNT);
  dihya(project, `sqlite:${join(project, 'warm.db')}`, 'current');
  let [perRevision, apply, down, noop] = [Infinity, Infinity, Infinity, Infinity];
  for (let round = 0; round < ROUNDS; round++) {
    perRevision = Math.min(perRevision, await baseline(true));
    const url = await freshPg('dihya_bench_run');
    apply = Math.min(apply, time(() => dihya(project, url, 'upgrade')));
    if (round === 0) noop = best(5, () => time(() => dihya(project, url, 'upgrade')));
    down = Math.min(down, time(() => dihya(project, url, 'downgrade', 'base')));
  }
  let oneTx = Infinity;
  for (let i = 0; i < 3; i++) oneTx = Math.min(oneTx, await baseline(false));
  rmSync(project, { recursive: true, force: true });
  return [
    { what: `PostgreSQL: apply ${COUNT} revisions`, seconds: apply, baseline: perRevision },
    { what: 'PostgreSQL: baseline, all in one transaction (reference)', seconds: oneTx },
    { what: 'PostgreSQL: no-op upgrade', seconds: noop },
    { what: 'PostgreSQL: downgrade base', seconds: down },
  ];
}

function versionRow(): Row {
  const seconds = best(10, () => time(() => execFileSync(process.execPath, [CLI, '--version'])));
  const node = best(10, () => time(() => execFileSync(process.execPath, ['-e', '0'])));
  return { what: 'dihya --version', seconds, baseline: node };
}

async function schemaRows(): Promise<Row[]> {
  const r = largeSchemaBench(await freshPg('dihya_bench_schema'));
  return [{ what: `PostgreSQL: dihya check, ${process.env.DIHYA_BENCH_TABLES ?? 2000} tables (target < 5 s)`, seconds: r.check, baseline: r.pgDump }];
}

// DIHYA_BENCH_ONLY=sqlite, postgres or schema runs that part alone.
const only = process.env.DIHYA_BENCH_ONLY;
const part = (name: string) => !only || only === name;
const work = mkdtempSync(join(tmpdir(), 'dihya-bench-work-'));
const rows: Row[] = part('sqlite') ? [versionRow(), ...sqliteBench(work)] : [];
if (PG_URL) {
  if (part('postgres')) rows.push(...(await postgresBench(work)));
  if (part('schema')) rows.push(...(await schemaRows()));
} else console.log('(PostgreSQL skipped: set DIHYA_TEST_PG_URL to include it)');
rmSync(work, { recursive: true, force: true });

console.log(`\nDihya Migrate benchmark, ${new Date().toISOString().slice(0, 10)}, ${COUNT} revisions\n`);
console.log('| measure | seconds | baseline (s) | ratio |');
console.log('|---|---:|---:|---:|');
for (const r of rows) {
  const ratio = r.baseline ? (r.seconds / r.baseline).toFixed(2) : '';
  console.log(`| ${r.what} | ${r.seconds.toFixed(3)} | ${r.baseline ? r.baseline.toFixed(3) : ''} | ${ratio} |`);
}
