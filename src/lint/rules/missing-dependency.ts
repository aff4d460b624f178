import type { LintRule } from '../rule.js';

/** `dependsOn` naming neither a revision nor a branch label. */
export const missingDependency: LintRule = {
  id: 'missing-dependency',
  code: 'DL204',
  title: 'dependsOn names no revision',
  severity: 'error',
  why: 'A revision that depends on something that does not exist cannot be placed in the graph: every command that reads the graph refuses to run.',
  fix: 'Name an existing revision id or branch label in dependsOn (`-- dihya:depends-on` in SQL), or restore the missing revision file.',
  checkRevision(ctx) {
    for (const d of ctx.revision.meta.dependsOn) {
      if (!ctx.project.knownTargets.has(d)) ctx.report({ line: ctx.fieldLine('dependsOn'), column: 1 }, `dependsOn names '${d}', which is neither a revision nor a branch label`);
    }
  },
};
