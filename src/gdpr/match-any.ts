import type { Dialect } from '../dialects/dialect.js';

/**
 * The condition that a column equals one of `values`, bound from parameter `first` on: on
 * PostgreSQL one array parameter (`= ANY($1)`), which the server parses and plans once whatever
 * the count; elsewhere `IN (?, ?, …)`. A single value is a plain `= ?`.
 *
 * @example
 * const m = matchAny(dialect, ['1', '2'], 1); // { sql: '= ANY($1)', params: [['1', '2']] } on PostgreSQL
 * await conn.query(`SELECT * FROM users WHERE id ${m.sql}`, m.params);
 */
export function matchAny(dialect: Dialect, values: readonly unknown[], first: number): { sql: string; params: unknown[] } {
  if (values.length === 1) return { sql: `= ${dialect.placeholder(first)}`, params: [values[0]] };
  if (dialect.name === 'postgres') return { sql: `= ANY(${dialect.placeholder(first)})`, params: [[...values]] };
  return { sql: `IN (${values.map((_, i) => dialect.placeholder(first + i)).join(', ')})`, params: [...values] };
}
