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
export { lint, lintSarif, type LintOptions } from './api/lint.js';
export type { Finding, LintDialect, LintReport, Severity, SeveritySetting } from './lint/lint-types.js';
export type { LintConfig } from './lint/lint-config.js';
export { testRevisions, type TestRevisionsOptions, type TestRevisionsReport } from './api/revision-tests.js';
export { defineRevisionTest, type RevisionTest, type RevisionTestDb, type RevisionTestPhase } from './testing/define-revision-test.js';
export type { RevisionTestResult } from './testing/walk-revisions.js';
export type { StatementTrace } from './testing/statement-trace.js';
export { OperationBuilder } from './operations/operation-builder.js';
export type { Operation, OperationKind } from './operations/operation.js';
export type { ColumnSpec, ColumnChange, DefaultValue, ReferentialAction } from './operations/column-spec.js';
export type { CreateTableOptions } from './operations/create-table-options.js';
export type { MigrationEvent, MigrateResult } from './runner/migrator.js';
export type { AuditEvent } from './runner/audit-trail.js';
export type { Revision, RevisionMeta, Phase } from './revisions/revision.js';
export type { SchemaModel, TableModel } from './schema/schema-model.js';
export { defineSchema } from './schema/declared-schema.js';
export type { DeclaredSchema, DeclaredTable, DeclaredColumn, DeclaredIndex, DeclaredForeignKey, DeclaredCheck, DeclaredUnique, Annotations } from './schema/declared-schema.js';
export { autogenerate, type AutogenerateResult } from './api/autogenerate.js';
export { check, drift, type CheckResult, type DriftResult } from './api/schema-check.js';
export { dumpSchema, type DumpFormat } from './api/schema-dump.js';
export { compareSchemas, type SchemaDifference } from './diff/compare-schemas.js';
export { diffSchemas } from './diff/diff-schemas.js';
export { gdprMap, type GdprMapResult, type InventoryColumn, type InventoryTable } from './api/gdpr-map.js';
export { gdprScan, type GdprScanOptions, type ScanFinding, type ScanReport } from './api/gdpr-scan.js';
export { buildDataMap, type DataMap, type DataMapTable, type DataMapColumn } from './gdpr/data-map.js';
export { subjectPaths, type SubjectPaths, type SubjectPath, type JoinStep } from './gdpr/subject-paths.js';
export { processingRecord } from './gdpr/processing-record.js';
export { eraseSubjects, type ErasureCount, type ErasureReceipt, type EraseSubjectsOptions } from './api/gdpr-erase.js';
export { exportSubjectData, type SubjectExport, type ExportTable } from './api/gdpr-export.js';
export { subjectHmac } from './gdpr/subject-hmac.js';
export { eraseInBatches, type BatchedErasureOptions } from './api/gdpr-bulk.js';
export { gdprPurge, type PurgeOptions, type PurgeResult, type AgedRows } from './api/gdpr-purge.js';
export { gdprReplay, type ReplayOptions, type ReplayResult } from './api/gdpr-replay.js';
export type { GdprReceipt, RetentionReceipt } from './gdpr/receipt.js';
export {
  validatePersonalColumn, validatePersonalTable, LAWFUL_BASES, ERASURE_STRATEGIES,
  type LawfulBasis, type ErasureStrategy, type PersonalColumn, type PersonalColumnAnnotation, type PersonalTable, type SubjectLink,
  type DataMapConfig, type DataMapTableConfig,
} from './gdpr/personal-data.js';
export * from './core/errors.js';
