import type { DocsRevision } from './docs-model.js';
import { escapeHtml } from './escape.js';
import { layoutGraph, type PlacedNode } from './graph-layout.js';

const ROW = 30;
const COLUMN = 26;
const MARGIN = 16;
const RADIUS = 7;
const LABEL_GAP = 18;
const LABEL_WIDTH = 560;
const MESSAGE_MAX = 70;

/**
 * The revision graph as an inline SVG: one row per revision (base at the top), one column per
 * branch, solid edges to parents, dashed edges for `dependsOn`. Nodes carry `data-revision` and the
 * classes `head`, `merge`, `critical` and `applied`, which the page's CSS styles.
 *
 * @example svgGraph(model.revisions, true)
 */
export function svgGraph(revisions: readonly DocsRevision[], showApplied: boolean): string {
  const layout = layoutGraph(revisions);
  const byId = new Map(revisions.map((r) => [r.id, r]));
  const placed = new Map(layout.nodes.map((n) => [n.id, n]));
  const graphWidth = MARGIN * 2 + layout.columns * COLUMN;
  const width = graphWidth + LABEL_WIDTH;
  const height = MARGIN * 2 + Math.max(1, revisions.length) * ROW;
  const edges = layout.edges.map((e) => {
    const from = placed.get(e.from)!;
    const to = placed.get(e.to)!;
    return `<path class="edge ${e.kind}" data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}" d="${edgePath(from, to, e.turn)}"/>`;
  });
  const nodes = layout.nodes.map((n) => node(n, byId.get(n.id)!, graphWidth, showApplied));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="revision graph">`,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

const x = (n: PlacedNode) => MARGIN + n.column * COLUMN + COLUMN / 2;
const y = (n: PlacedNode) => MARGIN + n.row * ROW + ROW / 2;

/** Straight down within a column; between columns, a short curve at the end the layout chose. */
function edgePath(from: PlacedNode, to: PlacedNode, turn: 'start' | 'end'): string {
  const [x1, y1, x2, y2] = [x(from), y(from), x(to), y(to)];
  if (x1 === x2) return `M${x1},${y1} L${x2},${y2}`;
  const bend = Math.min(ROW, y2 - y1);
  if (turn === 'start') return `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y1} ${x2},${y1 + bend} L${x2},${y2}`;
  return `M${x1},${y1} L${x1},${y2 - bend} C${x1},${y2} ${x2},${y2 - bend} ${x2},${y2}`;
}

function node(n: PlacedNode, r: DocsRevision, graphWidth: number, showApplied: boolean): string {
  const classes = ['node', r.head ? 'head' : '', r.merge ? 'merge' : '', r.critical ? 'critical' : '', showApplied && r.applied ? 'applied' : '']
    .filter(Boolean)
    .join(' ');
  const cx = x(n);
  const cy = y(n);
  const shape = r.merge
    ? `<rect x="${cx - RADIUS}" y="${cy - RADIUS}" width="${RADIUS * 2}" height="${RADIUS * 2}" transform="rotate(45 ${cx} ${cy})"/>`
    : `<circle cx="${cx}" cy="${cy}" r="${RADIUS}"/>`;
  const ring = r.head ? `<circle class="head-ring" cx="${cx}" cy="${cy}" r="${RADIUS + 4}"/>` : '';
  const message = r.message.length > MESSAGE_MAX ? `${r.message.slice(0, MESSAGE_MAX - 1)}…` : r.message;
  const tags = [r.head ? 'head' : '', r.merge ? 'merge' : '', showApplied ? (r.applied ? 'applied' : 'pending') : '', ...r.branchLabels.map((l) => `@${l}`)]
    .filter(Boolean)
    .join(' · ');
  const title = `${r.id} — ${r.message}${showApplied ? (r.applied ? ' (applied)' : ' (pending)') : ''}`;
  return (
    `<g class="${classes}" data-revision="${escapeHtml(r.id)}"><title>${escapeHtml(title)}</title>${ring}${shape}` +
    `<text class="label" x="${graphWidth + LABEL_GAP - COLUMN / 2}" y="${cy + 4}"><tspan class="id">${escapeHtml(r.id)}</tspan> ` +
    `<tspan class="message">${escapeHtml(message)}</tspan>${tags ? ` <tspan class="tags">${escapeHtml(tags)}</tspan>` : ''}</text></g>`
  );
}
