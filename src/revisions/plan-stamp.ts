import { TargetError } from '../core/errors.js';
import type { RevisionGraph } from './revision-graph.js';
import { filterForLineage, resolveRevisions } from './resolve-symbol.js';
import { readTarget } from './resolve-target.js';

/** One change to the version rows: replace the rows `from` by `to` (either may be empty). */
interface StampMove {
  readonly from: readonly string[];
  readonly to: string | null;
  readonly up: boolean;
  /** Adds or drops a whole branch rather than moving along one. */
  readonly branchMove: boolean;
}

/**
 * The version rows after `stamp <target>`, without running anything, as Alembic computes them:
 * rows on the target's line move to the target (up or down), a target on no current line is
 * added as a new row, and `base` clears the rows. Rows keep their table order; new rows go last.
 * Relative targets are refused (Alembic only accepts them on an empty table).
 *
 * @example
 * planStamp(graph, ['b2', 'd4'], 'c3'); // ['c3', 'd4']
 */
export function planStamp(graph: RevisionGraph, currentHeads: readonly string[], target: string): string[] {
  graph.appliedSet(currentHeads);
  const expr = readTarget(graph, target);
  if (expr.kind !== 'absolute') {
    throw new TargetError('TARGET_INVALID', `cannot stamp '${target}': stamp needs a revision, 'heads' or 'base', not a relative step`);
  }
  const onLine = filterForLineage(graph, currentHeads, target, true);
  const destinations: Array<string | null> = resolveRevisions(graph, expr.symbol, expr.branch);
  if (destinations.length === 0) destinations.push(null);
  const moves = destinations.flatMap((dest) => movesTo(graph, onLine, dest, target));
  const rows = [...currentHeads];
  for (const move of moves) applyMove(rows, move, target);
  return rows;
}

function movesTo(graph: RevisionGraph, onLine: readonly string[], dest: string | null, target: string): StampMove[] {
  if (dest === null) return onLine.map((row) => ({ from: [row], to: null, up: false, branchMove: true }));
  if (onLine.includes(dest)) return [];
  const above = onLine.some((row) => graph.descendants([dest], true).has(row));
  const below = onLine.some((row) => graph.ancestors([dest], true).has(row));
  if (above && below) {
    throw new TargetError(
      'TARGET_INVALID',
      `cannot stamp '${target}': current rows (${onLine.join(', ')}) lie both above and below ${dest}; stamp 'base' first, then stamp the target`,
    );
  }
  if (above || below) return [{ from: onLine, to: dest, up: !above, branchMove: false }];
  return [{ from: [], to: dest, up: true, branchMove: true }];
}

/** Applies one move the way Alembic's version table bookkeeping does, row by row. */
function applyMove(rows: string[], move: StampMove, target: string): void {
  const fail = (): never => {
    throw new TargetError(
      'TARGET_INVALID',
      `cannot stamp '${target}' over the current rows (${rows.join(', ') || 'none'}); stamp 'base' first, then stamp the target`,
    );
  };
  const remove = (id: string): void => {
    const at = rows.indexOf(id);
    if (at < 0) fail();
    rows.splice(at, 1);
  };
  const replace = (from: string, to: string): void => {
    if (rows.includes(to)) fail();
    const at = rows.indexOf(from);
    if (at < 0) fail();
    rows[at] = to;
  };
  const { from, to } = move;
  if (!move.up && move.branchMove) {
    if (from.length !== 1) fail();
    remove(from[0]!);
  } else if (move.up && to !== null && (move.branchMove || from.some((f) => !rows.includes(f))) && !rows.includes(to)) {
    rows.push(to);
  } else if (from.length > 1 && to !== null) {
    from.slice(0, -1).forEach(remove);
    replace(from[from.length - 1]!, to);
  } else if (from.length === 1 && to !== null) {
    replace(from[0]!, to);
  } else {
    fail();
  }
}
