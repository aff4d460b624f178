import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DihyaError, UsageError } from '../core/errors.js';
import { fileTimestamp, newRevisionId, slugify } from '../core/ids.js';
import type { RevisionGraph } from '../revisions/revision-graph.js';
import { resolveRevisions } from '../revisions/resolve-symbol.js';
import { readTarget } from '../revisions/resolve-target.js';
import type { Project } from './project.js';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

const ENV_URLS: Record<string, string> = {
  sqlite: "'sqlite:./dihya.db'",
  pglite: "'pglite:./pgdata'",
  postgres: "process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'",
  mysql: "process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/app'",
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
  // Applied at the start of each migration step: how long a statement waits for a lock another session holds.
  session: ${dialect === 'mysql' ? "{ lockWaitTimeout: '5s' }" : "{ lockTimeout: '5s' }"},
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
  if (!(dialect in ENV_URLS)) throw new UsageError(`unknown dialect '${dialect}'; use sqlite, postgres, pglite or mysql`);
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
  /** Generated content (autogenerate): the bodies of up() and down(), and the impact and rollback texts. */
  body?: { upgrades: string; downgrades: string; impact: string; rollback: string };
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
  // --head may name any revision: building on one that is not a head starts a new branch.
  else if (options.head) parents = parentNamedBy(graph, options.head);
  else {
    parents = graph.heads();
    if (parents.length > 1) {
      throw new UsageError(`multiple heads (${parents.join(', ')}); pass --head REV to pick one, or run \`dihya merge heads -m MSG\``);
    }
  }
  const dependsOn = (options.dependsOn ?? []).map((d) => graph.resolveId(d));
  for (const label of options.branchLabel ?? []) {
    const owner = graph.labelOwner(label);
    // A second owner would make every later command refuse the graph; refuse before writing the file.
    if (owner !== undefined) throw new UsageError(`branch label '${label}' is already used by revision ${owner}; pick another --branch-label`);
  }
  const revision = newRevisionId();
  const ext = options.sql ? 'sql' : 'ts';
  const template = options.sql ? readFileSync(join(TEMPLATES, 'script.sql.eta'), 'utf8') : readTemplate(project.dir);
  if (options.body && !template.includes('it.upgrades')) {
    throw new UsageError(`${join(project.dir, 'script.ts.eta')} has no place for generated code; put <%~ it.upgrades %> in up() and <%~ it.downgrades %> in down(), as templates/script.ts.eta does`);
  }
  const { Eta } = await import('eta');
  const eta = new Eta({ autoEscape: false, autoTrim: false });
  const text = eta.renderString(template, {
    revision, message: options.message.replace(/\r?\n/g, ' '), downRevisions: parents,
    downRevision: parents.length === 0 ? 'null' : parents.length === 1 ? JSON.stringify(parents[0]) : JSON.stringify(parents),
    dependsOn, branchLabels: options.branchLabel ?? [], q: (v: unknown) => JSON.stringify(v),
    date: new Date().toISOString(),
    upgrades: options.body?.upgrades ?? '', downgrades: options.body?.downgrades ?? '',
    impact: options.body?.impact ?? '', rollback: options.body?.rollback ?? '',
  });
  mkdirSync(project.versionsDir, { recursive: true });
  const file = join(project.versionsDir, `${fileTimestamp()}_${revision}_${slugify(options.message)}.${ext}`);
  writeFileSync(file, text, { flag: 'wx' });
  return { revision, file, downRevisions: parents };
}

/**
 * The parent `--head` names, as Alembic reads it: `base` (a new root), an id or prefix, a label
 * (the revision carrying it), `label@head` (the tip of that branch) or `head`.
 */
function parentNamedBy(graph: RevisionGraph, head: string): string[] {
  if (head === 'base') return [];
  const expr = readTarget(graph, head);
  if (expr.kind !== 'absolute') throw new UsageError(`--head takes a revision, a label, label@head or base, not a relative step like '${head}'`);
  const ids = resolveRevisions(graph, expr.symbol, expr.branch);
  if (ids.length !== 1) {
    throw new UsageError(`--head '${head}' names ${ids.length === 0 ? 'no revision' : `several revisions (${ids.join(', ')})`}; name exactly one`);
  }
  return ids;
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
