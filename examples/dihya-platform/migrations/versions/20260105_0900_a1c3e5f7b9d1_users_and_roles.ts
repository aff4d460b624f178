import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'a1c3e5f7b9d1',
  downRevision: null,
  message: 'users and roles',
  purpose: 'Accounts of the platform and the roles that grant them rights',
  impact: 'Creates roles and users; no existing data is touched',
  rollback: 'down() drops both tables; every account is lost, so restore from a backup instead in production',
  // dihya-ignore critical-without-data-test: this revision creates the first tables, so no row exists before it for a data test to protect
  critical: true,
  async up(op) {
    // dihya-ignore prefer-bigint-identity: roles is a short reference list whose ids are fixed by the seed below and by the application
    op.createTable('roles', {
      id: { type: 'integer', primaryKey: true },
      name: { type: 'varchar(50)', notNull: true, unique: true },
    });
    op.bulkInsert('roles', [
      { id: 1, name: 'admin' },
      { id: 2, name: 'member' },
    ]);
    op.createTable('users', {
      id: { type: 'bigint', primaryKey: true, identity: true },
      email: { type: 'varchar(255)', notNull: true, unique: true },
      display_name: { type: 'varchar(100)' },
      role_id: { type: 'integer', notNull: true, default: 2, references: { table: 'roles', column: 'id', onDelete: 'restrict' } },
      created_at: { type: 'timestamp', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' } },
    });
    op.createIndex('users', ['role_id']);
  },
  async down(op) {
    op.dropTable('users');
    op.dropTable('roles');
  },
});
