import type { SchemaNormalizer } from '../../schema/schema-normalizer.js';
import { canonicalDefault, canonicalExpression } from '../../schema/canonical-sql.js';
import { sqliteDefault, sqliteType } from './sqlite-types.js';

/** SQLite keeps the declared type name; only spacing and case can differ. */
function canonicalType(type: string): string {
  return type.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')');
}

/**
 * How SQLite stores a declared schema: the declared type name as written (portable types mapped as
 * `op` maps them), booleans as 1/0, an identity only on a sole INTEGER primary key, and no comments.
 */
export const sqliteNormalizer: SchemaNormalizer = {
  storedColumn(spec, key) {
    const identity = Boolean(spec.identity && key.soleKey);
    return {
      type: sqliteType(spec.type, identity).toLowerCase(),
      default: spec.default === undefined ? null : sqliteDefault(spec.default),
      notNull: Boolean(spec.notNull || key.inPrimaryKey),
      identity,
    };
  },
  canonicalType,
  canonicalDefault: (sql) => canonicalDefault(sql, { booleansAsNumbers: true, unquoteNumbers: false }),
  canonicalExpression,
  canonicalAction: (a) => a.toLowerCase(),
  comments: false,
};
