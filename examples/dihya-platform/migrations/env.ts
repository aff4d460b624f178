import { defineConfig } from 'dihya-migrate';
import schema from './schema.js';

export default defineConfig({
  // DIHYA_<NAME>_URL overrides each URL (CI passes staging and production as secrets).
  environments: {
    development: { url: 'sqlite:./dihya.db' },
    staging: { url: process.env.DIHYA_STAGING_URL },
    production: { url: process.env.DIHYA_PRODUCTION_URL },
  },
  session: { lockTimeout: '5s' },
  log: { file: 'dihya-migrations.log' },
  // The declared schema: `dihya check` compares the database with it.
  schema,
});
