import type { LocatedChange } from './change.js';
import type { ReportPlace } from './rule.js';

/** Where to report a finding about a change: its `op` call or statement. */
export function placeOf(lc: LocatedChange): ReportPlace {
  return { line: lc.line, column: lc.column, anchorLine: lc.line };
}

/** `users.email`, or `users` without a column. */
export function named(table: string, column?: string): string {
  return column === undefined ? table : `${table}.${column}`;
}

/** The change touches a table that existed before this revision (and so may hold rows). */
export function onExistingTable(lc: LocatedChange): boolean {
  return !lc.known.newTable;
}
