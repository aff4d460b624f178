import type { Statement } from './dialect.js';

/**
 * Splits rows into multi-row INSERTs that stay under the driver's parameter limit. Rows are grouped
 * by their set of keys so that an absent key takes the column default rather than NULL.
 */
export function renderBulkInsert(
  table: string,
  rows: readonly Readonly<Record<string, unknown>>[],
  quote: (name: string) => string,
  placeholder: (n: number) => string,
  maxParams: number,
): Statement[] {
  const groups = new Map<string, Readonly<Record<string, unknown>>[]>();
  for (const row of rows) {
    const key = JSON.stringify(Object.keys(row));
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const out: Statement[] = [];
  for (const [key, group] of groups) {
    const columns = JSON.parse(key) as string[];
    const perStatement = Math.max(1, Math.floor(maxParams / Math.max(1, columns.length)));
    for (let i = 0; i < group.length; i += perStatement) {
      const chunk = group.slice(i, i + perStatement);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const marks = columns.map((c) => {
          params.push(row[c]);
          return placeholder(params.length);
        });
        return `(${marks.join(', ')})`;
      });
      out.push({
        sql: `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')}`,
        params,
      });
    }
  }
  return out;
}
