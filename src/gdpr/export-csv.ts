import type { ExportTable } from './export-subject.js';

/**
 * A subject's export as CSV (RFC 4180): one line per value, `table,row,column,category,value`, rows
 * numbered from 1 within their table; NULL is an empty field. A long format keeps every table in one
 * file that any spreadsheet or script reads.
 *
 * @example exportCsv(tables).split('\r\n')[0] // 'table,row,column,category,value'
 */
export function exportCsv(tables: readonly ExportTable[]): string {
  const lines = ['table,row,column,category,value'];
  for (const t of tables) {
    t.rows.forEach((row, i) => {
      for (const c of t.columns) lines.push([t.table, String(i + 1), c.name, c.category, cell(row[c.name])].map(field).join(','));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Quotes a field that holds a comma, a quote or a line break, doubling its quotes. */
function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
