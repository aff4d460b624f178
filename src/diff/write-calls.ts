import type { BuilderCall } from './builder-call.js';
import { tsLiteral } from './typescript-literal.js';

/**
 * The body of an `up` or `down` function: one `op.<method>(…)` statement per call, each preceded by
 * its comment lines, indented for the revision template.
 */
export function writeCalls(calls: readonly BuilderCall[], indent = '    '): string {
  if (calls.length === 0) return `${indent}// nothing to do\n`;
  const out: string[] = [];
  for (const c of calls) {
    for (const line of c.comment ?? []) out.push(`${indent}// ${line}`);
    if (c.method === null) continue;
    const args = (c.args as readonly unknown[]).filter((a, i, all) => !(i === all.length - 1 && isEmptyObject(a)));
    const inline = `${indent}op.${c.method}(${args.map((a) => tsLiteral(a, indent, Number.MAX_SAFE_INTEGER)).join(', ')});`;
    if (inline.length <= 110) {
      out.push(inline);
      continue;
    }
    out.push(`${indent}op.${c.method}(${args.map((a) => tsLiteral(a, indent)).join(', ')});`);
  }
  return `${out.join('\n')}\n`;
}

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
