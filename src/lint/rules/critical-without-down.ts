import type { LintRule } from '../rule.js';

/** A revision marked critical must be reversible. */
export const criticalWithoutDown: LintRule = {
  id: 'critical-without-down',
  code: 'DL202',
  title: 'critical revision without a down',
  severity: 'error',
  why: 'A critical revision is the one whose failure costs the most; without a working down() the only way back is a restore from backup.',
  fix: 'Write down() so that it undoes what up() does (and say in rollback what it cannot bring back).',
  checkRevision(ctx) {
    const r = ctx.revision;
    if (!r.meta.critical) return;
    if (!r.hasDown) ctx.report({ line: ctx.fieldLine('critical'), column: 1 }, `revision ${r.meta.id} is critical but has no down`);
    else if (ctx.downSteps === 0 && ctx.changes.length > 0) {
      ctx.report({ line: ctx.fieldLine('critical'), column: 1 }, `revision ${r.meta.id} is critical but its down does nothing`);
    }
  },
};
