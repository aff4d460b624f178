/** What the layout needs of a revision: its id and its two kinds of edges. */
export interface LayoutInput {
  readonly id: string;
  readonly parents: readonly string[];
  readonly dependsOn: readonly string[];
}

/** A revision's place: `row` counts from the top (base first), `column` from the left. */
export interface PlacedNode {
  readonly id: string;
  readonly row: number;
  readonly column: number;
}

/** An edge from a revision (`from`, above) to one that builds on it (`to`, below). */
export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'parent' | 'depends';
  /**
   * Where an edge between two columns changes column: at its `start` when `to` opened a new
   * branch, at its `end` when `to` continues another parent's column (a merge), so that the edge
   * runs down the column its source holds.
   */
  readonly turn: 'start' | 'end';
}

export interface GraphLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly LayoutEdge[];
  readonly columns: number;
}

/**
 * One row per revision in the given (topological, base first) order; each branch keeps a column
 * while it continues, as `git log --graph` does. A revision continues the column of its first
 * parent unless a sibling took it already; otherwise it takes the leftmost column nothing uses
 * between its parents' rows and its own. A column stays held down to the row of the last revision that builds on its holder, so
 * edges never run through another branch's nodes in the same column.
 *
 * @example
 * layoutGraph([{ id: 'a', parents: [], dependsOn: [] }, { id: 'b', parents: ['a'], dependsOn: [] }]).nodes;
 * // [{ id: 'a', row: 0, column: 0 }, { id: 'b', row: 1, column: 0 }]
 */
export function layoutGraph(revisions: readonly LayoutInput[]): GraphLayout {
  const rowOf = new Map(revisions.map((r, i) => [r.id, i]));
  const lastChildRow = new Map<string, number>();
  for (const r of revisions) {
    const row = rowOf.get(r.id)!;
    for (const p of [...r.parents, ...r.dependsOn]) lastChildRow.set(p, Math.max(lastChildRow.get(p) ?? -1, row));
  }
  const heldUntil: number[] = [];
  const columnOf = new Map<string, number>();
  const continued = new Set<string>();
  const opened = new Set<string>();
  const nodes: PlacedNode[] = revisions.map((r, row) => {
    const first = r.parents[0];
    let column: number;
    if (first !== undefined && columnOf.has(first) && !continued.has(first)) {
      column = columnOf.get(first)!;
      continued.add(first);
    } else {
      // Edges into a new column turn right below their source and run down that column, so it
      // must be free from the earliest source's row on, not only at this row.
      const sources = [...r.parents, ...r.dependsOn].map((id) => rowOf.get(id)).filter((n): n is number => n !== undefined);
      const freeAfter = sources.length ? Math.min(...sources) : row - 1;
      column = heldUntil.findIndex((until) => until <= freeAfter);
      if (column === -1) column = heldUntil.length;
      opened.add(r.id);
    }
    columnOf.set(r.id, column);
    heldUntil[column] = Math.max(heldUntil[column] ?? -1, lastChildRow.get(r.id) ?? row);
    return { id: r.id, row, column };
  });
  const edges: LayoutEdge[] = revisions.flatMap((r) => {
    const turn = opened.has(r.id) ? 'start' : 'end';
    return [
      ...r.parents.filter((p) => rowOf.has(p)).map((p): LayoutEdge => ({ from: p, to: r.id, kind: 'parent', turn })),
      ...r.dependsOn.filter((d) => rowOf.has(d)).map((d): LayoutEdge => ({ from: d, to: r.id, kind: 'depends', turn })),
    ];
  });
  return { nodes, edges, columns: Math.max(1, heldUntil.length) };
}
