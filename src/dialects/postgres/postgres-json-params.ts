import type { OperationOf } from '../../operations/operation.js';
import type { RenderContext } from '../dialect.js';

/**
 * The `pg` driver sends a JavaScript array as a PostgreSQL array literal (`{1,2}`), which a json or
 * jsonb column refuses. For the columns the table declares as JSON, objects and arrays are sent as
 * JSON text instead; without a live table (offline SQL) the rows are left as they are.
 */
export async function withJsonAsText(op: OperationOf<'bulkInsert'>, ctx: RenderContext): Promise<OperationOf<'bulkInsert'>> {
  const table = await ctx.introspectTable(op.table);
  const json = new Set(table?.columns.filter((c) => c.type === 'json' || c.type === 'jsonb').map((c) => c.name) ?? []);
  if (json.size === 0) return op;
  const rows = op.rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const name of json) {
      const v = out[name];
      if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) out[name] = JSON.stringify(v);
    }
    return out;
  });
  return { ...op, rows };
}
