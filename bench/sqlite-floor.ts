/**
 * `node --import tsx bench/sqlite-floor.ts`: what 1,000 revisions cost on SQLite with no tool around
 * them, so the CLI's figure can be read against a floor. Each loop runs, over better-sqlite3 in this
 * process, the benchmark's DDL with one transaction per revision, alone or with the three
 * bookkeeping writes the runner makes in each transaction (version, history, hash-chained audit
 * row), under journal and locking modes that keep every commit durable (the last is how a run
 * writes); starting Node and loading the driver is timed apart. The `sqlite3` client running the
 * same script is the baseline. Runs are interleaved so a burst of load elsewhere on the machine does
 * not land on one variant only; best and median are shown.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { baselineDdl } from './generate.js';

const COUNT = Number(process.env.DIHYA_BENCH_REVISIONS ?? 1000);
const RUNS = Number(process.env.DIHYA_BENCH_RUNS ?? 5);

const BOOKKEEPING = [
  'CREATE TABLE dihya_version (revision VARCHAR(64) NOT NULL PRIMARY KEY) WITHOUT ROWID',
  `CREATE TABLE dihya_history (revision VARCHAR(64) NOT NULL PRIMARY KEY, message TEXT NOT NULL, checksum CHAR(64) NOT NULL,
     applied_at TEXT NOT NULL, duration_ms INTEGER NOT NULL, applied_by TEXT NOT NULL, host TEXT NOT NULL, tool_version TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE dihya_audit (id INTEGER NOT NULL PRIMARY KEY, at TEXT NOT NULL, event TEXT NOT NULL, revision VARCHAR(64),
     duration_ms INTEGER, checksum CHAR(64), actor TEXT NOT NULL, details TEXT NOT NULL, prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL)`,
];

interface Variant {
  readonly name: string;
  readonly bookkeeping: boolean;
  readonly journal?: 'PERSIST' | 'WAL';
  readonly exclusive?: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'loop: the DDL only (journal_mode=DELETE)', bookkeeping: false },
  { name: 'loop: DDL + bookkeeping rows (journal_mode=DELETE)', bookkeeping: true },
  { name: 'loop: the DDL only (journal_mode=PERSIST)', bookkeeping: false, journal: 'PERSIST' },
  { name: 'loop: DDL + bookkeeping rows (journal_mode=PERSIST)', bookkeeping: true, journal: 'PERSIST' },
  { name: 'loop: DDL + bookkeeping rows (PERSIST + locking_mode=EXCLUSIVE)', bookkeeping: true, journal: 'PERSIST', exclusive: true },
  { name: 'loop: DDL + bookkeeping rows (EXCLUSIVE + WAL + synchronous=FULL, as dihya runs)', bookkeeping: true, journal: 'WAL', exclusive: true },
];

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** One variant in this process: open, one transaction per revision, restore the modes, close. */
function runVariant(v: Variant, file: string): void {
  const db = new Database(file);
  // Exclusive first, so WAL keeps its index in memory as a run does; FULL syncs the log at each commit.
  if (v.exclusive) db.pragma('locking_mode = EXCLUSIVE');
  if (v.journal) db.pragma(`journal_mode = ${v.journal}`);
  if (v.journal === 'WAL') db.pragma('synchronous = FULL');
  if (v.bookkeeping) for (const ddl of BOOKKEEPING) db.exec(ddl);
  const books = v.bookkeeping
    ? {
        clear: db.prepare('DELETE FROM dihya_version'),
        head: db.prepare('INSERT INTO dihya_version (revision) VALUES (?)'),
        history: db.prepare('INSERT INTO dihya_history VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
        audit: db.prepare('INSERT INTO dihya_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      }
    : undefined;
  let prev = '0'.repeat(64);
  for (let i = 0; i < COUNT; i++) {
    db.exec('BEGIN IMMEDIATE');
    for (const ddl of baselineDdl(i)) db.exec(ddl);
    if (books) {
      const id = `r${i}`;
      const at = new Date().toISOString();
      books.clear.run();
      books.head.run(id);
      books.history.run(id, `bench table ${i}`, sha(id), at, 1, 'user', 'host', '0.1.0');
      const details = JSON.stringify({ from: [`r${i - 1}`], to: [id], host: 'host', environment: 'development' });
      const hash = sha(JSON.stringify([i + 1, at, 'upgrade', id, 1, sha(id), 'user', details, prev]));
      books.audit.run(i + 1, at, 'upgrade', id, 1, sha(id), 'user', details, prev, hash);
      prev = hash;
    }
    db.exec('COMMIT');
  }
  if (v.journal === 'WAL') db.pragma('journal_mode = DELETE');
  if (v.exclusive) {
    db.pragma('locking_mode = NORMAL');
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').all();
  }
  if (v.journal) db.pragma('journal_mode = DELETE');
  db.close();
}

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  return (performance.now() - started) / 1000;
}

const work = mkdtempSync(join(tmpdir(), 'dihya-floor-'));
const script = join(work, 'baseline.sql');
const lines: string[] = [];
for (let i = 0; i < COUNT; i++) lines.push('BEGIN;', ...baselineDdl(i).map((s) => `${s};`), 'COMMIT;');
writeFileSync(script, lines.join('\n'));
const driver = createRequire(import.meta.url).resolve('better-sqlite3');
const STARTUP = 'Node start + loading better-sqlite3 (a separate process)';
const runs = new Map<string, number[]>();
const note = (name: string, s: number) => runs.set(name, [...(runs.get(name) ?? []), s]);
const fresh = () => join(work, `floor-${Math.random()}.db`);
for (let r = 0; r < RUNS; r++) {
  const client = fresh();
  note('sqlite3 client (the baseline)', timed(() => execFileSync('sqlite3', [client], { input: `.read ${script}\n` })));
  rmSync(client, { force: true });
  note(STARTUP, timed(() => execFileSync(process.execPath, ['-e', `require(${JSON.stringify(driver)})`])));
  for (const v of VARIANTS) {
    const file = fresh();
    note(v.name, timed(() => runVariant(v, file)));
    rmSync(file, { force: true });
  }
}
rmSync(work, { recursive: true, force: true });

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const client = runs.get('sqlite3 client (the baseline)')!;
console.log(`\nSQLite floor, ${COUNT} revisions, one transaction each, ${RUNS} runs; a Node tool pays the start-up row plus one of the loops\n`);
console.log('| measure | best (s) | median (s) | ratio, best | ratio, median |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, a] of runs) {
  const [b, m] = [Math.min(...a), median(a)];
  console.log(`| ${name} | ${b.toFixed(3)} | ${m.toFixed(3)} | ${(b / Math.min(...client)).toFixed(2)} | ${(m / median(client)).toFixed(2)} |`);
}
