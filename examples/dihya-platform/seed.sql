-- Fictitious people for the example platform, to try the personal-data commands on something real.
-- Every name, address and note below is invented; the e-mail domains are reserved for examples
-- (example.com, example.org) or can never resolve (.invalid).
--
-- Load it after `dihya upgrade head`, on SQLite, PostgreSQL or MySQL/MariaDB:
--   sqlite3 dihya.db < seed.sql
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f seed.sql
--   mariadb platform < seed.sql
--
-- The database numbers the rows (no explicit ids): on PostgreSQL an explicit id would leave the identity
-- sequence behind and the application's next insert would collide. Rows point to their person through
-- the e-mail address, which is unique.

BEGIN;

-- Four active people, and one who asked to be erased in 2019: that account is already flagged and
-- stripped as the data map says (e-mail anonymized, name pseudonymized, preference emptied, health
-- records deleted), and its flag is older than the 5-year retention, so a purge would remove it.
INSERT INTO users (email, display_name, role_id, created_at, is_rgpd_deleted, rgpd_deleted_at, preferred_locale) VALUES
  ('alice.exemple@example.com', 'Alice Exemple', 2, '2025-09-01 08:00:00', FALSE, NULL, 'fr'),
  ('bruno.fictif@example.org', 'Bruno Fictif', 2, '2025-10-12 14:30:00', FALSE, NULL, 'en'),
  ('chloe.placeholder@example.com', 'Chloe Placeholder', 2, '2025-11-20 10:15:00', FALSE, NULL, 'ar'),
  ('dmitri.sample@patients.invalid', 'Dmitri Sample', 2, '2026-01-08 16:45:00', FALSE, NULL, NULL),
  ('anon-former-member@anonymized.invalid', '61f432749c01dddcfe398ae057c3fc8915e63ce788526ca04f3ede4054549603', 2, '2016-05-02 09:00:00', TRUE, '2019-03-14 11:20:00', NULL);

INSERT INTO health_records (user_id, record_type, notes, recorded_at) VALUES
  ((SELECT id FROM users WHERE email = 'alice.exemple@example.com'), 'consultation', 'Invented note: seasonal allergy follow-up, treatment unchanged.', '2025-10-03 09:30:00'),
  ((SELECT id FROM users WHERE email = 'alice.exemple@example.com'), 'prescription', 'Invented note: antihistamine renewed for three months.', '2025-10-03 09:45:00'),
  ((SELECT id FROM users WHERE email = 'chloe.placeholder@example.com'), 'vaccination', 'Invented note: routine booster, no reaction.', '2025-12-01 11:00:00'),
  ((SELECT id FROM users WHERE email = 'dmitri.sample@patients.invalid'), 'consultation', 'Invented note: sprained ankle after a fall.', '2026-01-15 17:10:00'),
  ((SELECT id FROM users WHERE email = 'dmitri.sample@patients.invalid'), 'consultation', NULL, '2026-02-02 08:20:00');

-- The erased person's case is kept for the firm's 5-year liability period, its reference replaced.
INSERT INTO legal_cases (user_id, reference, status, opened_at) VALUES
  ((SELECT id FROM users WHERE email = 'alice.exemple@example.com'), 'EX-2025-0001', 'open', '2025-09-15'),
  ((SELECT id FROM users WHERE email = 'bruno.fictif@example.org'), 'EX-2025-0002', 'closed', '2025-10-20'),
  ((SELECT id FROM users WHERE email = 'bruno.fictif@example.org'), 'EX-2026-0003', 'open', '2026-01-05'),
  ((SELECT id FROM users WHERE email = 'chloe.placeholder@example.com'), 'EX-2026-0004', 'open', '2026-02-10'),
  ((SELECT id FROM users WHERE email = 'anon-former-member@anonymized.invalid'), 'anon-former-case-1', 'archived', '2017-06-30');

COMMIT;
