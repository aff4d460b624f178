import type { ColumnDef, Constraint, Node, RangeVar, TypeName } from 'libpg-query';
import type { ColumnFacts } from '../change.js';

/** `schema.table` as written, without the default `public.` schema. */
export function relationName(r: RangeVar | undefined): string {
  if (!r) return '?';
  const schema = r.schemaname && r.schemaname !== 'public' ? `${r.schemaname}.` : '';
  return `${schema}${r.relname ?? '?'}`;
}

/** The strings of a list of `String` nodes (`names`, `fk_attrs`, …). */
export function stringsOf(nodes: readonly Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((n) => ('String' in n && n.String.sval !== undefined ? [n.String.sval] : []));
}

/** A type name as PostgreSQL stores it, without `pg_catalog.`: `varchar(50)`, `int8`, `numeric(10,2)`, `text[]`. */
export function typeText(t: TypeName | undefined): string {
  if (!t) return '';
  const names = stringsOf(t.names).filter((n) => n !== 'pg_catalog');
  const mods = (t.typmods ?? []).flatMap((m) => ('A_Const' in m && m.A_Const.ival ? [String(m.A_Const.ival.ival ?? 0)] : []));
  return `${names.join('.')}${mods.length ? `(${mods.join(',')})` : ''}${t.arrayBounds?.length ? '[]' : ''}`;
}

/** The names of every function an expression calls, lower-case, found anywhere in its tree. */
export function calledFunctions(node: unknown): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'FuncCall') {
        const names = stringsOf((child as { funcname?: Node[] }).funcname);
        if (names.length) out.push(names.at(-1)!.toLowerCase());
      }
      visit(child);
    }
  };
  visit(node);
  return out;
}

/** Constraint nodes of a column definition, unwrapped. */
export function constraintsOf(nodes: readonly Node[] | undefined): Constraint[] {
  return (nodes ?? []).flatMap((n) => ('Constraint' in n ? [n.Constraint] : []));
}

/** A column definition of CREATE TABLE or ADD COLUMN as the rules see it. */
export function columnFromDef(def: ColumnDef, tablePrimaryKey: readonly string[] = []): ColumnFacts {
  const name = def.colname ?? '?';
  const cons = constraintsOf(def.constraints);
  const has = (type: string) => cons.some((c) => c.contype === type);
  const dflt = cons.find((c) => c.contype === 'CONSTR_DEFAULT')?.raw_expr;
  const isNullDefault = dflt !== undefined && 'A_Const' in dflt && dflt.A_Const.isnull === true;
  const fk = cons.find((c) => c.contype === 'CONSTR_FOREIGN');
  const primaryKey = has('CONSTR_PRIMARY') || tablePrimaryKey.includes(name);
  return {
    name,
    type: typeText(def.typeName).toLowerCase(),
    notNull: has('CONSTR_NOTNULL') || primaryKey,
    primaryKey,
    identity: has('CONSTR_IDENTITY'),
    unique: has('CONSTR_UNIQUE'),
    ...(dflt && !isNullDefault
      ? { default: describeDefault(dflt), defaultCalls: calledFunctions(dflt), defaultIsExpression: !('A_Const' in dflt) }
      : {}),
    ...(fk ? { references: relationName(fk.pktable) } : {}),
    ...(has('CONSTR_GENERATED') ? { storedGenerated: true } : {}),
  };
}

/** A short text for a default in messages: the constant, or the functions it calls. */
function describeDefault(node: Node): string {
  if ('A_Const' in node) {
    const c = node.A_Const;
    if (c.sval) return `'${c.sval.sval ?? ''}'`;
    if (c.ival) return String(c.ival.ival ?? 0);
    if (c.boolval) return String(c.boolval.boolval ?? false);
    if (c.fval) return c.fval.fval ?? '0';
  }
  const calls = calledFunctions(node);
  return calls.length ? `${calls[0]}()` : 'an expression';
}
