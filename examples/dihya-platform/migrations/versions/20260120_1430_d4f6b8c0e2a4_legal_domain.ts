import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'd4f6b8c0e2a4',
  downRevision: 'b2d4f6a8c0e2',
  branchLabels: ['legal'],
  message: 'legal domain: cases',
  purpose: 'New business domain (legal): cases opened for a user, written in parallel with the health domain',
  impact: 'Creates legal_cases with a unique reference and a status check; no existing table is rewritten',
  rollback: 'down() drops legal_cases and every case in it',
  critical: false,
  async up(op) {
    op.createTable('legal_cases', {
      id: { type: 'bigint', primaryKey: true, identity: true },
      user_id: { type: 'bigint', notNull: true, references: { table: 'users', column: 'id', onDelete: 'cascade' } },
      reference: { type: 'varchar(32)', notNull: true, unique: true },
      status: { type: 'varchar(16)', notNull: true, default: 'open' },
      opened_at: { type: 'date', notNull: true },
    });
    op.addCheckConstraint('legal_cases', 'legal_cases_status_check', "status IN ('open', 'closed', 'archived')");
  },
  async down(op) {
    op.dropTable('legal_cases');
  },
});
