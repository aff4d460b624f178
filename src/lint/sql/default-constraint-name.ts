import { bare, constraintName } from '../../operations/constraint-names.js';
import type { ConstraintKind } from '../change.js';

/** The name PostgreSQL gives a constraint written without one, for messages and tracking. */
export function defaultConstraintName(table: string, kind: ConstraintKind, columns: readonly string[]): string {
  switch (kind) {
    case 'primaryKey':
      return constraintName.primaryKey(table);
    case 'unique':
      return constraintName.unique(table, columns);
    case 'foreignKey':
      return constraintName.foreignKey(table, columns);
    default:
      return `${bare(table)}${columns.length ? `_${columns.join('_')}` : ''}_${kind === 'notNull' ? 'not_null' : kind}`;
  }
}
