import { DihyaError } from '../../core/errors.js';
import type { TableModel } from '../../schema/schema-model.js';
import type { RenderContext, Statement } from '../dialect.js';
import { quoteDoubleQuoted as q } from '../sql-literal.js';
import { cloneTable, createTableSql, type MutableTable } from './sqlite-table-sql.js';

/**
 * SQLite cannot alter most things in place, so a change is made by rebuilding the table, as the
 * SQLite documentation prescribes: create the new shape under a temporary name, copy the rows, drop
 * the old table, rename, and recreate its indexes. Foreign keys are off during migrations and
 * checked with `PRAGMA foreign_key_check` before each commit, so no child row is touched or lost.
 */
export async function rebuildTable(
  ctx: RenderContext,
  table: string,
  change: (t: MutableTable) => void,
): Promise<Statement[]> {
  const current = await ctx.introspectTable(table);
  if (!current) throw new DihyaError('STATEMENT_FAILED', `table ${table} does not exist`);
  const next = cloneTable(current);
  change(next);
  return rebuildStatements(current, next);
}

function rebuildStatements(before: TableModel, after: TableModel): Statement[] {
  const temp = `_dihya_rebuild_${after.name}`;
  const kept = after.columns.filter((c) => before.columns.some((b) => b.name === c.name)).map((c) => q(c.name));
  const statements: Statement[] = [
    { sql: createTableSql(after, temp) },
    { sql: `INSERT INTO ${q(temp)} (${kept.join(', ')}) SELECT ${kept.join(', ')} FROM ${q(before.name)}` },
    ...keepAutoincrementCounter(before, after, temp),
    { sql: `DROP TABLE ${q(before.name)}` },
    { sql: `ALTER TABLE ${q(temp)} RENAME TO ${q(after.name)}` },
  ];
  for (const index of after.indexes) {
    if (index.definition) statements.push({ sql: index.definition });
  }
  return statements;
}

/**
 * AUTOINCREMENT promises never to reuse an id, even a deleted one. The copy only raises the new
 * table's counter to the highest id still present, so the old counter is carried over (RENAME then
 * moves it to the final name along with the table).
 */
function keepAutoincrementCounter(before: TableModel, after: TableModel, temp: string): Statement[] {
  if (!before.columns.some((c) => c.identity) || !after.columns.some((c) => c.identity)) return [];
  return [
    { sql: 'DELETE FROM sqlite_sequence WHERE name = ?', params: [temp] },
    { sql: 'INSERT INTO sqlite_sequence (name, seq) SELECT ?, seq FROM sqlite_sequence WHERE name = ?', params: [temp, before.name] },
  ];
}

/**
 * True when a column list item, CHECK or WHERE expression names the column, either as a plain
 * name or inside an expression (`lower(email)`), quoted or not.
 */
export function mentionsColumn(text: string, column: string): boolean {
  if (text.toLowerCase() === column.toLowerCase()) return true;
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$])"?${name}"?([^A-Za-z0-9_$]|$)`, 'i').test(text);
}

/** Removes a column and every index and constraint that uses it, as PostgreSQL's DROP COLUMN does. */
export function withoutColumn(t: MutableTable, column: string): void {
  const uses = (cols: readonly string[]) => cols.some((c) => mentionsColumn(c, column));
  if (!t.columns.some((c) => c.name === column)) throw new DihyaError('STATEMENT_FAILED', `column ${t.name}.${column} does not exist`);
  t.columns = t.columns.filter((c) => c.name !== column);
  if (t.primaryKey && uses(t.primaryKey.columns)) t.primaryKey = null;
  t.uniques = t.uniques.filter((u) => !uses(u.columns));
  t.foreignKeys = t.foreignKeys.filter((f) => !uses(f.columns));
  t.checks = t.checks.filter((c) => !mentionsColumn(c.expression, column));
  t.indexes = t.indexes.filter((i) => !uses(i.columns) && !(i.where && mentionsColumn(i.where, column)));
}

/** Removes the constraint of that name, whatever its kind. */
export function withoutConstraint(t: MutableTable, name: string): void {
  const before = t.uniques.length + t.foreignKeys.length + t.checks.length + (t.primaryKey ? 1 : 0);
  t.uniques = t.uniques.filter((u) => u.name !== name);
  t.foreignKeys = t.foreignKeys.filter((f) => f.name !== name);
  t.checks = t.checks.filter((c) => c.name !== name);
  if (t.primaryKey?.name === name) t.primaryKey = null;
  const after = t.uniques.length + t.foreignKeys.length + t.checks.length + (t.primaryKey ? 1 : 0);
  if (after === before) throw new DihyaError('STATEMENT_FAILED', `table ${t.name} has no constraint named ${name}`);
}

/**
 * Adds a constraint to the model. SQLite accepts two constraints of one name, which a later
 * dropConstraint would then remove together, so a taken name is refused as PostgreSQL refuses it.
 */
export function withConstraint(t: MutableTable, name: string, add: (t: MutableTable) => void): void {
  const taken = [t.primaryKey?.name, ...t.uniques.map((u) => u.name), ...t.foreignKeys.map((f) => f.name), ...t.checks.map((c) => c.name)];
  if (taken.includes(name)) throw new DihyaError('STATEMENT_FAILED', `table ${t.name} already has a constraint named ${name}; pick another name`);
  add(t);
}
