import { fileChecksum } from '../core/hashing.js';
import { readFileSync, existsSync } from 'node:fs';
import type { Connection } from '../dialects/dialect.js';
import { revisionsInRange } from '../revisions/plan.js';
import { AuditTrail, type AuditEvent } from '../runner/audit-trail.js';
import { Bookkeeping, type HistoryRow } from '../runner/bookkeeping.js';
import type { Project } from './project.js';

/** Reads the version table and history; an empty or missing database is at base. */
export async function readState(project: Project): Promise<{ heads: string[]; history: HistoryRow[] }> {
  const conn = await project.connect({ readOnly: true });
  if (!conn) return { heads: [], history: [] };
  try {
    const books = new Bookkeeping(conn, await project.dialect());
    if (!(await books.exists())) return { heads: [], history: [] };
    return { heads: await books.heads(), history: await books.history() };
  } finally {
    await conn.close();
  }
}

/**
 * The revisions the database is at (the version table's rows).
 *
 * @example const { heads } = await current(await Project.open());
 */
export async function current(project: Project): Promise<{ heads: string[] }> {
  return { heads: (await readState(project)).heads };
}

/** The heads of the revision graph (what `upgrade heads` goes to). */
export async function heads(project: Project): Promise<{ heads: string[] }> {
  return { heads: (await project.graph()).heads() };
}

/** Branch points: revisions with more than one child. */
export async function branches(project: Project): Promise<{ branches: Array<{ revision: string; children: string[] }> }> {
  return { branches: (await project.graph()).branchPoints() };
}

export interface HistoryEntry {
  revision: string;
  downRevisions: string[];
  message: string;
  applied: boolean;
  appliedAt: string | null;
}

/**
 * Revisions base first, with where the database stands. `range` is Alembic's `A:B` syntax.
 *
 * @example const { revisions } = await history(await Project.open(), 'base:heads');
 */
export async function history(project: Project, range?: string): Promise<{ revisions: HistoryEntry[]; heads: string[] }> {
  const graph = await project.graph();
  const state = await readState(project);
  const applied = graph.appliedSet(state.heads.filter((h) => graph.has(h)));
  const at = new Map(state.history.map((h) => [h.revision, h.appliedAt]));
  const ids = range ? revisionsInRange(graph, range, state.heads) : graph.all().map((r) => r.id);
  return {
    heads: state.heads,
    revisions: ids.map((id) => {
      const r = graph.get(id);
      const isApplied = applied.has(id);
      return { revision: id, downRevisions: [...r.downRevisions], message: r.message, applied: isApplied, appliedAt: isApplied ? (at.get(id) ?? null) : null };
    }),
  };
}

/** Everything about one revision. */
export async function show(project: Project, target: string) {
  const graph = await project.graph();
  const r = graph.get(graph.resolveId(target));
  const state = await readState(project);
  const applied = graph.appliedSet(state.heads.filter((h) => graph.has(h))).has(r.id);
  const row = state.history.find((h) => h.revision === r.id);
  return {
    revision: r.id, downRevisions: [...r.downRevisions], dependsOn: [...r.dependsOn], branchLabels: [...r.branchLabels],
    children: graph.children(r.id), message: r.message, purpose: r.purpose, impact: r.impact, rollback: r.rollback,
    critical: r.critical, phase: r.phase ?? null, file: r.path, format: r.format, checksum: r.checksum, hasDown: r.hasDown,
    applied, appliedAt: row?.appliedAt ?? null, appliedBy: row?.appliedBy ?? null, head: graph.heads().includes(r.id),
  };
}

/**
 * Re-hashes every applied revision's file and reports those changed or gone since they were applied.
 *
 * @example const { ok, changed } = await validate(await Project.open());
 */
export async function validate(project: Project): Promise<{ ok: boolean; checked: number; changed: Array<{ revision: string; file: string }>; missing: string[] }> {
  const graph = await project.graph();
  const { history: rows } = await readState(project);
  const changed: Array<{ revision: string; file: string }> = [];
  const missing: string[] = [];
  for (const row of rows) {
    if (!graph.has(row.revision)) {
      missing.push(row.revision);
      continue;
    }
    const r = graph.get(row.revision);
    const now = existsSync(r.path) ? fileChecksum(readFileSync(r.path)) : '';
    if (now !== row.checksum) changed.push({ revision: r.id, file: r.path });
  }
  return { ok: changed.length === 0 && missing.length === 0, checked: rows.length, changed, missing };
}

async function withAudit<T>(project: Project, fn: (audit: AuditTrail) => Promise<T>, empty: T): Promise<T> {
  const conn: Connection | null = await project.connect({ readOnly: true });
  if (!conn) return empty;
  try {
    const dialect = await project.dialect();
    if (!(await new Bookkeeping(conn, dialect).exists())) return empty;
    return await fn(new AuditTrail(conn, dialect));
  } finally {
    await conn.close();
  }
}

/** The audit trail, oldest first, optionally from a date on. */
export async function audit(project: Project, since?: Date): Promise<{ events: AuditEvent[] }> {
  return { events: await withAudit(project, (a) => a.list(since), [] as AuditEvent[]) };
}

/** Checks the audit trail's hash chain; `lastHash` can be kept elsewhere to detect a cut tail. */
export async function verifyAudit(project: Project) {
  const result = await withAudit(project, (a) => a.verify(), { count: 0, lastHash: '0'.repeat(64), problems: [] as Array<{ id: number; problem: string }> });
  return { ok: result.problems.length === 0, ...result };
}
