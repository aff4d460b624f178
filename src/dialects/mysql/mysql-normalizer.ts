import type { SchemaNormalizer } from '../../schema/schema-normalizer.js';
import { canonicalDefault, canonicalExpression } from '../../schema/canonical-sql.js';
import { mysqlDefault, mysqlType } from './mysql-types.js';

const ALIASES: Array<[RegExp, string]> = [
  [/^(bool|boolean)$/, 'tinyint(1)'],
  [/^(int|integer|int4)$/, 'int'],
  [/^(bigint|int8)$/, 'bigint'],
  [/^(smallint|int2)$/, 'smallint'],
  [/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)(?<!tinyint\(1\))/, '$1'],
  [/^(numeric|decimal|dec|fixed)\b/, 'decimal'],
  [/^(double precision|double|real|float8)$/, 'double'],
  [/^float4$/, 'float'],
  [/^character varying\b/, 'varchar'],
  [/^character\b/, 'char'],
];

function canonicalType(type: string): string {
  // The character set and collation are not part of the type MySQL reports (COLUMN_TYPE).
  let t = type.trim().toLowerCase().replace(/\s+(character set|charset|collate)\s+\w+/g, '').replace(/\s+/g, ' ').replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')');
  for (const [re, to] of ALIASES) t = t.replace(re, to);
  if (t === 'decimal') return 'decimal(10,0)';
  return t;
}

/** How MySQL and MariaDB store a declared schema. RESTRICT and NO ACTION are the same action there. */
export const mysqlNormalizer: SchemaNormalizer = {
  storedColumn(spec, key) {
    const type = mysqlType(spec.type);
    return {
      type,
      default: spec.identity || spec.default === undefined ? null : mysqlDefault(spec.default, type),
      notNull: Boolean(spec.notNull || key.inPrimaryKey),
      identity: Boolean(spec.identity),
    };
  },
  canonicalType,
  // MySQL prints booleans as 1/0 and decimals with their scale (`1.50`).
  canonicalDefault: (sql) => canonicalDefault(sql, { booleansAsNumbers: true, unquoteNumbers: true }),
  canonicalExpression,
  canonicalAction: (a) => (a.toLowerCase() === 'restrict' ? 'no action' : a.toLowerCase()),
  comments: true,
};
