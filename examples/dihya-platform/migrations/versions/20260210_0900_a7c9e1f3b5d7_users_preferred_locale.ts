import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'a7c9e1f3b5d7',
  downRevision: 'f6b8d0e2a4c6',
  message: 'users preferred locale and new roles',
  purpose: 'Multilingual interface per user, and the roles of the new business domains',
  impact: 'Adds a nullable column referencing locales (SQLite: plain ADD COLUMN), inserts two roles',
  rollback: 'down() removes the column and the two roles; users keep their other data',
  critical: false,
  async up(op) {
    // dihya-ignore constraint-without-not-valid, mysql-alter-copy: the new column is NULL in every row, so the foreign key has nothing to check; accepted while users is small
    op.addColumn('users', 'preferred_locale', { type: 'varchar(8)', references: { table: 'locales', column: 'code', onDelete: 'set null' } });
    op.bulkInsert('roles', [
      { id: 3, name: 'practitioner' },
      { id: 4, name: 'lawyer' },
    ]);
  },
  async down(op) {
    op.execute('DELETE FROM roles WHERE id IN (3, 4)');
    op.dropColumn('users', 'preferred_locale');
  },
});
