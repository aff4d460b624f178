import type { LintRule } from '../rule.js';

/** A `dihya-ignore` comment without a reason or naming no known rule. The engine reports it. */
export const invalidIgnore: LintRule = {
  id: 'invalid-ignore',
  code: 'DL003',
  title: 'dihya-ignore comment without a rule or a reason',
  severity: 'error',
  why: 'An ignore is an exception to a safety rule; without the rule it names and the reason, a reviewer cannot tell whether the exception is justified. It silences nothing until fixed.',
  fix: 'Write it as `-- dihya-ignore <rule-id>: <reason>` (or `// …` in TypeScript), with a rule id from docs/rules.',
};
