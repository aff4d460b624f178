import { parsePortableType } from '../../operations/portable-type.js';

/** Maps a portable type to PostgreSQL; any other type string passes through verbatim. */
export function postgresType(type: string): string {
  const t = parsePortableType(type);
  if (!t) return type;
  const [a, b] = t.args;
  switch (t.name) {
    case 'varchar':
      return a ? `varchar(${a})` : 'varchar';
    case 'numeric':
      return a ? `numeric(${a}${b ? `,${b}` : ''})` : 'numeric';
    case 'double':
      return 'double precision';
    case 'json':
      return 'jsonb';
    case 'binary':
      return 'bytea';
    default:
      return t.name;
  }
}
