import type { LintRule } from '../rule.js';

/** A `dihya-ignore` comment that no longer silences anything. The engine reports it. */
export const unusedIgnore: LintRule = {
  id: 'unused-ignore',
  code: 'DL002',
  title: 'dihya-ignore comment that matches nothing',
  severity: 'warning',
  why: 'An ignore left behind after the code changed hides nothing today but will silently hide the next real problem at that place.',
  fix: 'Delete the comment, or move it to the line just above the statement or op call it is meant for.',
};
