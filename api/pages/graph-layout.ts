import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';

// Where the boxes and arrows of a diagram go, decided by dagre (layered graph drawing: ranks by the
// edges, crossings reduced, coordinates assigned), never by hand. The pictures say what to draw; this
// module only asks dagre where.

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
  /** A heavier edge is kept shorter and straighter. */
  weight?: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A placed node: its top-left corner and size, in the picture's units. */
export interface PlacedNode extends LayoutNode {
  x: number;
  y: number;
}

export interface PlacedEdge extends LayoutEdge {
  points: Point[];
}

export interface Placed {
  width: number;
  height: number;
  nodes: Map<string, PlacedNode>;
  edges: PlacedEdge[];
}

export interface LayoutOptions {
  rankdir: 'TB' | 'BT' | 'LR' | 'RL';
  nodesep: number;
  ranksep: number;
  margin: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Lays the graph out; node ids must be unique and every edge must join two of them. */
export function layOut(nodes: LayoutNode[], edges: LayoutEdge[], options: LayoutOptions): Placed {
  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>();
  g.setGraph({
    rankdir: options.rankdir,
    nodesep: options.nodesep,
    ranksep: options.ranksep,
    edgesep: 12,
    marginx: options.margin,
    marginy: options.margin,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) g.setEdge(e.from, e.to, { weight: e.weight ?? 1, minlen: 1 });
  dagre.layout(g);

  const placed = new Map<string, PlacedNode>();
  for (const n of nodes) {
    const label = g.node(n.id);
    // dagre gives each node's centre.
    placed.set(n.id, {
      ...n,
      x: round((label.x ?? 0) - n.width / 2),
      y: round((label.y ?? 0) - n.height / 2),
    });
  }
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: placed,
    edges: edges.map((e) => ({
      ...e,
      points: (g.edge(e.from, e.to)?.points ?? []).map((p) => ({ x: round(p.x), y: round(p.y) })),
    })),
  };
}

/**
 * A smooth path through the points (a uniform B-spline, as d3's curveBasis draws dagre's edges): it
 * starts and ends exactly on the first and last point, so an arrowhead sits on the node's border.
 */
export function splinePath(points: Point[]): string {
  const f = (n: number) => String(round(n));
  const [first, ...rest] = points;
  if (!first) return '';
  if (rest.length === 0) return `M ${f(first.x)} ${f(first.y)}`;
  let d = `M ${f(first.x)} ${f(first.y)}`;
  if (rest.length === 1) return `${d} L ${f(rest[0]!.x)} ${f(rest[0]!.y)}`;
  let p0 = first;
  let p1 = rest[0]!;
  d += ` L ${f((5 * p0.x + p1.x) / 6)} ${f((5 * p0.y + p1.y) / 6)}`;
  const curve = (a: Point, b: Point, c: Point) =>
    ` C ${f((2 * a.x + b.x) / 3)} ${f((2 * a.y + b.y) / 3)} ${f((a.x + 2 * b.x) / 3)} ${f((a.y + 2 * b.y) / 3)} ${f(
      (a.x + 4 * b.x + c.x) / 6,
    )} ${f((a.y + 4 * b.y + c.y) / 6)}`;
  for (const p of rest.slice(1)) {
    d += curve(p0, p1, p);
    p0 = p1;
    p1 = p;
  }
  d += curve(p0, p1, p1);
  return `${d} L ${f(p1.x)} ${f(p1.y)}`;
}
