import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'b8d0f2a4c6e8',
  downRevision: 'a7c9e1f3b5d7',
  message: 'business templates',
  purpose: 'Templates that configure the platform for a business (health practice, law firm, shop)',
  impact: 'Creates business_templates and seeds three templates',
  rollback: 'down() drops the table and its templates',
  critical: false,
  async up(op) {
    // dihya-ignore prefer-bigint-identity: a handful of templates whose ids are fixed by the seed below
    op.createTable('business_templates', {
      id: { type: 'integer', primaryKey: true },
      domain: { type: 'varchar(40)', notNull: true },
      name: { type: 'varchar(100)', notNull: true },
      settings: { type: 'text', notNull: true, default: '{}' },
    });
    op.bulkInsert('business_templates', [
      { id: 1, domain: 'health', name: 'Medical practice', settings: '{"agenda":true}' },
      { id: 2, domain: 'legal', name: 'Law firm', settings: '{"cases":true}' },
      { id: 3, domain: 'retail', name: 'Shop', settings: '{}' },
    ]);
  },
  async down(op) {
    op.dropTable('business_templates');
  },
});
