import type { AlterTableCmd, Constraint, CreateStmt, DropStmt, IndexStmt, Node, RenameStmt, VariableSetStmt } from 'libpg-query';
import type { Change, ConstraintKind } from '../change.js';
import { defaultConstraintName } from './default-constraint-name.js';
import { columnFromDef, constraintsOf, relationName, stringsOf } from './pg-columns.js';

const CONSTRAINT_KINDS: Partial<Record<string, ConstraintKind>> = {
  CONSTR_FOREIGN: 'foreignKey', CONSTR_CHECK: 'check', CONSTR_UNIQUE: 'unique',
  CONSTR_PRIMARY: 'primaryKey', CONSTR_EXCLUSION: 'exclude', CONSTR_NOTNULL: 'notNull',
};

/**
 * The changes one statement of PostgreSQL's parse tree makes. Statements the rules have no
 * interest in (views, functions, grants…) become a single `other` change.
 *
 * @example changesOfPgStatement(parseSync('DROP TABLE t').stmts[0].stmt); // [{ kind: 'dropTable', table: 't' }]
 */
export function changesOfPgStatement(stmt: Node): Change[] {
  if ('CreateStmt' in stmt) return createTable(stmt.CreateStmt);
  if ('AlterTableStmt' in stmt) {
    const s = stmt.AlterTableStmt;
    if (s.objtype !== 'OBJECT_TABLE') return [{ kind: 'other', what: 'ALTER of a non-table object' }];
    const table = relationName(s.relation);
    return (s.cmds ?? []).flatMap((c) => ('AlterTableCmd' in c ? alterTable(table, c.AlterTableCmd) : []));
  }
  if ('IndexStmt' in stmt) return [createIndex(stmt.IndexStmt)];
  if ('DropStmt' in stmt) return drop(stmt.DropStmt);
  if ('RenameStmt' in stmt) return [rename(stmt.RenameStmt)];
  if ('VariableSetStmt' in stmt) return [setting(stmt.VariableSetStmt)];
  if ('InsertStmt' in stmt) return [{ kind: 'data', verb: 'insert', table: relationName(stmt.InsertStmt.relation) }];
  if ('UpdateStmt' in stmt) return [{ kind: 'data', verb: 'update', table: relationName(stmt.UpdateStmt.relation) }];
  if ('DeleteStmt' in stmt) return [{ kind: 'data', verb: 'delete', table: relationName(stmt.DeleteStmt.relation) }];
  if ('SelectStmt' in stmt) return [{ kind: 'data', verb: 'select' }];
  return [{ kind: 'other', what: Object.keys(stmt)[0] ?? 'statement' }];
}

function createTable(s: CreateStmt): Change[] {
  const table = relationName(s.relation);
  const elements = s.tableElts ?? [];
  const tableConstraints = constraintsOf(elements);
  let primaryKey = tableConstraints.filter((c) => c.contype === 'CONSTR_PRIMARY').flatMap((c) => stringsOf(c.keys));
  const columns = elements.flatMap((e) => ('ColumnDef' in e ? [columnFromDef(e.ColumnDef, primaryKey)] : []));
  if (primaryKey.length === 0) primaryKey = columns.filter((c) => c.primaryKey).map((c) => c.name);
  // Table-level keys and checks are part of the new table: the schema tracker follows them.
  const others = tableConstraints.filter((c) => c.contype !== 'CONSTR_PRIMARY').map((c) => addConstraint(table, c));
  return [{ kind: 'createTable', table, columns, primaryKey }, ...others];
}

function alterTable(table: string, cmd: AlterTableCmd): Change[] {
  const column = cmd.name ?? '?';
  switch (cmd.subtype) {
    case 'AT_AddColumn':
      return cmd.def && 'ColumnDef' in cmd.def ? [{ kind: 'addColumn', table, column: columnFromDef(cmd.def.ColumnDef) }] : [];
    case 'AT_DropColumn':
      return [{ kind: 'dropColumn', table, column }];
    case 'AT_AlterColumnType': {
      const type = cmd.def && 'ColumnDef' in cmd.def ? columnFromDef(cmd.def.ColumnDef).type : '';
      return [{ kind: 'alterColumnType', table, column, type }];
    }
    case 'AT_SetNotNull':
      return [{ kind: 'setNotNull', table, column }];
    case 'AT_DropNotNull':
      return [{ kind: 'dropNotNull', table, column }];
    case 'AT_ColumnDefault':
      return [{ kind: 'setDefault', table, column }];
    case 'AT_AddConstraint':
      return cmd.def && 'Constraint' in cmd.def ? [addConstraint(table, cmd.def.Constraint)] : [];
    case 'AT_ValidateConstraint':
      return [{ kind: 'validateConstraint', table, name: column }];
    case 'AT_DropConstraint':
      return [{ kind: 'dropConstraint', table, name: column, primaryKey: /_pkey$/.test(column) }];
    default:
      return [{ kind: 'other', what: `ALTER TABLE ${cmd.subtype ?? ''}` }];
  }
}

function addConstraint(table: string, c: Constraint): Change {
  const constraint = CONSTRAINT_KINDS[c.contype ?? ''] ?? 'check';
  const test = c.raw_expr && 'NullTest' in c.raw_expr ? c.raw_expr.NullTest : undefined;
  const tested = test?.nulltesttype === 'IS_NOT_NULL' && test.arg && 'ColumnRef' in test.arg ? stringsOf(test.arg.ColumnRef.fields) : [];
  const columns = stringsOf(c.keys ?? c.fk_attrs);
  return {
    kind: 'addConstraint',
    table,
    name: c.conname ?? defaultConstraintName(table, constraint, columns),
    constraint,
    notValid: c.skip_validation === true,
    usingIndex: c.indexname !== undefined,
    columns,
    ...(tested.length === 1 ? { notNullColumn: tested[0]! } : {}),
    ...(c.pktable ? { refTable: relationName(c.pktable) } : {}),
  };
}

function createIndex(s: IndexStmt): Change {
  const elems = (s.indexParams ?? []).flatMap((p) => ('IndexElem' in p ? [p.IndexElem] : []));
  const names = elems.map((e) => e.name);
  const columns = names.every((n): n is string => n !== undefined) && !s.whereClause ? { columns: names } : {};
  return { kind: 'createIndex', table: relationName(s.relation), name: s.idxname ?? '', unique: s.unique === true, concurrently: s.concurrent === true, ...columns };
}

function drop(s: DropStmt): Change[] {
  const names = (s.objects ?? []).map((o) => ('List' in o ? stringsOf(o.List.items).filter((n) => n !== 'public').join('.') : ''));
  if (s.removeType === 'OBJECT_TABLE') return names.map((table) => ({ kind: 'dropTable', table }));
  if (s.removeType === 'OBJECT_INDEX') return names.map((name) => ({ kind: 'dropIndex', name, concurrently: s.concurrent === true }));
  return [{ kind: 'other', what: `DROP ${s.removeType ?? ''}` }];
}

function rename(s: RenameStmt): Change {
  const table = relationName(s.relation);
  if (s.renameType === 'OBJECT_TABLE') return { kind: 'renameTable', table, to: s.newname ?? '?' };
  if (s.renameType === 'OBJECT_COLUMN' && s.relationType === 'OBJECT_TABLE') {
    return { kind: 'renameColumn', table, column: s.subname ?? '?', to: s.newname ?? '?' };
  }
  return { kind: 'other', what: `RENAME ${s.renameType ?? ''}` };
}

function setting(s: VariableSetStmt): Change {
  const value = (s.args ?? [])
    .map((a) => ('A_Const' in a ? (a.A_Const.sval?.sval ?? String(a.A_Const.ival?.ival ?? 0)) : ''))
    .join(',');
  return { kind: 'setting', name: (s.name ?? '').toLowerCase(), value: s.kind === 'VAR_SET_VALUE' ? value : s.kind === 'VAR_RESET' ? '' : value };
}
