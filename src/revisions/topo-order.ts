import { TargetError } from '../core/errors.js';
import type { RevisionGraph } from './revision-graph.js';

/**
 * Orders `members` so that every revision comes before the revisions it requires (head first),
 * the order Alembic runs downgrades in and the reverse of its upgrade order.
 *
 * Starting from `heads` (taken in id order), it follows one line of descent down as far as it
 * can, switching to another line only when the next revision is still required by a revision of
 * that other line. So a branch is finished before the next one starts, and the result is the
 * same for the same graph on every run.
 *
 * @example
 * headFirstOrder(graph, new Set(['b2', 'c3']), ['c3']); // ['c3', 'b2']
 */
export function headFirstOrder(graph: RevisionGraph, members: ReadonlySet<string>, heads: readonly string[]): string[] {
  const todo = new Set(members);
  const lines = [...new Set(heads.filter((h) => todo.has(h)))].sort((a, b) => graph.rank(a) - graph.rank(b));
  const reach = lines.map((id) => graph.ancestors([id], true));
  const output: string[] = [];
  let at = 0;
  while (lines.length > 0) {
    const candidate = lines[at]!;
    const blocker = reach.findIndex((ancestors, i) => i !== at && ancestors.has(candidate));
    if (blocker >= 0) {
      at = blocker;
      continue;
    }
    if (todo.delete(candidate)) output.push(candidate);
    const next = graph.requirementsOf(candidate).filter((id) => todo.has(id) && !lines.includes(id));
    if (next.length === 0) {
      lines.splice(at, 1);
      reach.splice(at, 1);
      at = Math.max(at - 1, 0);
    } else if (next.length === 1 && graph.requirementsOf(candidate).length === 1) {
      // A plain step down one line: the line's ancestor set only loses the revision just emitted.
      lines[at] = next[0]!;
      reach[at]!.delete(candidate);
    } else {
      lines[at] = next[0]!;
      reach[at] = graph.ancestors([next[0]!], true);
      for (const id of next.slice(1)) {
        lines.push(id);
        reach.push(graph.ancestors([id], true));
      }
    }
  }
  if (todo.size > 0) {
    // Upgrades and downgrades always reach every member; a history range can pick revisions that
    // hang below its end only through dependsOn, and Alembic refuses those too.
    throw new TargetError(
      'TARGET_INVALID',
      `revisions ${[...todo].join(', ')} are not below ${heads.join(', ') || 'the range end'} along down revisions; choose range ends on one branch`,
    );
  }
  return output;
}
