/**
 * Column and key clauses as MySQL and MariaDB write them. MODIFY restates a whole column, so an
 * alterColumn carries over what it does not change from the column as it is.
 */
import { UsageError } from '../../core/errors.js';
import type { ColumnSpec, OperationOf, ReferentialAction } from '../../operations/operation.js';
import { constraintName } from '../../operations/constraint-names.js';
import type { ColumnModel } from '../../schema/schema-model.js';
import { isLongType, mysqlDefault, mysqlString, mysqlType } from './mysql-types.js';

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
  if (spec.comment !== undefined) parts.push(`COMMENT ${mysqlString(spec.comment)}`);
  return parts.join(' ');
}

/** The table-level keys and CHECKs of a createTable (its primary key aside), as constraint clauses. */
export function tableConstraints(op: OperationOf<'createTable'>): string[] {
  const list = (cols: readonly string[]) => cols.map(q).join(', ');
  return [
    ...(op.uniques ?? []).map((u) => `CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})`),
    ...(op.foreignKeys ?? []).map(
      (f) => `CONSTRAINT ${q(f.name)} FOREIGN KEY (${list(f.columns)}) REFERENCES ${q(f.refTable)} (${list(f.refColumns)})${actions(f.onDelete, f.onUpdate)}`,
    ),
    ...(op.checks ?? []).map((c) => `CONSTRAINT ${q(c.name)} CHECK (${c.expression})`),
  ];
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

/**
 * The column as MODIFY must restate it in full, with the change applied. Its comment is restated
 * too (from `current`), since MODIFY would otherwise silently drop it.
 */
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
  if (current?.comment) parts.push(`COMMENT ${mysqlString(current.comment)}`);
  return parts.join(' ');
}
