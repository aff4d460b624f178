import type { ColumnFacts } from '../change.js';
import { named, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';
import { personalNameHint } from '../../gdpr/personal-names.js';

/** A column whose name looks personal, added while the personal-data map says nothing about it. */
export const unclassifiedPersonalColumn: LintRule = {
  id: 'unclassified-personal-column',
  code: 'DL302',
  title: 'personal-looking column missing from the personal-data map',
  severity: 'error',
  why:
    'A column that holds personal data and is missing from the map is left out of the record of processing (GDPR Art. 30), ' +
    'of subject access exports and of erasure: the data of a person who asked to be forgotten stays behind.',
  fix:
    "Annotate the column in the declared schema or env.ts dataMap: personal: { category, basis, retention, strategy }, or personal: false when it holds no personal data.",
  checkRevision(ctx) {
    const classified = ctx.project.classifiedColumns;
    if (!classified) return; // no declared schema or data map: nothing to compare with
    for (const lc of ctx.changes) {
      const c = lc.change;
      const added: ColumnFacts[] = c.kind === 'createTable' ? [...c.columns] : c.kind === 'addColumn' ? [c.column] : [];
      const table = c.kind === 'createTable' || c.kind === 'addColumn' ? c.table : '';
      for (const column of added) {
        const hint = personalNameHint(column.name);
        if (hint === undefined || classified.has(`${table}.${column.name}`.toLowerCase())) continue;
        ctx.report(
          placeOf(lc),
          `adds ${named(table, column.name)}, whose name suggests ${hint}, but the personal-data map does not classify it`,
        );
      }
    }
  },
};
