/**
 * Drives the built CLI (`dist/cli.js`) as a user would, in temporary project folders.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

const cleanEnv = () => {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('DIHYA_') && k !== 'DIHYA_TEST_PG_URL') delete env[k];
  delete env.DATABASE_URL;
  return env;
};

/** Runs `dihya ARGS` in `cwd` and waits for it. */
export function dihya(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...cleanEnv(), ...env }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `dihya ARGS` without waiting (for concurrency tests). */
export function dihyaAsync(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> & { pid: number; kill: (signal: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...cleanEnv(), ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((res) => child.on('close', (code) => res({ status: code ?? -1, stdout, stderr })));
  return Object.assign(done, { pid: child.pid!, kill: (s: NodeJS.Signals) => child.kill(s) });
}

/** A new empty folder for a project. Revision files import `dihya-migrate`, resolved to this package. */
export function tempProject(): string {
  return mkdtempSync(join(tmpdir(), 'dihya-project-'));
}

/** Copies the example project's migrations into a temporary folder. */
export function copyExample(): string {
  const dir = tempProject();
  cpSync(join(ROOT, 'examples', 'dihya-platform', 'migrations'), join(dir, 'migrations'), { recursive: true });
  return dir;
}

/** Writes a file, creating its folder. */
export function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A TypeScript revision file's text. */
export function tsRevision(o: { id: string; down: string | string[] | null; message?: string; up: string; down_?: string; extra?: string }): string {
  return `import { defineMigration } from 'dihya-migrate';
export default defineMigration({
  revision: ${JSON.stringify(o.id)},
  downRevision: ${JSON.stringify(o.down)},
  message: ${JSON.stringify(o.message ?? `revision ${o.id}`)},
  purpose: 'test', impact: 'test', rollback: 'test',
  ${o.extra ?? ''}
  async up(op) { ${o.up} },
  async down(op) { ${o.down_ ?? ''} },
});
`;
}

/** Parses --json output, failing with the raw text when it is not JSON. */
export function json<T = any>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (status ${r.status}):\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}

/** A temporary project whose `migrations/versions/` holds these files (name → text). */
export function projectWith(files: Record<string, string>): string {
  const dir = tempProject();
  for (const [name, text] of Object.entries(files)) write(join(dir, 'migrations', 'versions', name), text);
  return dir;
}

/** The non-empty lines a command wrote on stderr. */
export function stderrLines(r: CliResult): string[] {
  return r.stderr.split('\n').filter((l) => l.trim() !== '');
}

/** A TypeScript revision that creates one table with an integer key, and drops it on downgrade. */
export function tableRevision(id: string, down: string | string[] | null, table: string, extra = ''): string {
  return tsRevision({
    id, down, message: `create ${table}`, extra,
    up: `op.createTable('${table}', { id: { type: 'integer', primaryKey: true } });`,
    down_: `op.dropTable('${table}');`,
  });
}

/**
 * `dihya` bound to a project folder and a database URL, run without blocking so the suites of
 * several databases can proceed side by side: `const run = cliFor(dir, db.url); await run('upgrade')`.
 */
export function cliFor(cwd: string, url: string, env: Record<string, string> = {}): (...args: string[]) => Promise<CliResult> {
  return (...args) => dihyaAsync(cwd, [...args, '--url', url], env);
}
