/**
 * Column and key clauses as MySQL and MariaDB write them. MODIFY restates a whole column, so an
 * alterColumn carries over what it does not change from the column as it is.
 */
import { UsageError } from '../../core/errors.js';
import type { ColumnSpec, OperationOf, ReferentialAction } from '../../operations/operation.js';
import { constraintName } from '../../operations/constraint-names.js';
import type { ColumnModel } from '../../schema/schema-model.js';
import { isLongType, mysqlDefault, mysqlType } from './mysql-types.js';

/** Quotes an identifier with backticks, doubling embedded ones; `db.table` is quoted per part. */
export function quoteBacktick(name: string): string {
  return name
    .split('.')
    .map((part) => `\`${part.replace(/`/g, '``')}\``)
    .join('.');
}

const q = quoteBacktick;

/** ON DELETE / ON UPDATE, both always written. */
export function actions(onDelete?: ReferentialAction, onUpdate?: ReferentialAction): string {
  // Written out even when not asked for: MySQL would report an unstated action as RESTRICT.
  return ` ON DELETE ${(onDelete ?? 'no action').toUpperCase()} ON UPDATE ${(onUpdate ?? 'no action').toUpperCase()}`;
}

/** A column as CREATE TABLE and ADD COLUMN write it. */
export function columnDefinition(name: string, spec: ColumnSpec): string {
  const type = mysqlType(spec.type);
  const parts = [q(name), type, spec.notNull || spec.primaryKey ? 'NOT NULL' : 'NULL'];
  if (spec.default !== undefined) parts.push(`DEFAULT ${mysqlDefault(spec.default, type)}`);
  if (spec.identity) parts.push('AUTO_INCREMENT');
  return parts.join(' ');
}

/** The keys a column spec declares, as table-level clauses (MySQL ignores an inline REFERENCES). */
export function columnKeys(table: string, name: string, spec: ColumnSpec): string[] {
  const out: string[] = [];
  if (spec.unique) out.push(`CONSTRAINT ${q(constraintName.unique(table, [name]))} UNIQUE (${q(name)})`);
  if (spec.references) {
    const r = spec.references;
    out.push(
      `CONSTRAINT ${q(r.name ?? constraintName.foreignKey(table, [name]))} FOREIGN KEY (${q(name)}) REFERENCES ${q(r.table)} (${q(r.column)})${actions(r.onDelete, r.onUpdate)}`,
    );
  }
  return out;
}

/** A default as the catalogue printed it, made valid after DEFAULT again for a column of `type`. */
function catalogueDefault(text: string, type: string): string {
  const literal = /^(?:'(?:[^']|'')*'|[+-]?\d+(?:\.\d+)?(?:e[+-]?\d+)?|null|current_timestamp(?:\(\d?\))?)$/i.test(text.trim());
  return literal && !isLongType(type) ? text : `(${text})`;
}

/** The column as MODIFY must restate it in full, with the change applied. */
export function modifiedColumn(op: OperationOf<'alterColumn'>, current: ColumnModel | undefined): string {
  const ch = op.change;
  const type = ch.type !== undefined ? mysqlType(ch.type) : current?.type;
  const notNull = ch.notNull ?? current?.notNull;
  if (type === undefined || notNull === undefined || (!('default' in ch) && !current)) {
    throw new UsageError(
      `alterColumn('${op.table}', '${op.column}') rewrites the whole column on MySQL, and the column is not known here (offline SQL); give type, notNull and default together`,
    );
  }
  const parts = [q(op.column), type, notNull ? 'NOT NULL' : 'NULL'];
  if ('default' in ch) {
    if (ch.default !== null && ch.default !== undefined) parts.push(`DEFAULT ${mysqlDefault(ch.default, type)}`);
  } else if (current?.default !== null && current?.default !== undefined) {
    parts.push(`DEFAULT ${catalogueDefault(current.default, type)}`);
  }
  if (current?.identity) parts.push('AUTO_INCREMENT');
  return parts.join(' ');
}
