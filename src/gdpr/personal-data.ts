/**
 * The personal-data map's vocabulary: what a column or table annotation may say under the key
 * `personal`, in the declared schema (`annotations: { personal: … }`) or in env.ts `dataMap`, and
 * the checks that turn a malformed annotation into one readable line.
 */
import { ConfigError } from '../core/errors.js';

/** The six lawful bases of GDPR Art. 6(1). */
export type LawfulBasis = 'consent' | 'contract' | 'legal-obligation' | 'vital-interests' | 'public-task' | 'legitimate-interests';

/** What erasing a subject does to a column (or, with `delete`, to the table's rows). */
export type ErasureStrategy = 'delete' | 'null' | 'anonymize' | 'pseudonymize' | 'soft-delete' | 'keep';

/** The lawful bases, in the order of Art. 6(1) (a) to (f). */
export const LAWFUL_BASES: readonly LawfulBasis[] = ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'];

/** The erasure strategies a column may declare. */
export const ERASURE_STRATEGIES: readonly ErasureStrategy[] = ['delete', 'null', 'anonymize', 'pseudonymize', 'soft-delete', 'keep'];

/**
 * A column that holds personal data.
 *
 * @example { category: 'user.contact.email', basis: 'contract', retention: 'P3Y', strategy: 'anonymize' }
 */
export interface PersonalColumn {
  /** A fideslang data category (`user.contact.email`, `user.name.first`, `user.health`, …). */
  readonly category: string;
  readonly basis?: LawfulBasis;
  /** How long the data is kept, as an ISO 8601 duration (`P3Y`, `P6M`, `P30D`). */
  readonly retention?: string;
  readonly strategy: ErasureStrategy;
}

/** A column's `personal` annotation: what it holds, or `false` for a column that holds no personal data. */
export type PersonalColumnAnnotation = PersonalColumn | false;

/**
 * How a table's rows reach the subject where no foreign key says so: this table's `column` equals
 * `references.table`.`references.column`.
 */
export interface SubjectLink {
  readonly column: string;
  readonly references: { readonly table: string; readonly column: string };
}

/**
 * A table's `personal` annotation. `subject` marks the one table whose rows are the data subjects;
 * `via` says how the table reaches it where no foreign key exists.
 *
 * @example { subject: 'id' }
 * @example { via: { column: 'author', references: { table: 'users', column: 'email' } }, strategy: 'delete' }
 */
export interface PersonalTable {
  /** The column identifying a subject: marks THE subject root. */
  readonly subject?: string;
  readonly via?: SubjectLink;
  readonly basis?: LawfulBasis;
  readonly retention?: string;
  /** `delete`: erasing the subject deletes this table's rows. */
  readonly strategy?: 'delete';
  /** The timestamp column that dates a row: `gdpr purge` applies the strategies to rows older than `retention`. */
  readonly agedBy?: string;
}

/** One table of env.ts `dataMap`: the same annotations as the declared schema carries. */
export interface DataMapTableConfig {
  readonly personal?: PersonalTable;
  readonly columns?: Readonly<Record<string, PersonalColumnAnnotation>>;
}

/**
 * env.ts `dataMap`, for tables written by hand in SQL; merged with the declared schema's annotations,
 * env.ts winning.
 *
 * @example
 * dataMap: { tables: { newsletter: { personal: { via: { column: 'user_id', references: { table: 'users', column: 'id' } } },
 *   columns: { email: { category: 'user.contact.email', basis: 'consent', retention: 'P2Y', strategy: 'delete' } } } } }
 */
export interface DataMapConfig {
  readonly tables: Readonly<Record<string, DataMapTableConfig>>;
}

// Years, months, weeks, days, then time: `P3Y`, `P1Y6M`, `P30D`, `PT12H`; at least one part.
const ISO_DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;
// fideslang keys are lower-case dotted words; personal data lives under `user`.
const CATEGORY = /^user(\.[a-z0-9_]+)*$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));

/**
 * Checks a column's `personal` annotation; throws one ConfigError naming `table.column` and what is wrong.
 *
 * @example validatePersonalColumn('users', 'email', { category: 'user.contact.email', strategy: 'anonymize' });
 */
export function validatePersonalColumn(table: string, column: string, value: unknown): PersonalColumnAnnotation {
  const where = `personal data map: ${table}.${column}`;
  if (value === false) return false;
  if (!isObject(value)) throw new ConfigError(`${where}: personal is ${shown(value)}; use false or { category, strategy, basis?, retention? }`);
  unknownKeys(where, value, ['category', 'basis', 'retention', 'strategy']);
  if (typeof value.category !== 'string' || !CATEGORY.test(value.category)) {
    throw new ConfigError(`${where}: category ${value.category === undefined ? 'is missing' : `${shown(value.category)} is not a fideslang user category`}; use a key such as 'user.contact.email'`);
  }
  if (!ERASURE_STRATEGIES.includes(value.strategy as ErasureStrategy)) {
    throw new ConfigError(`${where}: strategy ${value.strategy === undefined ? 'is missing' : `${shown(value.strategy)} is unknown`}; use one of ${ERASURE_STRATEGIES.join(', ')}`);
  }
  checkBasisAndRetention(where, value);
  return value as unknown as PersonalColumn;
}

/**
 * Checks a table's `personal` annotation; throws one ConfigError naming the table and what is wrong.
 *
 * @example validatePersonalTable('users', { subject: 'id' });
 */
export function validatePersonalTable(table: string, value: unknown): PersonalTable {
  const where = `personal data map: table ${table}`;
  if (!isObject(value)) throw new ConfigError(`${where}: personal is ${shown(value)}; use { subject } on the subject table, or { via, basis?, retention?, strategy? }`);
  unknownKeys(where, value, ['subject', 'via', 'basis', 'retention', 'strategy', 'agedBy']);
  if (value.agedBy !== undefined && (typeof value.agedBy !== 'string' || value.agedBy === '')) {
    throw new ConfigError(`${where}: agedBy is ${shown(value.agedBy)}; name the timestamp column that dates a row, e.g. agedBy: 'created_at'`);
  }
  if (value.subject !== undefined && (typeof value.subject !== 'string' || value.subject === '')) {
    throw new ConfigError(`${where}: subject is ${shown(value.subject)}; name the column that identifies a subject, e.g. subject: 'id'`);
  }
  if (value.subject !== undefined && value.via !== undefined) throw new ConfigError(`${where}: the subject table cannot also declare via; remove one of them`);
  if (value.via !== undefined) checkVia(where, value.via);
  if (value.strategy !== undefined && value.strategy !== 'delete') throw new ConfigError(`${where}: strategy ${shown(value.strategy)} is not a table strategy; use 'delete' or set strategies per column`);
  checkBasisAndRetention(where, value);
  return value as unknown as PersonalTable;
}

function checkVia(where: string, via: unknown): void {
  const ok = isObject(via) && typeof via.column === 'string' && via.column !== '' && isObject(via.references)
    && typeof via.references.table === 'string' && via.references.table !== '' && typeof via.references.column === 'string' && via.references.column !== '';
  if (!ok) throw new ConfigError(`${where}: via must be { column, references: { table, column } }, e.g. { column: 'user_id', references: { table: 'users', column: 'id' } }`);
}

function checkBasisAndRetention(where: string, value: Record<string, unknown>): void {
  if (value.basis !== undefined && !LAWFUL_BASES.includes(value.basis as LawfulBasis)) {
    throw new ConfigError(`${where}: basis ${shown(value.basis)} is not a GDPR Art. 6 basis; use one of ${LAWFUL_BASES.join(', ')}`);
  }
  if (value.retention !== undefined && (typeof value.retention !== 'string' || !ISO_DURATION.test(value.retention))) {
    throw new ConfigError(`${where}: retention ${shown(value.retention)} is not an ISO 8601 duration; write e.g. 'P3Y', 'P6M' or 'P30D'`);
  }
}

function unknownKeys(where: string, value: Record<string, unknown>, known: readonly string[]): void {
  const extra = Object.keys(value).filter((k) => !known.includes(k));
  if (extra.length) throw new ConfigError(`${where}: unknown key ${shown(extra[0])}; the keys are ${known.join(', ')}`);
}
