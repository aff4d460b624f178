import type { LintRule } from '../rule.js';

const FIELDS = ['purpose', 'impact', 'rollback'] as const;

/** Texts that say nothing: placeholders people type to get past a required field. */
const PLACEHOLDERS = new Set(['todo', 'tbd', 'tba', 'fixme', 'n/a', 'na', 'none', 'nothing', '-', '--', '.', '...', '…', '?', 'xxx', 'wip', 'test', 'lorem ipsum']);

/** The text is missing, a placeholder, the template's default, or too short to say anything. */
function isTrivialText(text: string, templateTexts: readonly string[]): boolean {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t.length < 8) return true;
  if (PLACEHOLDERS.has(t) || /^(todo|tbd|fixme)\b/.test(t)) return true;
  return templateTexts.some((d) => d.trim().toLowerCase().replace(/\s+/g, ' ') === t);
}

/** Every revision says why it exists, what it does to the database, and how to undo it. */
export const revisionTexts: LintRule = {
  id: 'revision-texts',
  code: 'DL201',
  title: 'purpose, impact or rollback missing',
  severity: 'error',
  why:
    'The purpose, impact and rollback texts are what a reviewer, an operator at 3 a.m. and an auditor read: a revision without ' +
    'them cannot be reviewed, run safely or undone knowingly.',
  fix: 'Write one or two real sentences: why the change exists, what it does to the database and the running application (locks, rewrites, data), how to undo it and what is lost.',
  checkRevision(ctx) {
    for (const field of FIELDS) {
      const text = ctx.revision.meta[field];
      if (!isTrivialText(text, ctx.project.templateTexts)) continue;
      const state = text.trim() === '' ? 'is empty' : `says only "${text.trim().slice(0, 40)}"`;
      ctx.report({ line: ctx.fieldLine(field), column: 1 }, `${field} ${state}`);
    }
  },
};
