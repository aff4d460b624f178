import { DihyaError } from '../core/errors.js';
import type { BuilderCall } from '../diff/builder-call.js';
import { describeChange, type SchemaDifference } from '../diff/compare-schemas.js';
import { diffSchemas } from '../diff/diff-schemas.js';
import { invertCalls } from '../diff/invert-calls.js';
import { planCalls } from '../diff/plan-calls.js';
import { writeCalls } from '../diff/write-calls.js';
import { declaredSchemaOf } from './declared-schema-of.js';
import { readLiveSchema } from './live-schema.js';
import type { Project } from './project.js';
import { newRevision } from './write-commands.js';

/** What `revision --autogenerate` found and wrote. */
export interface AutogenerateResult {
  /** The new revision, or null when the database already matches the declared schema. */
  readonly revision: string | null;
  readonly file: string | null;
  readonly changes: readonly SchemaDifference[];
  /** Where the differ declined to guess (drop + add that may be a rename). */
  readonly notes: readonly string[];
}

/**
 * Writes a TypeScript revision whose `up` turns the database at head into the declared schema and
 * whose `down` inverts each step. The database must be at the graph's heads, so the revision
 * captures exactly what no revision captures yet.
 *
 * @example const { file } = await autogenerate(await Project.open(), { message: 'add invoices' });
 */
export async function autogenerate(project: Project, options: { message: string; head?: string }): Promise<AutogenerateResult> {
  const dialect = await project.dialect();
  const declared = declaredSchemaOf(project, dialect, true);
  const graph = await project.graph();
  const live = await readLiveSchema(project);
  const expectedHeads = options.head ? undefined : graph.heads();
  if (expectedHeads && !sameSet(live.heads, expectedHeads)) {
    const missing = expectedHeads.filter((h) => !live.heads.includes(h));
    throw new DihyaError(
      'STATE_INVALID',
      `the database is not at head (it is at ${live.heads.join(', ') || 'base'}; ${missing.join(', ')} not applied); run \`dihya upgrade\` first, so the new revision captures only what no revision does`,
    );
  }
  const diff = diffSchemas(live.model, declared.model, dialect.normalizer, declared.hints);
  const changes = diff.changes.map(describeChange);
  if (diff.changes.length === 0) return { revision: null, file: null, changes, notes: diff.notes };
  const up = planCalls(diff.changes, declared.specOf);
  const down = invertCalls(up, live.model);
  const { revision, file } = await newRevision(project, {
    message: options.message,
    head: options.head,
    body: {
      upgrades: notesAsComments(diff.notes) + writeCalls(up),
      downgrades: writeCalls(down),
      impact: impactOf(up),
      rollback: rollbackOf(down),
    },
  });
  return { revision, file, changes, notes: diff.notes };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function notesAsComments(notes: readonly string[]): string {
  return notes.map((n) => `    // NOTE: ${n}\n`).join('');
}

/** A first draft of the impact text, from what the calls do; the author should refine it. */
function impactOf(calls: readonly BuilderCall[]): string {
  const count = new Map<string, number>();
  for (const c of calls) if (c.method) count.set(c.method, (count.get(c.method) ?? 0) + 1);
  const parts = [...count.entries()].map(([m, n]) => `${n} ${m}`);
  return `Generated from the declared schema: ${parts.join(', ')}.`;
}

function rollbackOf(down: readonly BuilderCall[]): string {
  const lossy = down.some((c) => c.comment?.some((l) => /not restored|by hand/.test(l)));
  return lossy
    ? 'down() reverses each step; data in dropped tables or columns is not restored (see the comments in down()).'
    : 'down() reverses each step.';
}
