import type { SchemaNormalizer } from '../../schema/schema-normalizer.js';
import { canonicalDefault, canonicalExpression } from '../../schema/canonical-sql.js';
import { postgresDefault } from './postgres-renderer.js';
import { postgresType } from './postgres-types.js';

/** PostgreSQL's own names for the aliases `format_type` never prints, and the short forms we compare on. */
const ALIASES: Array<[RegExp, string]> = [
  [/^(int4|int|integer|serial|serial4)$/, 'integer'],
  [/^(int8|bigint|bigserial|serial8)$/, 'bigint'],
  [/^(int2|smallint|smallserial|serial2)$/, 'smallint'],
  [/^(bool|boolean)$/, 'boolean'],
  [/^(float8|double precision|double)$/, 'double precision'],
  [/^(float4|real)$/, 'real'],
  [/^(character varying|varchar)\b/, 'varchar'],
  [/^(character|char|bpchar)\b(?! varying)/, 'char'],
  [/^(decimal|numeric)\b/, 'numeric'],
  [/^timestamp\s*(\(\d+\))?\s+without time zone$/, 'timestamp$1'],
  [/^timestamp\s*(\(\d+\))?\s+with time zone$/, 'timestamptz$1'],
  [/^timestamptz$/, 'timestamptz'],
  [/^time\s*(\(\d+\))?\s+without time zone$/, 'time$1'],
  [/^time\s*(\(\d+\))?\s+with time zone$/, 'timetz$1'],
];

function canonicalType(type: string): string {
  const t = type.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*\(\s*/g, '(').replace(/\s*,\s*/g, ',').replace(/\s*\)/g, ')');
  for (const [re, to] of ALIASES) if (re.test(t)) return t.replace(re, to);
  return t;
}

const NUMERIC_TYPE = /^(integer|bigint|smallint|numeric|real|double precision)/;

/**
 * PostgreSQL prints defaults with casts (`'x'::character varying`, `'-1'::integer`) and quotes
 * some numbers; the canonical form drops the casts, and the quotes around numbers of numeric columns.
 */
function canonicalPostgresDefault(sql: string | null, type: string): string | null {
  return canonicalDefault(sql, { booleansAsNumbers: false, unquoteNumbers: NUMERIC_TYPE.test(canonicalType(type)) });
}

/** How PostgreSQL and PGlite store and print a declared schema. */
export const postgresNormalizer: SchemaNormalizer = {
  storedColumn(spec, key) {
    return {
      type: postgresType(spec.type),
      default: spec.identity || spec.default === undefined || spec.default === null ? null : postgresDefault(spec.default),
      notNull: Boolean(spec.notNull || key.inPrimaryKey || spec.identity),
      identity: Boolean(spec.identity),
    };
  },
  canonicalType,
  canonicalDefault: canonicalPostgresDefault,
  canonicalExpression,
  canonicalAction: (a) => a.toLowerCase(),
  comments: true,
};
