/**
 * The example project seeded with its fictitious people (examples/dihya-platform/seed.sql), as the
 * personal-data tests use it: a copied project upgraded to head and seeded on a fresh database, the
 * seed's values that must never reach an output, and a snapshot of the personal tables.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cliFor, copyExample, ROOT, type CliResult } from './cli.js';
import { runSqlScript, withDatabase, type TestDatabase } from './databases.js';

export const SEED = readFileSync(join(ROOT, 'examples', 'dihya-platform', 'seed.sql'), 'utf8');

/** Every quoted value of the seed that says something about a person (dates aside), plus `extra`. */
export function seededValues(extra: readonly string[] = []): string[] {
  return [...new Set([...extra, ...Array.from(SEED.matchAll(/'([^']{5,})'/g), (m) => m[1]!)])].filter((v) => !/^\d{4}-\d\d-\d\d/.test(v));
}

/** Fails naming where (and the value's first letters only) when a text shows one of `values`. */
export function assertNoSeededValue(where: string, text: string, values: readonly string[] = seededValues()): void {
  for (const value of values) assert.ok(!text.includes(value), `${where} shows the seeded value ${value.slice(0, 3)}…`);
}

/** A copy of the example project on a fresh database, upgraded to head and seeded; `run` is the CLI on it. */
export async function seededExample(
  pool: { fresh(): Promise<TestDatabase> },
  env: Record<string, string>,
  extraSql = '',
): Promise<{ db: TestDatabase; dir: string; run: (...args: string[]) => Promise<CliResult> }> {
  const db = await pool.fresh();
  const dir = copyExample();
  const run = cliFor(dir, db.url, env);
  const up = await run('upgrade', 'head');
  assert.equal(up.status, 0, up.stderr);
  await runSqlScript(db.url, SEED + extraSql);
  return { db, dir, run };
}

/** The personal tables of the example, each as its rows in id order. */
export type PersonalRows = Record<'users' | 'health_records' | 'legal_cases', Array<Record<string, unknown>>>;

/** Every row of the example's personal tables, in id order, to compare before and after. */
export async function personalRows(url: string): Promise<PersonalRows> {
  return withDatabase(url, async (q) => ({
    users: await q('SELECT * FROM users ORDER BY id'),
    health_records: await q('SELECT * FROM health_records ORDER BY id'),
    legal_cases: await q('SELECT * FROM legal_cases ORDER BY id'),
  }));
}

/** The receipt files the project's erasures wrote, as text. */
export function receiptFiles(dir: string): string[] {
  const folder = join(dir, 'gdpr-receipts');
  return existsSync(folder) ? readdirSync(folder).map((f) => readFileSync(join(folder, f), 'utf8')) : [];
}

/** The `details` of the audit rows of one event, as text. */
export async function auditDetails(url: string, event: string): Promise<string[]> {
  const rows = await withDatabase(url, (q) => q<{ details: unknown }>(`SELECT details FROM dihya_audit WHERE event = '${event}' ORDER BY id`));
  return rows.map((r) => (typeof r.details === 'string' ? r.details : JSON.stringify(r.details)));
}

/**
 * A backup of a seeded example database, taken now: a copy of an embedded database's file or folder;
 * for a server, a second database brought to the same state (upgraded to head, seeded with `seedSql`).
 */
export async function backupOf(
  pool: { fresh(): Promise<TestDatabase> },
  live: TestDatabase,
  dir: string,
  env: Record<string, string>,
  seedSql: string,
): Promise<TestDatabase> {
  const backup = await pool.fresh();
  if (live.kind === 'sqlite' || live.kind === 'pglite') {
    const path = (url: string) => url.replace(/^(sqlite|pglite):/, '');
    rmSync(path(backup.url), { recursive: true, force: true });
    cpSync(path(live.url), path(backup.url), { recursive: true });
    return backup;
  }
  const up = await cliFor(dir, backup.url, env)('upgrade', 'head');
  assert.equal(up.status, 0, up.stderr);
  await runSqlScript(backup.url, seedSql);
  return backup;
}
