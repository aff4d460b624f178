import type { Operation } from '../operations/operation.js';
import type { OperationBuilder } from '../operations/operation-builder.js';

/** The part of a revision the graph needs: its id and its edges. */
export interface RevisionNode {
  readonly id: string;
  /** Parents: empty for a base revision, two or more for a merge. */
  readonly downRevisions: readonly string[];
  /** Revisions on other branches this one needs applied first (not parents). */
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
}

/** Expand/migrate/contract, for zero-downtime changes. */
export type Phase = 'expand' | 'migrate' | 'contract';

/** What a revision says about itself, as the brief demands: purpose, impact, rollback. */
export interface RevisionMeta extends RevisionNode {
  readonly message: string;
  readonly purpose: string;
  readonly impact: string;
  readonly rollback: string;
  readonly critical: boolean;
  readonly phase?: Phase;
}

/** A function that records operations on `op`. */
export type MigrationFn = (op: OperationBuilder) => void | Promise<void>;

/** The body of a revision, loaded only when it has to run. */
export interface RevisionBody {
  readonly up: MigrationFn;
  readonly down?: MigrationFn;
}

/** A revision file found on disk. */
export interface Revision extends RevisionMeta {
  /** Absolute path of the file. */
  readonly path: string;
  readonly format: 'ts' | 'sql';
  /** SHA-256 of the file's text (line endings normalised). */
  readonly checksum: string;
  readonly hasDown: boolean;
  /** Imports the file (TypeScript) or splits its sections (SQL). */
  load(): Promise<RevisionBody>;
}

export type { Operation };
