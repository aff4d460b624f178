/**
 * Dihya Migrate's programmatic API. The CLI is a thin layer over these functions.
 *
 * @example
 * import { Project, upgrade } from 'dihya-migrate';
 * const project = await Project.open({ dir: 'migrations', env: 'staging' });
 * const { steps } = await upgrade(project, 'heads');
 */
export { defineConfig, defineMigration, type MigrationDefinition } from './api/define.js';
export type { DihyaConfig, EnvironmentConfig, StepInfo } from './api/config.js';
export { Project, type ProjectOptions } from './api/project.js';
export { upgrade, downgrade, offline, stamp, type RunOptions } from './api/migrate-commands.js';
export { current, heads, branches, history, show, validate, audit, verifyAudit, type HistoryEntry } from './api/inspect-commands.js';
export { init, newRevision, merge, type NewRevisionOptions } from './api/write-commands.js';
export { resolve, type Resolution, type ResolveResult } from './api/resolve.js';
export { docs, type DocsOptions, type DocsResult, type DocsSectionSource, type DocsModel, type DocsSection } from './api/docs.js';
export { status, type StatusResult, type EnvironmentStatus, type StatusRevision } from './api/status.js';
export { ciInit, type CiProvider } from './api/ci-init.js';
export { OperationBuilder } from './operations/operation-builder.js';
export type { Operation, OperationKind } from './operations/operation.js';
export type { ColumnSpec, ColumnChange, DefaultValue, ReferentialAction } from './operations/column-spec.js';
export type { MigrationEvent, MigrateResult } from './runner/migrator.js';
export type { AuditEvent } from './runner/audit-trail.js';
export type { Revision, RevisionMeta, Phase } from './revisions/revision.js';
export type { SchemaModel, TableModel } from './schema/schema-model.js';
export * from './core/errors.js';
