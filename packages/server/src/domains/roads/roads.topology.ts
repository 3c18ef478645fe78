import { distance } from 'geokdbush';
import KDBush from 'kdbush';
import type { Position, RoadLine } from './roads.parse.ts';

export interface TopologyNode {
  /** Index in Topology.nodes. */
  index: number;
  lon: number;
  lat: number;
}

export interface TopologyEdge {
  from: number;
  to: number;
  positions: Position[];
  lengthM: number;
  line: RoadLine;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** Line ends joined to a node they did not lie exactly on (within the snapping distance). */
  snapped: number;
}

/** Metres along the polyline (great-circle per piece). */
export function polylineMetres(positions: Position[]): number {
  let km = 0;
  for (let i = 1; i < positions.length; i += 1) {
    const [a, b] = [positions[i - 1]!, positions[i]!];
    km += distance(a[0], a[1], b[0], b[1]);
  }
  return km * 1000;
}

/** The point halfway along a polyline: what decides which area a road segment belongs to. */
export function midpointOf(positions: Position[]): Position {
  const half = polylineMetres(positions) / 2;
  let walked = 0;
  for (let i = 1; i < positions.length; i += 1) {
    const [a, b] = [positions[i - 1]!, positions[i]!];
    const piece = distance(a[0], a[1], b[0], b[1]) * 1000;
    if (walked + piece >= half && piece > 0) {
      const t = (half - walked) / piece;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    walked += piece;
  }
  return positions[0]!;
}

/**
 * Builds the graph from road lines:
 * - line ends within `snapMetres` of each other become one node (data drawn by hand rarely meets exactly);
 * - a line end within `snapMetres` of another line's inner vertex joins it there (a T-junction), splitting that line;
 * - inner vertices that two lines share exactly are junctions too (crossings in data exported from road databases).
 * Inner vertices are never joined by distance alone: two roads passing close (a bridge over a road) stay apart.
 */
export function buildTopology(lines: RoadLine[], snapMetres: number): Topology {
  const lat0 = lines.length > 0 ? lines[0]!.positions[0]![1] : 0;
  // Local metres (equirectangular): exact enough over a county to compare distances of a few metres.
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_574;

  const nodes: TopologyNode[] = [];
  const addNode = (p: Position) => {
    const node = { index: nodes.length, lon: p[0], lat: p[1] };
    nodes.push(node);
    return node.index;
  };

  // 1. Line ends, clustered greedily: the first end of a cluster is its node's position.
  const ends = lines.flatMap((line) => [line.positions[0]!, line.positions[line.positions.length - 1]!]);
  const endTree = new KDBush(Math.max(ends.length, 1));
  for (const p of ends) endTree.add(p[0] * kx, p[1] * ky);
  if (ends.length === 0) endTree.add(0, 0);
  endTree.finish();
  const endNode = new Int32Array(ends.length).fill(-1);
  let snapped = 0;
  ends.forEach((p, i) => {
    if (endNode[i] !== -1) return;
    const node = addNode(p);
    for (const j of endTree.within(p[0] * kx, p[1] * ky, snapMetres)) {
      if (endNode[j] !== -1) continue;
      endNode[j] = node;
      if (ends[j]![0] !== p[0] || ends[j]![1] !== p[1]) snapped += 1;
    }
  });

  // 2. Inner vertices: a node where a line end reaches them, or where lines share the exact position.
  const nodeTree = new KDBush(Math.max(nodes.length, 1));
  for (const n of nodes) nodeTree.add(n.lon * kx, n.lat * ky);
  if (nodes.length === 0) nodeTree.add(0, 0);
  nodeTree.finish();
  const endNodeCount = nodes.length;
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const innerUse = new Map<string, number>();
  for (const line of lines) {
    for (let i = 1; i < line.positions.length - 1; i += 1) {
      const k = key(line.positions[i]!);
      innerUse.set(k, (innerUse.get(k) ?? 0) + 1);
    }
  }
  const sharedNode = new Map<string, number>();
  const innerNode = (p: Position): number | null => {
    const near = nodeTree.within(p[0] * kx, p[1] * ky, snapMetres).filter((n) => n < endNodeCount);
    if (near.length > 0) {
      // The nearest end-node, if several are within reach.
      return near.reduce((best, n) =>
        Math.hypot(nodes[n]!.lon - p[0], nodes[n]!.lat - p[1]) < Math.hypot(nodes[best]!.lon - p[0], nodes[best]!.lat - p[1])
          ? n
          : best,
      );
    }
    const k = key(p);
    if ((innerUse.get(k) ?? 0) < 2) return null;
    let node = sharedNode.get(k);
    if (node === undefined) sharedNode.set(k, (node = addNode(p)));
    return node;
  };

  // 3. Split every line at its nodes; each piece is an edge whose ends sit exactly on its nodes.
  const edges: TopologyEdge[] = [];
  lines.forEach((line, li) => {
    const last = line.positions.length - 1;
    let from = endNode[2 * li]!;
    let piece: Position[] = [[nodes[from]!.lon, nodes[from]!.lat]];
    for (let i = 1; i <= last; i += 1) {
      const p = line.positions[i]!;
      const node = i === last ? endNode[2 * li + 1]! : innerNode(p);
      if (node === null) {
        piece.push(p);
        continue;
      }
      piece.push([nodes[node]!.lon, nodes[node]!.lat]);
      const lengthM = polylineMetres(piece);
      // A piece that snapping shrank to nothing (a stub shorter than the snapping distance) is dropped.
      if (!(node === from && lengthM <= snapMetres * 2)) edges.push({ from, to: node, positions: piece, lengthM, line });
      from = node;
      piece = [[nodes[node]!.lon, nodes[node]!.lat]];
    }
  });
  // Nodes left without edges (only dropped stubs reached them) are left out, and the rest renumbered.
  const used = new Int32Array(nodes.length).fill(-1);
  const kept: TopologyNode[] = [];
  for (const edge of edges) {
    for (const end of [edge.from, edge.to]) {
      if (used[end] === -1) used[end] = kept.push({ ...nodes[end]!, index: kept.length }) - 1;
    }
    edge.from = used[edge.from]!;
    edge.to = used[edge.to]!;
  }
  return { nodes: kept, edges, snapped };
}
