import type { SchemaDifference } from '../diff/compare-schemas.js';
import { compareSchemas } from '../diff/compare-schemas.js';
import { declaredSchemaOf } from './declared-schema-of.js';
import { readLiveSchema } from './live-schema.js';
import type { Project } from './project.js';
import { upgrade } from './migrate-commands.js';
import { withScratchDatabase } from './scratch-database.js';

/** What `dihya check` found. */
export interface CheckResult {
  readonly ok: boolean;
  /** Revisions of the graph the database has not applied, base first. */
  readonly pending: readonly string[];
  /** How the database differs from the declared schema (empty when no schema is declared). */
  readonly differences: readonly SchemaDifference[];
  readonly schemaDeclared: boolean;
  readonly notes: readonly string[];
}

/**
 * The check for CI: no unapplied revision, and a database that matches the declared schema. With
 * the database at head, a difference is either a change of the declared schema that no revision
 * captures yet or a change made to the database by hand; `dihya drift` tells the two apart.
 *
 * @example const { ok, differences } = await check(await Project.open());
 */
export async function check(project: Project): Promise<CheckResult> {
  const dialect = await project.dialect();
  const declared = declaredSchemaOf(project, dialect, false);
  const graph = await project.graph();
  const live = await readLiveSchema(project);
  const applied = graph.appliedSet(live.heads);
  const pending = graph.all().map((r) => r.id).filter((id) => !applied.has(id));
  const differences = declared ? compareSchemas(declared.model, live.model, dialect.normalizer, declared.hints) : [];
  const notes: string[] = [];
  if (!declared) notes.push('env.ts declares no schema: only unapplied revisions were checked');
  if (differences.length && pending.length === 0) {
    notes.push('capture declared changes with `dihya revision --autogenerate -m MSG`; `dihya drift` shows what was changed in the database by hand');
  }
  return { ok: pending.length === 0 && differences.length === 0, pending, differences, schemaDeclared: Boolean(declared), notes };
}

/** What `dihya drift` found. */
export interface DriftResult {
  readonly ok: boolean;
  /** The revisions the database is at, which were replayed on a throwaway database. */
  readonly heads: readonly string[];
  /** How the live database differs from what its applied revisions make. */
  readonly differences: readonly SchemaDifference[];
}

/**
 * Replays the revisions up to the database's current heads on a throwaway database of the same
 * kind, and compares the live database with it: whatever differs was done outside the revisions.
 *
 * @example const { differences } = await drift(await Project.open({ env: 'production' }));
 */
export async function drift(project: Project): Promise<DriftResult> {
  const dialect = await project.dialect();
  const live = await readLiveSchema(project);
  const replayed = await withScratchDatabase(project.databaseUrl, async (url) => {
    const scratch = project.withDatabase(url);
    for (const head of live.heads) await upgrade(scratch, head, { allowChanged: true });
    return (await readLiveSchema(scratch)).model;
  });
  const differences = compareSchemas(replayed, live.model, dialect.normalizer);
  return { ok: differences.length === 0, heads: live.heads, differences };
}
