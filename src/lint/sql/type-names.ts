/** A column type reduced to a canonical name and its numeric arguments: `character varying(20)` → `varchar` [20]. */
export interface CanonicalType {
  readonly name: string;
  readonly args: readonly number[];
}

const ALIASES: Record<string, string> = {
  int: 'int4', integer: 'int4', int4: 'int4', mediumint: 'int4',
  smallint: 'int2', int2: 'int2', tinyint: 'int2',
  bigint: 'int8', int8: 'int8',
  serial: 'serial', serial4: 'serial', bigserial: 'bigserial', serial8: 'bigserial', smallserial: 'smallserial', serial2: 'smallserial',
  varchar: 'varchar', 'character varying': 'varchar', nvarchar: 'varchar', 'national varchar': 'varchar',
  char: 'bpchar', character: 'bpchar', bpchar: 'bpchar', nchar: 'bpchar',
  text: 'text', tinytext: 'text', mediumtext: 'text', longtext: 'text',
  numeric: 'numeric', decimal: 'numeric', dec: 'numeric',
  double: 'float8', 'double precision': 'float8', float8: 'float8', float: 'float8', real: 'float4', float4: 'float4',
  boolean: 'bool', bool: 'bool',
  timestamp: 'timestamp', 'timestamp without time zone': 'timestamp', datetime: 'timestamp',
  timestamptz: 'timestamptz', 'timestamp with time zone': 'timestamptz',
  binary: 'bytea', bytea: 'bytea', blob: 'bytea', varbinary: 'bytea', longblob: 'bytea',
};

/**
 * Reads a type as written in an `op` column spec or in SQL (`varchar(50)`, `int4`, `numeric(10, 2)`,
 * `timestamp(3) with time zone`, `INT UNSIGNED`).
 *
 * @example canonicalType('character varying(255)'); // { name: 'varchar', args: [255] }
 */
export function canonicalType(type: string): CanonicalType {
  const text = type.trim().toLowerCase().replace(/^pg_catalog\./, '').replace(/\s+(unsigned|signed|zerofill)\b/g, '').replace(/\s+/g, ' ');
  const m = /^([a-z_][a-z0-9_ ]*?)\s*(?:\(([^)]*)\)\s*([a-z ]*))?$/.exec(text);
  if (!m) return { name: text, args: [] };
  const base = [m[1]!.trim(), (m[3] ?? '').trim()].filter(Boolean).join(' ');
  const args = (m[2] ?? '').split(',').map((a) => Number(a.trim())).filter((n) => Number.isFinite(n) && (m[2] ?? '').trim() !== '');
  const name = ALIASES[base] ?? ALIASES[m[1]!.trim()] ?? base;
  return { name, args };
}

/** Integer types of 32 bits or fewer, the ones a growing key outruns. */
export function isSmallInteger(type: string): boolean {
  return ['int4', 'int2', 'serial', 'smallserial'].includes(canonicalType(type).name);
}

/**
 * Whether PostgreSQL changes the type without rewriting the table or scanning it: a wider
 * `varchar`, `varchar` to `text`, a wider `numeric` with the same scale, `cidr` to `inet`.
 *
 * @example postgresCastIsSafe('varchar(50)', 'text'); // true
 * @example postgresCastIsSafe('integer', 'bigint'); // false: the table is rewritten
 */
export function postgresCastIsSafe(from: string, to: string): boolean {
  const a = canonicalType(from);
  const b = canonicalType(to);
  if (a.name === b.name && a.args.join(',') === b.args.join(',')) return true;
  if (a.name === 'varchar' && b.name === 'varchar') return b.args.length === 0 || (a.args.length > 0 && b.args[0]! >= a.args[0]!);
  if (a.name === 'varchar' && b.name === 'text') return true;
  if (a.name === 'text' && b.name === 'varchar') return b.args.length === 0;
  if (a.name === 'numeric' && b.name === 'numeric') {
    if (b.args.length === 0) return true;
    return a.args.length > 0 && b.args[0]! >= a.args[0]! && (b.args[1] ?? 0) === (a.args[1] ?? 0);
  }
  return a.name === 'cidr' && b.name === 'inet';
}

/**
 * Whether MySQL/InnoDB changes the type in place: only a longer VARCHAR whose length still fits the
 * same number of length bytes (with utf8mb4, up to 63 characters or from 64 on).
 *
 * @example mysqlTypeChangeInPlace('varchar(20)', 'varchar(40)'); // true
 */
export function mysqlTypeChangeInPlace(from: string, to: string): boolean {
  const a = canonicalType(from);
  const b = canonicalType(to);
  if (a.name === b.name && a.args.join(',') === b.args.join(',')) return true;
  if (a.name !== 'varchar' || b.name !== 'varchar' || a.args.length === 0 || b.args.length === 0) return false;
  const [n, m] = [a.args[0]!, b.args[0]!];
  return m >= n && (n * 4 <= 255) === (m * 4 <= 255);
}
