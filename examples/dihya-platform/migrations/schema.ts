import { defineSchema } from 'dihya-migrate';

/**
 * The schema the platform's code expects, declared once. `dihya check` fails when the database and
 * this file disagree; `dihya revision --autogenerate -m MSG` writes the revision that reconciles them.
 */
export default defineSchema({
  tables: {
    roles: {
      columns: {
        id: { type: 'integer', primaryKey: true },
        name: { type: 'varchar(50)', notNull: true, unique: true },
      },
    },
    users: {
      columns: {
        id: { type: 'bigint', primaryKey: true, identity: true },
        email: { type: 'varchar(255)', notNull: true, unique: true, annotations: { personal: { category: 'user.contact.email' } } },
        display_name: { type: 'varchar(100)', annotations: { personal: { category: 'user.name' } } },
        role_id: { type: 'integer', notNull: true, default: 2, references: { table: 'roles', column: 'id', onDelete: 'restrict' } },
        created_at: { type: 'timestamp', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' } },
        is_rgpd_deleted: { type: 'boolean', notNull: true, default: false },
        rgpd_deleted_at: { type: 'timestamp' },
        preferred_locale: { type: 'varchar(8)', references: { table: 'locales', column: 'code', onDelete: 'set null' } },
      },
      indexes: [{ columns: ['role_id'] }],
    },
    health_records: {
      columns: {
        id: { type: 'bigint', primaryKey: true, identity: true },
        user_id: { type: 'bigint', notNull: true, references: { table: 'users', column: 'id', onDelete: 'cascade' } },
        record_type: { type: 'varchar(40)', notNull: true },
        notes: { type: 'text', annotations: { personal: { category: 'user.health' } } },
        recorded_at: { type: 'timestamp', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' } },
      },
      indexes: [{ columns: ['user_id', 'recorded_at'] }],
    },
    legal_cases: {
      columns: {
        id: { type: 'bigint', primaryKey: true, identity: true },
        user_id: { type: 'bigint', notNull: true, references: { table: 'users', column: 'id', onDelete: 'cascade' } },
        reference: { type: 'varchar(32)', notNull: true, unique: true },
        status: { type: 'varchar(16)', notNull: true, default: 'open' },
        opened_at: { type: 'date', notNull: true },
      },
      checks: [{ name: 'legal_cases_status_check', expression: "status IN ('open', 'closed', 'archived')" }],
    },
    locales: {
      columns: {
        code: { type: 'varchar(8)', primaryKey: true },
        name: { type: 'varchar(50)', notNull: true },
      },
    },
    content_translations: {
      columns: {
        id: { type: 'integer', primaryKey: true },
        content_key: { type: 'varchar(100)', notNull: true },
        locale: { type: 'varchar(8)', notNull: true },
        // Written in plain SQL as TEXT. On MySQL the portable `text` is LONGTEXT; a type in upper case
        // is the database's own, used as written.
        body: { type: 'text', notNull: true, dialectTypes: { mysql: 'TEXT' } },
      },
      uniques: [{ name: 'content_translations_key_locale_key', columns: ['content_key', 'locale'] }],
      foreignKeys: [{ name: 'content_translations_locale_fkey', columns: ['locale'], references: { table: 'locales', columns: ['code'] } }],
    },
    business_templates: {
      columns: {
        id: { type: 'integer', primaryKey: true },
        domain: { type: 'varchar(40)', notNull: true },
        name: { type: 'varchar(100)', notNull: true },
        settings: { type: 'text', notNull: true, default: '{}' },
        version: { type: 'integer', notNull: true, default: 1 },
        category: { type: 'varchar(40)', notNull: true },
      },
    },
  },
});
