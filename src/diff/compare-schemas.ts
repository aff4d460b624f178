import type { SchemaModel } from '../schema/schema-model.js';
import type { SchemaNormalizer } from '../schema/schema-normalizer.js';
import { diffSchemas, type RenameHints } from './diff-schemas.js';
import type { SchemaChange } from './schema-change.js';

/** One way in which a database differs from what was expected of it, in words. */
export interface SchemaDifference {
  /** The object at fault: `table users`, `column users.email`, `index users_email_idx on users`. */
  readonly object: string;
  /** `missing`: expected, absent; `unexpected`: present, not expected; `changed`: both, not alike. */
  readonly change: 'missing' | 'unexpected' | 'changed';
  readonly detail: string;
}

/** Compares texts as they are: for two models read from the same kind of database. */
export const exactNormalizer: SchemaNormalizer = {
  storedColumn: (spec) => ({ type: spec.type, default: null, notNull: Boolean(spec.notNull), identity: Boolean(spec.identity) }),
  canonicalType: (t) => t,
  canonicalDefault: (d) => d,
  canonicalExpression: (e) => e.trim(),
  canonicalAction: (a) => a,
  comments: true,
};

/**
 * Lists how `actual` differs from `expected`, each difference naming its object.
 *
 * @example
 * compareSchemas(snapshotBefore, snapshotAfterDowngrade)
 * // [{ object: 'index users_email_idx on users', change: 'unexpected', detail: 'the database has it; expected no such index' }]
 */
export function compareSchemas(expected: SchemaModel, actual: SchemaModel, normalizer: SchemaNormalizer = exactNormalizer, hints?: RenameHints): SchemaDifference[] {
  return diffSchemas(actual, expected, normalizer, hints).changes.map(describeChange);
}

const show = (v: unknown) => (v === null || v === undefined ? 'none' : typeof v === 'string' ? v : JSON.stringify(v));

/** A change from the database towards the expectation, told as a difference. */
export function describeChange(c: SchemaChange): SchemaDifference {
  const missing = (object: string): SchemaDifference => ({ object, change: 'missing', detail: 'expected, but the database lacks it' });
  const unexpected = (object: string): SchemaDifference => ({ object, change: 'unexpected', detail: 'the database has it, but it is not expected' });
  switch (c.kind) {
    case 'addTable':
      return missing(`table ${c.table.name}`);
    case 'dropTable':
      return unexpected(`table ${c.table.name}`);
    case 'renameTable':
      return { object: `table ${c.to}`, change: 'changed', detail: `the database still calls it ${c.from}` };
    case 'addColumn':
      return missing(`column ${c.table}.${c.column.name}`);
    case 'dropColumn':
      return unexpected(`column ${c.table}.${c.column.name}`);
    case 'renameColumn':
      return { object: `column ${c.table}.${c.to}`, change: 'changed', detail: `the database still calls it ${c.from}` };
    case 'alterColumn':
      return {
        object: `column ${c.table}.${c.to.name}`,
        change: 'changed',
        detail: c.fields.map((f) => `${f}: database ${show(c.from[f])}, expected ${show(c.to[f])}`).join('; '),
      };
    case 'changePrimaryKey':
      return { object: `primary key of ${c.table}`, change: 'changed', detail: `database (${c.from?.columns.join(', ') ?? 'none'}), expected (${c.to?.columns.join(', ') ?? 'none'})` };
    case 'addIndex':
      return missing(`index ${c.index.name} on ${c.table}`);
    case 'dropIndex':
      return unexpected(`index ${c.index.name} on ${c.table}`);
    case 'addUnique':
      return missing(`unique constraint ${c.unique.name} on ${c.table}`);
    case 'dropUnique':
      return unexpected(`unique constraint ${c.unique.name} on ${c.table}`);
    case 'addForeignKey':
      return missing(`foreign key ${c.foreignKey.name} on ${c.table}`);
    case 'dropForeignKey':
      return unexpected(`foreign key ${c.foreignKey.name} on ${c.table}`);
    case 'addCheck':
      return missing(`check ${c.check.name} on ${c.table}`);
    case 'dropCheck':
      return unexpected(`check ${c.check.name} on ${c.table}`);
    case 'setTableComment':
      return { object: `comment on table ${c.table}`, change: 'changed', detail: `database ${show(c.from)}, expected ${show(c.to)}` };
    case 'setColumnComment':
      return { object: `comment on column ${c.table}.${c.column}`, change: 'changed', detail: `database ${show(c.from)}, expected ${show(c.to)}` };
  }
}
