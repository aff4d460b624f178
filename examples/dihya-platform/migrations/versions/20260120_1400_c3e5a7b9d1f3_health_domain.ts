import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'c3e5a7b9d1f3',
  downRevision: 'b2d4f6a8c0e2',
  branchLabels: ['health'],
  message: 'health domain: medical records',
  purpose: 'New business domain (health): records attached to a user',
  impact: 'Creates health_records with a foreign key to users (ON DELETE CASCADE); no existing table is rewritten',
  rollback: 'down() drops health_records and every record in it',
  critical: false,
  async up(op) {
    op.createTable('health_records', {
      id: { type: 'bigint', primaryKey: true, identity: true },
      user_id: { type: 'bigint', notNull: true, references: { table: 'users', column: 'id', onDelete: 'cascade' } },
      record_type: { type: 'varchar(40)', notNull: true },
      notes: { type: 'text' },
      recorded_at: { type: 'timestamp', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' } },
    });
    op.createIndex('health_records', ['user_id', 'recorded_at']);
  },
  async down(op) {
    op.dropTable('health_records');
  },
});
