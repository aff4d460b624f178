/** A type string split into its name and arguments: `numeric(10,2)` → `{ name: 'numeric', args: ['10','2'] }`. */
export interface ParsedType {
  readonly name: string;
  readonly args: readonly string[];
}

const PORTABLE = new Set([
  'integer', 'bigint', 'smallint', 'text', 'varchar', 'boolean', 'date', 'timestamp', 'timestamptz',
  'numeric', 'real', 'double', 'json', 'uuid', 'binary',
]);

/** Parses a portable type; returns undefined for any other type string, which dialects pass verbatim. */
export function parsePortableType(type: string): ParsedType | undefined {
  const m = /^\s*([a-z]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/i.exec(type);
  if (!m) return undefined;
  const name = m[1]!.toLowerCase();
  if (!PORTABLE.has(name)) return undefined;
  const args = [m[2], m[3]].filter((a): a is string => a !== undefined);
  return { name, args };
}
