import type { Connection, Dialect, RenderContext } from '../dialects/dialect.js';
import type { Plan } from '../revisions/plan.js';
import type { Operation } from '../operations/operation.js';
import type { MigrationFn, Revision } from '../revisions/revision.js';
import type { RevisionGraph } from '../revisions/revision-graph.js';
import { inlineParams } from '../dialects/sql-literal.js';
import { collectOperations, renderContext } from './execute-operations.js';
import { requireIrreversibleNotice } from './irreversible-notice.js';
import { OfflineTables } from './offline-tables.js';

/**
 * Offline mode: the SQL a plan would run, as a script a DBA can review and apply. Bound values are
 * inlined as escaped literals. SQLite needs to see tables to plan rebuilds, so a `scratch`
 * in-memory database replays the revisions alongside; PostgreSQL needs none; MySQL follows the
 * schema in the render context from the operations it renders, so those before the start are
 * rendered too (and not printed).
 */
export async function offlineSql(
  dialect: Dialect,
  graph: RevisionGraph<Revision>,
  startHeads: readonly string[],
  plan: Plan,
  scratch: Connection | null,
): Promise<string> {
  const out: string[] = [`-- dihya-migrate: offline SQL for ${dialect.name}, generated ${new Date().toISOString()}`];
  const ctx: RenderContext = scratch ? renderContext(scratch, dialect) : { introspectTable: async () => undefined };
  // Without a scratch database, anonymizeColumn learns its column's type from the revisions' operations.
  const tables = new OfflineTables();
  const anonymizeCtx: RenderContext = scratch ? ctx : { introspectTable: async (name) => tables.table(name) };
  const renderOne = async (op: Operation) => {
    const statements = await dialect.render(op, op.kind === 'anonymizeColumn' ? anonymizeCtx : ctx);
    tables.apply(op);
    return statements;
  };
  if (scratch) await replayOnScratch(scratch, dialect, graph, startHeads);
  else await renderApplied(dialect, graph, startHeads, ctx, tables);
  out.push(...dialect.bookkeepingDdl().map((s) => `${s};`), '');
  await requireIrreversibleNotice(graph, plan);
  const applied = graph.appliedSet(startHeads);
  for (const step of plan.steps) {
    const revision = graph.get(step.revision);
    out.push(`-- ${step.direction === 'up' ? 'Upgrade' : 'Downgrade'} ${revision.id}: ${revision.message}`, 'BEGIN;');
    const body = await revision.load();
    const fn = step.direction === 'up' ? body.up : body.down;
    if (!fn) {
      out.push(`-- revision ${revision.id} has no down(): nothing can be generated for it`, 'ROLLBACK;', '');
      continue;
    }
    for (const op of await collectOperations(fn)) {
      for (const st of await renderOne(op)) {
        out.push(`${inlineParams(st.sql, st.params ?? [], (v) => dialect.literal(v))};`);
        if (scratch) await runOnScratch(scratch, op.kind, st.sql, st.params);
      }
    }
    if (step.direction === 'up') applied.add(revision.id);
    else applied.delete(revision.id);
    out.push('DELETE FROM dihya_version;');
    for (const h of graph.versionHeads(applied)) out.push(`INSERT INTO dihya_version (revision) VALUES (${dialect.literal(h)});`);
    out.push(
      step.direction === 'up'
        ? `INSERT INTO dihya_history (revision, message, checksum, applied_at, duration_ms, applied_by, host, tool_version) VALUES (${[
            revision.id, revision.message, revision.checksum, new Date().toISOString(), 0, 'offline', 'offline', 'offline',
          ].map((v) => dialect.literal(v)).join(', ')});`
        : `DELETE FROM dihya_history WHERE revision = ${dialect.literal(revision.id)};`,
      'COMMIT;',
      '',
    );
  }
  return out.join('\n');
}

/** Brings the scratch database to the start of the plan by running the revisions before it. */
async function replayOnScratch(scratch: Connection, dialect: Dialect, graph: RevisionGraph<Revision>, startHeads: readonly string[]): Promise<void> {
  const applied = graph.appliedSet(startHeads);
  const ctx = renderContext(scratch, dialect);
  for (const revision of graph.all()) {
    if (!applied.has(revision.id)) continue;
    for (const op of await schemaOperations((await revision.load()).up)) {
      for (const st of await dialect.render(op, ctx)) await runOnScratch(scratch, op.kind, st.sql, st.params);
    }
  }
}

/** Renders, without printing, the revisions applied at the start of the plan. */
async function renderApplied(dialect: Dialect, graph: RevisionGraph<Revision>, startHeads: readonly string[], ctx: RenderContext, tables: OfflineTables): Promise<void> {
  const applied = graph.appliedSet(startHeads);
  for (const revision of graph.all()) {
    if (!applied.has(revision.id)) continue;
    for (const op of await schemaOperations((await revision.load()).up)) {
      await dialect.render(op, ctx);
      tables.apply(op);
    }
  }
}

/** What replaying an applied revision needs: anonymizing rewrites rows, and pseudonyms have no SQL. */
async function schemaOperations(fn: MigrationFn): Promise<readonly Operation[]> {
  return (await collectOperations(fn)).filter((op) => op.kind !== 'anonymizeColumn');
}

/** Schema changes must replay; a data statement that fails on the empty scratch copy does not matter. */
async function runOnScratch(scratch: Connection, kind: string, sql: string, params: readonly unknown[] | undefined): Promise<void> {
  try {
    await scratch.query(sql, params);
  } catch (e) {
    if (kind !== 'execute' && kind !== 'bulkInsert') throw e;
  }
}
