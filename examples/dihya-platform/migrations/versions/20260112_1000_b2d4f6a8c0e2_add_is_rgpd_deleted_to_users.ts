import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'b2d4f6a8c0e2',
  downRevision: 'a1c3e5f7b9d1',
  message: 'add is_rgpd_deleted to users',
  purpose: 'Logical deletion of users on GDPR request: the row stays for integrity, the person is flagged',
  impact: 'Adds a boolean with a constant default (metadata-only on PostgreSQL 11+) and a nullable timestamp',
  rollback: 'down() drops both columns; the deletion flags set since are lost',
  critical: false,
  phase: 'expand',
  async up(op) {
    op.addColumn('users', 'is_rgpd_deleted', { type: 'boolean', notNull: true, default: false });
    op.addColumn('users', 'rgpd_deleted_at', { type: 'timestamp' });
  },
  async down(op) {
    op.dropColumn('users', 'rgpd_deleted_at');
    op.dropColumn('users', 'is_rgpd_deleted');
  },
});
