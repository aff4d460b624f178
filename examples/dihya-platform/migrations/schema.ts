import { defineSchema } from 'dihya-migrate';

/**
 * The schema the platform's code expects, declared once. `dihya check` fails when the database and
 * this file disagree; `dihya revision --autogenerate -m MSG` writes the revision that reconciles them.
 *
 * It is also the platform's personal-data map: every column holding data about a person says what it
 * is (a fideslang category), why it is processed (GDPR Art. 6 basis), how long it is kept (ISO 8601)
 * and what erasing the person does to it (strategy). Columns whose names look personal but are not
 * say `personal: false`. The annotations never reach the database.
 */
export default defineSchema({
  tables: {
    roles: {
      columns: {
        id: { type: 'integer', primaryKey: true },
        // A role's label ('admin', 'lawyer'), not a person's name.
        name: { type: 'varchar(50)', notNull: true, unique: true, annotations: { personal: false } },
      },
    },
    // The people of the platform: the one subject root every other personal table leads back to.
    // Erasing a person keeps the row (health and legal rows point to it) but flags it, and empties or
    // replaces what identifies them. Kept data follows the 5-year limitation period of French civil
    // law (Code civil, art. 2224), after which a flagged account is purged for good.
    users: {
      annotations: { personal: { subject: 'id' } },
      columns: {
        id: { type: 'bigint', primaryKey: true, identity: true },
        // Unique and mandatory: replaced by an anonymous address that keeps the constraint valid.
        email: {
          type: 'varchar(255)', notNull: true, unique: true,
          annotations: { personal: { category: 'user.contact.email', basis: 'contract', retention: 'P5Y', strategy: 'anonymize' } },
        },
        // A keyed hash (the key lives outside the database) replaces the name: equal names stay equal,
        // so the law firm's conflict-of-interest check still recognises a former client, yet the name
        // cannot be read back. Pseudonymized data is still personal data (GDPR recital 26).
        display_name: {
          type: 'varchar(100)',
          annotations: { personal: { category: 'user.name', basis: 'contract', retention: 'P5Y', strategy: 'pseudonymize' } },
        },
        // The person's rights on the platform: not identifying once the contact data is gone.
        role_id: {
          type: 'integer', notNull: true, default: 2, references: { table: 'roles', column: 'id', onDelete: 'restrict' },
          annotations: { personal: { category: 'user.authorization', basis: 'contract', retention: 'P5Y', strategy: 'keep' } },
        },
        // When the account was opened: kept with the flagged row, it identifies no one on its own.
        created_at: {
          type: 'timestamp', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' },
          annotations: { personal: { category: 'user.account', basis: 'contract', retention: 'P5Y', strategy: 'keep' } },
        },
        // The erasure itself: the flag and its date prove the request was honoured (GDPR Art. 5(2))
        // and start the clock after which the flagged row is purged.
        is_rgpd_deleted: {
          type: 'boolean', notNull: true, default: false,
          annotations: { personal: { category: 'user.privacy_preferences', basis: 'legal-obligation', retention: 'P5Y', strategy: 'soft-delete' } },
        },
        rgpd_deleted_at: {
          type: 'timestamp',
          annotations: { personal: { category: 'user.privacy_preferences', basis: 'legal-obligation', retention: 'P5Y', strategy: 'soft-delete' } },
        },
        // A preference of the person, needed only while they use the interface.
        preferred_locale: {
          type: 'varchar(8)', references: { table: 'locales', column: 'code', onDelete: 'set null' },
          annotations: { personal: { category: 'user.settings', basis: 'contract', retention: 'P5Y', strategy: 'null' } },
        },
      },
      indexes: [{ columns: ['role_id'] }],
    },
    // Health data, a special category (GDPR Art. 9, processed for care under 9(2)(h)). French law sets
    // 20 years for medical records (Code de la santé publique, art. R1112-7). Erasing the person
    // deletes the rows; whether a legal duty to keep them still applies (GDPR Art. 17(3)) is decided
    // before the erasure is run, not by this map. A record is kept 20 years from the care it
    // records: `dihya gdpr purge` deletes the rows whose recorded_at is older.
    health_records: {
      annotations: { personal: { basis: 'legal-obligation', retention: 'P20Y', strategy: 'delete', agedBy: 'recorded_at' } },
      columns: {
        id: { type: 'bigint', primaryKey: true, identity: true },
        user_id: { type: 'bigint', notNull: true, references: { table: 'users', column: 'id', onDelete: 'cascade' } },
        // 'consultation', 'prescription'…: the kind of care received is itself health data.
        record_type: {
          type: 'varchar(40)', notNull: true,
          annotations: { personal: { category: 'user.health', basis: 'legal-obligation', retention: 'P20Y', strategy: 'delete' } },
        },
        notes: {
          type: 'text',
          annotations: { personal: { category: 'user.health', basis: 'legal-obligation', retention: 'P20Y', strategy: 'delete' } },
        },
        // The date of a care episode tells that the person was treated.
        recorded_at: {
          type: 'timestamp', notNull: true, default: { sql: 'CURRENT_TIMESTAMP' },
          annotations: { personal: { category: 'user.health', basis: 'legal-obligation', retention: 'P20Y', strategy: 'delete' } },
        },
      },
      indexes: [{ columns: ['user_id', 'recorded_at'] }],
    },
    // A client's cases at a law firm. The firm answers for its work for 5 years after the end of its
    // mission (Code civil, art. 2225), so erasing the person keeps the rows: the reference, which
    // often quotes the client's name, is replaced, and the bare status and dates stay.
    legal_cases: {
      columns: {
        id: { type: 'bigint', primaryKey: true, identity: true },
        user_id: { type: 'bigint', notNull: true, references: { table: 'users', column: 'id', onDelete: 'cascade' } },
        reference: {
          type: 'varchar(32)', notNull: true, unique: true,
          annotations: { personal: { category: 'user.unique_id', basis: 'contract', retention: 'P5Y', strategy: 'anonymize' } },
        },
        status: {
          type: 'varchar(16)', notNull: true, default: 'open',
          annotations: { personal: { category: 'user.content.private', basis: 'contract', retention: 'P5Y', strategy: 'keep' } },
        },
        opened_at: {
          type: 'date', notNull: true,
          annotations: { personal: { category: 'user.content.private', basis: 'contract', retention: 'P5Y', strategy: 'keep' } },
        },
      },
      checks: [{ name: 'legal_cases_status_check', expression: "status IN ('open', 'closed', 'archived')" }],
    },
    locales: {
      columns: {
        code: { type: 'varchar(8)', primaryKey: true },
        // A language's name ('Français'), not a person's.
        name: { type: 'varchar(50)', notNull: true, annotations: { personal: false } },
      },
    },
    // The platform's own texts, one per key and language: nothing about a person.
    content_translations: {
      columns: {
        id: { type: 'integer', primaryKey: true },
        content_key: { type: 'varchar(100)', notNull: true },
        locale: { type: 'varchar(8)', notNull: true, annotations: { personal: false } },
        // Written in plain SQL as TEXT. On MySQL the portable `text` is LONGTEXT; a type in upper case
        // is the database's own, used as written.
        body: { type: 'text', notNull: true, dialectTypes: { mysql: 'TEXT' }, annotations: { personal: false } },
      },
      uniques: [{ name: 'content_translations_key_locale_key', columns: ['content_key', 'locale'] }],
      foreignKeys: [{ name: 'content_translations_locale_fkey', columns: ['locale'], references: { table: 'locales', columns: ['code'] } }],
    },
    business_templates: {
      columns: {
        id: { type: 'integer', primaryKey: true },
        domain: { type: 'varchar(40)', notNull: true },
        // A template's name ('Law firm'), not a person's.
        name: { type: 'varchar(100)', notNull: true, annotations: { personal: false } },
        settings: { type: 'text', notNull: true, default: '{}' },
        version: { type: 'integer', notNull: true, default: 1 },
        category: { type: 'varchar(40)', notNull: true },
      },
    },
  },
});
