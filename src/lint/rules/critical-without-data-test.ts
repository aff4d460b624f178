import type { LintRule } from '../rule.js';

/** A revision marked critical must come with a data test beside it. */
export const criticalWithoutDataTest: LintRule = {
  id: 'critical-without-data-test',
  code: 'DL203',
  title: 'critical revision without a data test',
  severity: 'error',
  why: 'A critical revision changes data that matters; a data test that seeds rows and checks them after upgrade and downgrade is the proof that it keeps them right.',
  fix: 'Add a data test beside the revision, named after its file with `.data-test.ts` for the extension (`dihya test` runs it): seed rows before it, assert on them after its upgrade and after its downgrade.',
  checkRevision(ctx) {
    const r = ctx.revision;
    if (r.meta.critical && !r.hasDataTest) {
      ctx.report({ line: ctx.fieldLine('critical'), column: 1 }, `revision ${r.meta.id} is critical but has no data test (${r.dataTestFile})`);
    }
  },
};
