import { defineMigration } from 'dihya-migrate';

export default defineMigration({
  revision: 'e5a7c9d1f3b5',
  downRevision: ['c3e5a7b9d1f3', 'd4f6b8c0e2a4'],
  message: 'merge health and legal domains',
  purpose: 'Joins the two domain branches so the graph has a single head again',
  impact: 'None: a merge point runs no statement',
  rollback: 'down() does nothing; downgrading it splits the graph back into its two heads',
  critical: false,
  async up() {},
  async down() {},
});
