import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'c9e1a3b5d7f9',
  downRevision: 'b8d0f2a4c6e8',
  message: 'business templates gain a version and a category',
  purpose: 'Templates evolve: each now carries a version number and a category derived from its domain',
  impact: 'Adds two columns, fills them from existing rows (data migration), then makes category mandatory (SQLite rebuilds the table)',
  rollback: 'down() drops both columns; the categories can be derived again from the domain',
  // dihya-ignore critical-without-data-test: the backfilled categories and versions are asserted after upgrade by test/e2e/cli-example.test.ts
  critical: true,
  phase: 'migrate',
  async up(op) {
    op.addColumn('business_templates', 'version', { type: 'integer', notNull: true, default: 1 });
    op.addColumn('business_templates', 'category', { type: 'varchar(40)' });
    op.execute(
      "UPDATE business_templates SET category = CASE domain WHEN 'health' THEN 'regulated' WHEN 'legal' THEN 'regulated' ELSE 'general' END, version = 2",
    );
    // dihya-ignore set-not-null, sqlite-table-rebuild: business_templates holds a few seeded templates, so the scan (PostgreSQL) and the rebuild (SQLite) take milliseconds
    op.alterColumn('business_templates', 'category', { notNull: true });
  },
  async down(op) {
    op.dropColumn('business_templates', 'category');
    op.dropColumn('business_templates', 'version');
  },
});
