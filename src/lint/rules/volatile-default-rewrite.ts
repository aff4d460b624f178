import { named, onExistingTable, placeOf } from '../rule-helpers.js';
import type { LintRule } from '../rule.js';

/** Functions whose value changes per row: PostgreSQL must compute them for every existing row. */
const VOLATILE = new Set([
  'random', 'random_normal', 'setseed', 'gen_random_uuid', 'gen_random_bytes', 'uuid_generate_v1', 'uuid_generate_v1mc',
  'uuid_generate_v4', 'uuidv4', 'uuidv7', 'clock_timestamp', 'timeofday', 'nextval',
]);

/** ADD COLUMN whose default has to be computed row by row, which rewrites the table on PostgreSQL. */
export const volatileDefaultRewrite: LintRule = {
  id: 'volatile-default-rewrite',
  code: 'DL102',
  title: 'column added with a volatile default (table rewrite)',
  severity: 'error',
  dialects: ['postgres'],
  why:
    'Since PostgreSQL 11 a constant default is stored once in the catalogue, but a volatile one (random(), gen_random_uuid(), ' +
    'clock_timestamp(), a sequence) is computed for every row: the whole table and its indexes are rewritten while an ' +
    'ACCESS EXCLUSIVE lock blocks every read and write.',
  fix: 'Add the column without a default (or with a constant one), set the default for new rows with ALTER COLUMN … SET DEFAULT, and fill the existing rows in batches.',
  checkRevision(ctx) {
    for (const lc of ctx.changes) {
      const c = lc.change;
      if (c.kind !== 'addColumn' || !onExistingTable(lc)) continue;
      const col = c.column;
      const volatile = (col.defaultCalls ?? []).find((f) => VOLATILE.has(f));
      const what = volatile
        ? `a volatile default (${volatile}())`
        : /serial$/.test(col.type)
          ? `type ${col.type} (a sequence default)`
          : col.identity
            ? 'an identity (a sequence value per row)'
            : col.storedGenerated
              ? 'a stored generated value'
              : undefined;
      if (what) ctx.report(placeOf(lc), `adds ${named(c.table, col.name)} with ${what}: PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock`);
    }
  },
};
