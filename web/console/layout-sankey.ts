/** A node of a flow diagram: its column (0 = leftmost) and, optionally, its rank within the column. */
export type FlowNode = { id: string; label: string; column: number; rank?: number };
/** A flow of `value` from one node to a node of a later column. */
export type FlowLink = { source: string; target: string; value: number };

/** A laid-out node: a bar at (x, y) of `height` proportional to its value. */
export type SankeyNode = FlowNode & { value: number; x: number; y: number; width: number; height: number };
/** A laid-out link: a band `thickness` wide along `path` (draw it as a stroke), from y0 at the source to y1 at the target. */
export type SankeyLink = FlowLink & { thickness: number; y0: number; y1: number; path: string };

export type SankeyBox = { width: number; height: number; nodeWidth: number; gap: number };

/**
 * Lays a flow diagram out in a box: columns spread evenly left to right; in each column the nodes stack top
 * to bottom (by `rank`, else largest first, then label) with `gap` between them, centred vertically; node
 * heights share one scale so that the fullest column fills the height; each node's value is the larger of its
 * inflow and outflow. Links leave and enter their nodes in the order of the nodes at their other end, so bands
 * do not cross at the nodes. Nodes and links without value are dropped.
 */
export function layoutSankey(
  input: { nodes: readonly FlowNode[]; links: readonly FlowLink[] },
  box: SankeyBox,
): { nodes: SankeyNode[]; links: SankeyLink[] } {
  const links = input.links.filter((l) => l.value > 0);
  const inflow = sumBy(links, (l) => l.target);
  const outflow = sumBy(links, (l) => l.source);
  const valued = input.nodes
    .map((n) => ({ ...n, value: Math.max(inflow.get(n.id) ?? 0, outflow.get(n.id) ?? 0) }))
    .filter((n) => n.value > 0);
  if (valued.length === 0) return { nodes: [], links: [] };

  const columnCount = Math.max(...valued.map((n) => n.column)) + 1;
  const columns = Array.from({ length: columnCount }, (_, c) =>
    valued
      .filter((n) => n.column === c)
      .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || b.value - a.value || a.label.localeCompare(b.label)),
  );
  const scale = Math.min(
    ...columns
      .filter((col) => col.length > 0)
      .map(
        (col) => Math.max(0, box.height - box.gap * (col.length - 1)) / col.reduce((s, n) => s + n.value, 0),
      ),
  );
  const xStep = columnCount > 1 ? (box.width - box.nodeWidth) / (columnCount - 1) : 0;
  const nodes: SankeyNode[] = [];
  for (const [c, col] of columns.entries()) {
    const used = col.reduce((s, n) => s + n.value * scale, 0) + box.gap * Math.max(0, col.length - 1);
    let y = (box.height - used) / 2;
    for (const n of col) {
      const height = n.value * scale;
      nodes.push({ ...n, x: round(c * xStep), y: round(y), width: box.nodeWidth, height: round(height) });
      y += height + box.gap;
    }
  }

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const placed = links.filter((l) => byId.has(l.source) && byId.has(l.target));
  const order = new Map(nodes.map((n, i) => [n.id, i]));
  const start = new Map<SankeyLink | FlowLink, number>();
  const end = new Map<SankeyLink | FlowLink, number>();
  for (const n of nodes) {
    let top = n.y;
    for (const l of placed
      .filter((x) => x.source === n.id)
      .sort((a, b) => order.get(a.target)! - order.get(b.target)!)) {
      start.set(l, top);
      top += l.value * scale;
    }
    top = n.y;
    for (const l of placed
      .filter((x) => x.target === n.id)
      .sort((a, b) => order.get(a.source)! - order.get(b.source)!)) {
      end.set(l, top);
      top += l.value * scale;
    }
  }
  return {
    nodes,
    links: placed.map((l) => {
      const s = byId.get(l.source)!;
      const t = byId.get(l.target)!;
      const thickness = l.value * scale;
      const y0 = round(start.get(l)! + thickness / 2);
      const y1 = round(end.get(l)! + thickness / 2);
      const x0 = round(s.x + s.width);
      const x1 = t.x;
      const mid = round((x0 + x1) / 2);
      return {
        ...l,
        thickness: round(thickness),
        y0,
        y1,
        path: `M${x0} ${y0} C${mid} ${y0} ${mid} ${y1} ${x1} ${y1}`,
      };
    }),
  };
}

function sumBy(links: readonly FlowLink[], key: (l: FlowLink) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of links) out.set(key(l), (out.get(key(l)) ?? 0) + l.value);
  return out;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
