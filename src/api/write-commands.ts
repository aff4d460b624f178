import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DihyaError, UsageError } from '../core/errors.js';
import { fileTimestamp, newRevisionId, slugify } from '../core/ids.js';
import type { Project } from './project.js';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

const ENV_URLS: Record<string, string> = {
  sqlite: "'sqlite:./dihya.db'",
  pglite: "'pglite:./pgdata'",
  postgres: "process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'",
};

function envFile(dialect: string): string {
  return `import { defineConfig } from 'dihya-migrate';

export default defineConfig({
  // One database per environment; DIHYA_<NAME>_URL (e.g. DIHYA_STAGING_URL) overrides each URL,
  // so CI passes them as secrets. Never write a password here.
  environments: {
    development: { url: ${ENV_URLS[dialect]} },
    staging: { url: process.env.DIHYA_STAGING_URL },
    production: { url: process.env.DIHYA_PRODUCTION_URL },
  },
  // Applied at the start of each migration transaction (PostgreSQL).
  session: { lockTimeout: '5s' },
  // One JSON line per applied step, with time, revision, duration and actor.
  log: { file: 'dihya-migrations.log' },
});
`;
}

/**
 * Scaffolds a migrations folder; refuses to write into one that already has files.
 *
 * @example await init({ dir: 'migrations', dialect: 'sqlite' });
 */
export async function init(options: { dir?: string; dialect?: string } = {}): Promise<{ dir: string; files: string[] }> {
  const dir = resolve(options.dir ?? 'migrations');
  const dialect = options.dialect ?? 'sqlite';
  if (!(dialect in ENV_URLS)) throw new UsageError(`unknown dialect '${dialect}'; use sqlite, postgres or pglite`);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new DihyaError('INIT_EXISTS', `${dir} already exists and is not empty; nothing was written (pick another --dir)`);
  }
  mkdirSync(join(dir, 'versions'), { recursive: true });
  const files: Record<string, string> = {
    'env.ts': envFile(dialect),
    'script.ts.eta': readFileSync(join(TEMPLATES, 'script.ts.eta'), 'utf8'),
    'README.md': readFileSync(join(TEMPLATES, 'migrations-README.md'), 'utf8'),
    'versions/.gitkeep': '',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { flag: 'wx' });
  return { dir, files: Object.keys(files).map((f) => join(dir, f)) };
}

export interface NewRevisionOptions {
  message: string;
  sql?: boolean;
  /** The revision to build on, or `base` for a new root; default: the single current head. */
  head?: string;
  branchLabel?: string[];
  dependsOn?: string[];
  /** Parents of a merge (used by `merge`). */
  parents?: string[];
}

/**
 * Writes a new revision file from the template; its parent is the current head.
 *
 * @example const { file } = await newRevision(project, { message: 'add users' });
 */
export async function newRevision(project: Project, options: NewRevisionOptions): Promise<{ revision: string; file: string; downRevisions: string[] }> {
  if (!options.message?.trim()) throw new UsageError('a revision needs a message: -m "what it changes"');
  const graph = await project.graph();
  let parents: string[];
  if (options.parents) parents = options.parents;
  else if (options.head === 'base') parents = [];
  // --head may name any revision: building on one that is not a head starts a new branch.
  else if (options.head) parents = [graph.resolveId(options.head.replace(/@head$/, ''))];
  else {
    parents = graph.heads();
    if (parents.length > 1) {
      throw new UsageError(`multiple heads (${parents.join(', ')}); pass --head REV to pick one, or run \`dihya merge heads -m MSG\``);
    }
  }
  const dependsOn = (options.dependsOn ?? []).map((d) => graph.resolveId(d));
  const revision = newRevisionId();
  const ext = options.sql ? 'sql' : 'ts';
  const template = options.sql ? readFileSync(join(TEMPLATES, 'script.sql.eta'), 'utf8') : readTemplate(project.dir);
  const { Eta } = await import('eta');
  const eta = new Eta({ autoEscape: false, autoTrim: false });
  const text = eta.renderString(template, {
    revision, message: options.message.replace(/\r?\n/g, ' '), downRevisions: parents,
    downRevision: parents.length === 0 ? 'null' : parents.length === 1 ? JSON.stringify(parents[0]) : JSON.stringify(parents),
    dependsOn, branchLabels: options.branchLabel ?? [], q: (v: unknown) => JSON.stringify(v),
    date: new Date().toISOString(),
  });
  mkdirSync(project.versionsDir, { recursive: true });
  const file = join(project.versionsDir, `${fileTimestamp()}_${revision}_${slugify(options.message)}.${ext}`);
  writeFileSync(file, text, { flag: 'wx' });
  return { revision, file, downRevisions: parents };
}

function readTemplate(dir: string): string {
  const own = join(dir, 'script.ts.eta');
  return readFileSync(existsSync(own) ? own : join(TEMPLATES, 'script.ts.eta'), 'utf8');
}

/**
 * Writes a merge revision whose parents are `revisions` (`heads` means all current heads).
 *
 * @example await merge(project, ['heads'], 'merge feature branches');
 */
export async function merge(project: Project, revisions: string[], message: string) {
  const graph = await project.graph();
  const parents = revisions.flatMap((r) => (r === 'heads' ? graph.heads() : [graph.resolveId(r)]));
  const unique = [...new Set(parents)];
  if (unique.length < 2) throw new UsageError(`a merge needs at least two revisions; got ${unique.join(', ') || 'none'}`);
  return newRevision(project, { message, parents: unique });
}
