import type { SchemaModel } from '../schema/schema-model.js';
import type { DataMap } from './data-map.js';
import type { SubjectPaths } from './subject-paths.js';

/**
 * What makes the personal-data map unusable against this database, one line each: no subject root
 * or several, a table or column the map names and the database lacks, and tables with personal
 * data that nothing links to the subject. An empty list means export and erasure can rely on it.
 *
 * @example mapProblems(map, live, subjectPaths(map, live)); // ['table notes holds personal data but …']
 */
export function mapProblems(map: DataMap, live: SchemaModel, paths: SubjectPaths): string[] {
  const problems: string[] = [];
  const roots = map.tables.filter((t) => t.personal?.subject !== undefined).map((t) => t.name);
  if (roots.length === 0) {
    problems.push("no table is marked as the subject root; annotate the table of the people the data is about with personal: { subject: '<id column>' }");
  } else if (roots.length > 1) {
    problems.push(`tables ${roots.join(', ')} are each marked as the subject root; keep personal.subject on exactly one of them`);
  }
  const tables = new Map(live.tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
  const lacks = (table: string, column: string | undefined, what: string) => {
    const columns = tables.get(table);
    if (!columns) problems.push(`${what} names table ${table}, which the database lacks; fix the name or run \`dihya upgrade\``);
    else if (column !== undefined && !columns.has(column)) problems.push(`${what} names column ${table}.${column}, which the database lacks; fix the name or run \`dihya upgrade\``);
    return !columns;
  };
  for (const t of map.tables) {
    if (lacks(t.name, undefined, 'the personal data map')) continue;
    for (const c of t.columns) lacks(t.name, c.name, 'the personal data map');
    if (t.personal?.subject !== undefined) lacks(t.name, t.personal.subject, `the subject root ${t.name}`);
    const via = t.personal?.via;
    if (via) {
      lacks(t.name, via.column, `the via of ${t.name}`);
      lacks(via.references.table, via.references.column, `the via of ${t.name}`);
    }
  }
  if (paths.root && tables.has(paths.root.table)) {
    for (const table of paths.unreachable.filter((n) => tables.has(n))) {
      problems.push(
        `table ${table} holds personal data but no foreign key or declared via links it to the subject table ${paths.root.table}; ` +
          `add a foreign key or personal: { via: { column, references: { table, column } } } to ${table}`,
      );
    }
  }
  return problems;
}
