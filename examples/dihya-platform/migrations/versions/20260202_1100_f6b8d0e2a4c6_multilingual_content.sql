-- dihya:revision f6b8d0e2a4c6
-- dihya:down-revision e5a7c9d1f3b5
-- dihya:message multilingual content
-- dihya:purpose Translations of the platform's texts, one row per key and language
-- dihya:impact Creates locales and content_translations and seeds three locales; written in plain SQL valid on SQLite, PostgreSQL and MySQL/MariaDB
-- dihya:rollback The down section drops both tables; translations entered since are lost
-- dihya:critical false
-- dihya:up
CREATE TABLE locales (
  code VARCHAR(8) NOT NULL PRIMARY KEY,
  name VARCHAR(50) NOT NULL
);
INSERT INTO locales (code, name) VALUES ('fr', 'Français'), ('en', 'English'), ('ar', 'العربية');
-- dihya-ignore prefer-bigint-identity: a plain INTEGER key keeps this file valid on SQLite, PostgreSQL and MySQL; rows are bounded by content keys times locales
CREATE TABLE content_translations (
  id INTEGER NOT NULL PRIMARY KEY,
  content_key VARCHAR(100) NOT NULL,
  locale VARCHAR(8) NOT NULL,
  body TEXT NOT NULL,
  CONSTRAINT content_translations_key_locale_key UNIQUE (content_key, locale),
  CONSTRAINT content_translations_locale_fkey FOREIGN KEY (locale) REFERENCES locales (code)
);
-- dihya:down
DROP TABLE content_translations;
DROP TABLE locales;
