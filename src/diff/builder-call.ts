import type { ColumnSpec } from '../operations/column-spec.js';
import { OperationBuilder } from '../operations/operation-builder.js';
import type { Operation } from '../operations/operation.js';
import type { ColumnModel } from '../schema/schema-model.js';

type Methods = {
  [M in keyof OperationBuilder]: OperationBuilder[M] extends (...args: infer A) => void ? { readonly method: M; readonly args: A } : never;
}[keyof OperationBuilder];

/**
 * One `op.<method>(…)` call of a generated revision, as data: it can be replayed on an
 * OperationBuilder (to run or check it) or written out as TypeScript. `comment` lines go above it.
 * A step with no call (`method: null`) is advice only: something the differ will not do by itself.
 */
export type BuilderCall = (Methods & { readonly comment?: readonly string[] }) | { readonly method: null; readonly args: readonly []; readonly comment: readonly string[] };

/** Replays calls on a fresh builder and returns the operations they record. */
export function operationsOf(calls: readonly BuilderCall[]): readonly Operation[] {
  const op = new OperationBuilder();
  for (const c of calls) {
    if (c.method === null) continue;
    (op[c.method] as (...a: unknown[]) => void).apply(op, c.args as unknown[]);
  }
  return op.operations;
}

/** A column as the database reports it, turned back into what `op.addColumn` takes. */
export function specOfColumn(c: ColumnModel): ColumnSpec {
  return {
    type: c.type,
    ...(c.identity ? { identity: true } : {}),
    ...(c.notNull ? { notNull: true } : {}),
    ...(c.default !== null ? { default: { sql: c.default } } : {}),
    ...(c.comment ? { comment: c.comment } : {}),
  };
}
