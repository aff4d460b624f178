/** A type string split into its name and arguments: `numeric(10,2)` → `{ name: 'numeric', args: ['10','2'] }`. */
export interface ParsedType {
  readonly name: string;
  readonly args: readonly string[];
}

const PORTABLE = new Set([
  'integer', 'bigint', 'smallint', 'text', 'varchar', 'boolean', 'date', 'timestamp', 'timestamptz',
  'numeric', 'real', 'double', 'json', 'uuid', 'binary',
]);

/**
 * Parses a portable type, written in lower case (`text`, `varchar(40)`); returns undefined for any
 * other type string, which dialects pass verbatim. A type in upper case is the database's own and
 * is used as written: `TEXT` is MySQL's 64 KB TEXT where the portable `text` is LONGTEXT, `JSON` is
 * PostgreSQL's json where the portable `json` is jsonb.
 */
export function parsePortableType(type: string): ParsedType | undefined {
  const m = /^\s*([a-z]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/.exec(type);
  if (!m) return undefined;
  const name = m[1]!;
  if (!PORTABLE.has(name)) return undefined;
  const args = [m[2], m[3]].filter((a): a is string => a !== undefined);
  return { name, args };
}
