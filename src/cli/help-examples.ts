/** Examples shown by `dihya help <command>` and `dihya <command> --help`. */
export const HELP_EXAMPLES: Record<string, string[]> = {
  init: ['dihya init', 'dihya init --dialect postgres --dir db/migrations', 'dihya init --ci github'],
  ci: ['dihya ci init github'],
  revision: ['dihya revision -m "add is_rgpd_deleted to users"', 'dihya revision -m "legal domain" --branch-label legal --head base', 'dihya revision -m "backfill" --sql', 'dihya revision --autogenerate -m "add invoices"'],
  upgrade: ['dihya upgrade', 'dihya upgrade +1', 'dihya upgrade health@head', 'dihya upgrade --sql > plan.sql', 'dihya upgrade --env production --require-applied-in staging'],
  downgrade: ['dihya downgrade -1', 'dihya downgrade 3f2a9c1e', 'dihya downgrade base', 'dihya downgrade --sql heads:base'],
  current: ['dihya current', 'dihya current --env staging --json'],
  heads: ['dihya heads', 'dihya heads --json'],
  branches: ['dihya branches'],
  history: ['dihya history', 'dihya history -r base:head', 'dihya history --json'],
  show: ['dihya show head', 'dihya show 3f2a'],
  merge: ['dihya merge heads -m "merge health and legal"', 'dihya merge 3f2a 9b1c -m "join branches"'],
  stamp: ['dihya stamp heads', 'dihya stamp base'],
  resolve: ['dihya resolve 3f2a9c1e7b4d --rolled-back', 'dihya resolve 3f2a9c1e7b4d --applied'],
  validate: ['dihya validate', 'dihya validate --env production --json'],
  lint: ['dihya lint', 'dihya lint head', 'dihya lint ae10:heads --dialect postgres', 'dihya lint --format sarif > dihya.sarif', 'dihya lint --json'],
  test: ['dihya test', 'dihya test --env staging --trace', 'dihya test --url postgres://ci@localhost:5432/app --json'],
  audit: ['dihya audit', 'dihya audit --since 2026-01-01', 'dihya audit verify'],
  status: ['dihya status', 'dihya status --env staging --env production'],
  check: ['dihya check', 'dihya check --env staging --json'],
  drift: ['dihya drift', 'dihya drift --env production --json'],
  schema: ['dihya schema dump > schema.ts', 'dihya schema dump --format sql', 'dihya schema dump --format json --env production'],
  gdpr: ['dihya gdpr map', 'dihya gdpr map --format markdown > processing-record.md', 'dihya gdpr map --env production --json', 'dihya gdpr scan', 'dihya gdpr scan --sample 1000 --env staging', 'dihya gdpr export --subject 42 --format csv --out subject-42.csv', 'dihya gdpr erase --subject 42 --dry-run', 'dihya gdpr erase --subject 42 --env production --json', 'dihya gdpr erase --subjects-file requests.txt', 'dihya gdpr purge --dry-run --env production', 'dihya gdpr replay --since 2026-03-01T02:00:00Z --env production'],
  docs: ['dihya docs', 'dihya docs --out site/migrations --env production'],
};

/** The text appended to a command's help. */
export function examplesText(command: string): string {
  const list = HELP_EXAMPLES[command];
  return list ? `\nExamples:\n${list.map((e) => `  $ ${e}`).join('\n')}\n` : '';
}
