import { basename, relative } from 'node:path';
import type { Revision } from '../revisions/revision.js';
import type { RevisionGraph } from '../revisions/revision-graph.js';
import type { AuditEvent } from '../runner/audit-trail.js';
import type { HistoryRow } from '../runner/bookkeeping.js';
import type { GitOrigin } from './git-dates.js';

/** Where and when a revision was applied, from `dihya_history`. */
export interface AppliedInfo {
  readonly at: string | null;
  readonly by: string | null;
  readonly host: string | null;
  readonly durationMs: number | null;
}

/** One revision as the documentation shows it. */
export interface DocsRevision {
  readonly id: string;
  readonly message: string;
  readonly purpose: string;
  readonly impact: string;
  readonly rollback: string;
  readonly critical: boolean;
  readonly phase: string | null;
  readonly parents: readonly string[];
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
  /** The file, relative to the project's folder. */
  readonly file: string;
  readonly head: boolean;
  readonly merge: boolean;
  readonly git: GitOrigin | null;
  /** Null when no database was read or the revision is not applied there. */
  readonly applied: AppliedInfo | null;
}

/** What the audit trail holds, in short. */
export interface AuditSummary {
  readonly count: number;
  readonly byEvent: Readonly<Record<string, number>>;
  readonly first: string | null;
  readonly last: string | null;
  readonly chainIntact: boolean;
  readonly lastHash: string;
  readonly events: readonly AuditEvent[];
}

/** The database the documentation was checked against. */
export interface DocsDatabase {
  readonly environment: string;
  /** The URL with its password removed. */
  readonly url: string;
  readonly heads: readonly string[];
  readonly audit: AuditSummary;
}

/**
 * A section another capability adds to both outputs (e.g. a personal-data inventory). `html` must be
 * escaped by its author; it is placed as given.
 */
export interface DocsSection {
  readonly id: string;
  readonly title: string;
  readonly markdown: string;
  readonly html: string;
}

/** Everything the register and the page are rendered from. */
export interface DocsModel {
  readonly generatedAt: string;
  readonly revisions: readonly DocsRevision[];
  readonly heads: readonly string[];
  /** Null when no database was reachable. */
  readonly database: DocsDatabase | null;
  readonly sections: readonly DocsSection[];
}

/** The raw facts `buildDocsModel` combines; the caller does all the reading. */
export interface DocsInputs {
  readonly graph: RevisionGraph<Revision>;
  readonly projectDir: string;
  readonly git: ReadonlyMap<string, GitOrigin>;
  readonly database: {
    readonly environment: string;
    readonly url: string;
    readonly heads: readonly string[];
    readonly history: readonly HistoryRow[];
    readonly audit: { readonly events: readonly AuditEvent[]; readonly lastHash: string; readonly problems: number };
  } | null;
  readonly sections?: readonly DocsSection[];
  readonly now?: Date;
}

/**
 * Combines the graph, git and the database into the documentation model, revisions base first.
 *
 * @example
 * const model = buildDocsModel({ graph, projectDir: project.dir, git: new Map(), database: null });
 */
export function buildDocsModel(inputs: DocsInputs): DocsModel {
  const { graph, database } = inputs;
  const known = database ? database.heads.filter((h) => graph.has(h)) : [];
  const applied = database ? graph.appliedSet(known) : new Set<string>();
  const rows = new Map((database?.history ?? []).map((h) => [h.revision, h]));
  const heads = new Set(graph.heads());
  const revisions = graph.all().map((r): DocsRevision => {
    const row = rows.get(r.id);
    return {
      id: r.id, message: r.message, purpose: r.purpose, impact: r.impact, rollback: r.rollback,
      critical: r.critical, phase: r.phase ?? null, parents: [...r.downRevisions], dependsOn: [...r.dependsOn],
      branchLabels: [...r.branchLabels], file: relative(inputs.projectDir, r.path) || basename(r.path),
      head: heads.has(r.id), merge: r.downRevisions.length > 1, git: inputs.git.get(basename(r.path)) ?? null,
      applied: applied.has(r.id)
        ? { at: row?.appliedAt ?? null, by: row?.appliedBy ?? null, host: row?.host ?? null, durationMs: row?.durationMs ?? null }
        : null,
    };
  });
  return {
    generatedAt: (inputs.now ?? new Date()).toISOString(),
    revisions,
    heads: [...heads],
    database: database && {
      environment: database.environment,
      url: database.url,
      heads: [...database.heads],
      audit: summarizeAudit(database.audit.events, database.audit.lastHash, database.audit.problems === 0),
    },
    sections: inputs.sections ?? [],
  };
}

function summarizeAudit(events: readonly AuditEvent[], lastHash: string, chainIntact: boolean): AuditSummary {
  const byEvent: Record<string, number> = {};
  for (const e of events) byEvent[e.event] = (byEvent[e.event] ?? 0) + 1;
  return { count: events.length, byEvent, first: events[0]?.at ?? null, last: events.at(-1)?.at ?? null, chainIntact, lastHash, events };
}
