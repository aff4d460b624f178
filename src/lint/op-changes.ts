import type { ColumnSpec, DefaultValue, OperationKind, OperationOf } from '../operations/operation.js';
import type { Change, ColumnFacts } from './change.js';
import { functionCalls } from './sql/function-calls.js';

type Mappers = { [K in OperationKind]: (op: OperationOf<K>) => Change[] };

/** A column spec of `op.createTable` / `op.addColumn` as the rules see it. */
export function columnFromSpec(name: string, spec: ColumnSpec, inPrimaryKey = false): ColumnFacts {
  const d = defaultFacts(spec.default);
  return {
    name,
    type: spec.type.trim().toLowerCase(),
    notNull: spec.notNull === true || spec.primaryKey === true || inPrimaryKey,
    primaryKey: spec.primaryKey === true || inPrimaryKey,
    identity: spec.identity === true,
    unique: spec.unique === true,
    ...d,
    ...(spec.references ? { references: spec.references.table } : {}),
  };
}

function defaultFacts(value: DefaultValue | undefined): Pick<ColumnFacts, 'default' | 'defaultCalls' | 'defaultIsExpression'> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object') return { default: value.sql, defaultCalls: functionCalls(value.sql), defaultIsExpression: true };
  return { default: JSON.stringify(value), defaultCalls: [], defaultIsExpression: false };
}

/**
 * One mapper per operation kind, so a new kind is a compile error here until the linter knows
 * what it does. `execute` yields nothing: its SQL is parsed separately.
 */
const MAPPERS: Mappers = {
  createTable(op) {
    const pk = op.primaryKey?.columns ?? Object.entries(op.columns).filter(([, s]) => s.primaryKey).map(([n]) => n);
    const table = op.table;
    const base = { kind: 'addConstraint', table, notValid: false, usingIndex: false } as const;
    return [
      { kind: 'createTable', table, columns: Object.entries(op.columns).map(([n, s]) => columnFromSpec(n, s, pk.includes(n))), primaryKey: pk },
      // Written inside the CREATE TABLE: reported nowhere, but the schema tracker follows them.
      ...(op.uniques ?? []).map((u): Change => ({ ...base, name: u.name, constraint: 'unique', columns: u.columns })),
      ...(op.foreignKeys ?? []).map((f): Change => ({ ...base, name: f.name, constraint: 'foreignKey', columns: f.columns, refTable: f.refTable })),
      ...(op.checks ?? []).map((c): Change => ({ ...base, name: c.name, constraint: 'check', columns: [] })),
    ];
  },
  dropTable: (op) => [{ kind: 'dropTable', table: op.table }],
  renameTable: (op) => [{ kind: 'renameTable', table: op.from, to: op.to }],
  addColumn: (op) => [{ kind: 'addColumn', table: op.table, column: columnFromSpec(op.column, op.spec) }],
  dropColumn: (op) => [{ kind: 'dropColumn', table: op.table, column: op.column }],
  renameColumn: (op) => [{ kind: 'renameColumn', table: op.table, column: op.from, to: op.to }],
  alterColumn(op) {
    const out: Change[] = [];
    const { table, column, change } = op;
    if (change.type !== undefined) out.push({ kind: 'alterColumnType', table, column, type: change.type.trim().toLowerCase() });
    if (change.notNull === true) out.push({ kind: 'setNotNull', table, column });
    if (change.notNull === false) out.push({ kind: 'dropNotNull', table, column });
    if ('default' in change) out.push({ kind: 'setDefault', table, column });
    return out;
  },
  createIndex: (op) => [{ kind: 'createIndex', table: op.table, name: op.name, unique: op.unique, concurrently: op.concurrently, columns: op.columns }],
  dropIndex: (op) => [{ kind: 'dropIndex', name: op.name, concurrently: false, ...(op.table ? { table: op.table } : {}) }],
  addForeignKey: (op) => [
    { kind: 'addConstraint', table: op.table, name: op.name, constraint: 'foreignKey', notValid: false, usingIndex: false, columns: op.columns, refTable: op.refTable },
  ],
  addUniqueConstraint: (op) => [
    { kind: 'addConstraint', table: op.table, name: op.name, constraint: 'unique', notValid: false, usingIndex: false, columns: op.columns },
  ],
  addCheckConstraint(op) {
    const notNull = /^\s*\(?\s*"?([A-Za-z_][\w$]*)"?\s+is\s+not\s+null\s*\)?\s*$/i.exec(op.expression);
    return [
      {
        kind: 'addConstraint', table: op.table, name: op.name, constraint: 'check', notValid: false, usingIndex: false, columns: [],
        ...(notNull ? { notNullColumn: notNull[1]! } : {}),
      },
    ];
  },
  dropConstraint: (op) => [{ kind: 'dropConstraint', table: op.table, name: op.name, primaryKey: /_pkey$/.test(op.name) }],
  setTableComment: (op) => [{ kind: 'other', what: `comment on ${op.table}` }],
  setColumnComment: (op) => [{ kind: 'other', what: `comment on ${op.table}.${op.column}` }],
  execute: () => [],
  bulkInsert: (op) => [{ kind: 'data', verb: 'insert', table: op.table }],
  anonymizeColumn: (op) => [{ kind: 'data', verb: 'update', table: op.table }],
};

/**
 * The changes one recorded operation makes.
 *
 * @example
 * changesOfOperation({ kind: 'dropColumn', table: 'users', column: 'email' });
 * // [{ kind: 'dropColumn', table: 'users', column: 'email' }]
 */
export function changesOfOperation(op: OperationOf<OperationKind>): Change[] {
  return (MAPPERS[op.kind] as (o: OperationOf<OperationKind>) => Change[])(op);
}
