import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDocsModel, type DocsInputs, type DocsModel, type DocsSection } from '../docs/docs-model.js';
import { gitOrigins } from '../docs/git-dates.js';
import { htmlPage } from '../docs/html-page.js';
import { markdownRegister } from '../docs/markdown-register.js';
import { AuditTrail } from '../runner/audit-trail.js';
import { Bookkeeping } from '../runner/bookkeeping.js';
import type { Project } from './project.js';

export type { DocsModel, DocsSection } from '../docs/docs-model.js';

/** A source of one more section of the documentation, given the model built so far. */
export type DocsSectionSource = (project: Project, model: DocsModel) => Promise<DocsSection | null>;

export interface DocsOptions {
  /** The output folder (default `docs` inside the migrations folder). */
  out?: string;
  /** Read the project's database for where and when revisions were applied (default true). */
  database?: boolean;
  /** More sections for both files, in order (e.g. a personal-data inventory). */
  sections?: readonly DocsSectionSource[];
}

export interface DocsResult {
  readonly out: string;
  readonly files: readonly string[];
  readonly revisions: number;
  /** Whether a database was read. */
  readonly database: boolean;
}

/**
 * Writes the living documentation of the migrations: `migrations.md` (the register) and a
 * self-contained `index.html` (graph, searchable table, audit timeline). The database is only
 * read; a database that does not exist yet is not created, and the documents then omit it.
 *
 * @example
 * const { files } = await docs(await Project.open({ env: 'production' }), { out: 'docs/migrations' });
 */
export async function docs(project: Project, options: DocsOptions = {}): Promise<DocsResult> {
  const graph = await project.graph();
  const [git, database] = await Promise.all([
    gitOrigins(project.versionsDir),
    options.database === false ? Promise.resolve(null) : readDatabase(project),
  ]);
  let model = buildDocsModel({ graph, projectDir: project.dir, git, database });
  for (const source of options.sections ?? []) {
    const section = await source(project, model);
    if (section) model = { ...model, sections: [...model.sections, section] };
  }
  const out = resolve(options.out ?? join(project.dir, 'docs'));
  mkdirSync(out, { recursive: true });
  const files = [join(out, 'migrations.md'), join(out, 'index.html')];
  writeFileSync(files[0]!, markdownRegister(model));
  writeFileSync(files[1]!, htmlPage(model));
  return { out, files, revisions: model.revisions.length, database: model.database !== null };
}

async function readDatabase(project: Project): Promise<DocsInputs['database']> {
  const conn = await project.connect({ readOnly: true });
  if (!conn) return null;
  try {
    const dialect = await project.dialect();
    const books = new Bookkeeping(conn, dialect);
    const base = { environment: project.environment, url: project.databaseUrl.text };
    if (!(await books.exists())) return { ...base, heads: [], history: [], audit: { events: [], lastHash: '0'.repeat(64), problems: 0 } };
    const trail = new AuditTrail(conn, dialect);
    const verified = await trail.verify();
    return {
      ...base,
      heads: await books.heads(),
      history: await books.history(),
      audit: { events: await trail.list(), lastHash: verified.lastHash, problems: verified.problems.length },
    };
  } finally {
    await conn.close();
  }
}
