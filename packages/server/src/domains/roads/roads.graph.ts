import type { LonLat } from '@yingji/contracts/located.ts';
import type { RoadLeg } from '@yingji/contracts/nearby.ts';
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import createGraph, { type Graph, type Link, type Node } from 'ngraph.graph';
import { aStar, type PathFinder } from 'ngraph.path';
import type { Position } from './roads.parse.ts';

interface NodeData {
  lon: number;
  lat: number;
}

interface EdgeData {
  id: string;
  from: string;
  lengthKm: number;
  closed: boolean;
  positions: Position[];
}

export interface GraphInput {
  nodes: { id: string; lon: number; lat: number }[];
  edges: { id: string; from: string; to: string; lengthKm: number; closed: boolean; positions: Position[] }[];
}

const round = (km: number) => Math.round(km * 1000) / 1000;

/**
 * The road network in memory: an ngraph graph (several segments may join the same two nodes) searched with A*
 * (great-circle heuristic, never more than the road length, so routes are shortest). Closed segments cost Infinity.
 * Points off the network join it at their nearest node, the straight access distance counted in the road distance.
 */
export class RoadGraph {
  private readonly graph: Graph<NodeData, EdgeData>;
  private readonly nodeIds: string[];
  private readonly nodeTree: KDBush;
  private readonly finder: PathFinder<NodeData>;
  private readonly edges = new Map<string, Link<EdgeData>>();

  constructor(input: GraphInput) {
    this.graph = createGraph<NodeData, EdgeData>({ multigraph: true });
    this.nodeIds = input.nodes.map((n) => n.id);
    this.nodeTree = new KDBush(Math.max(input.nodes.length, 1));
    for (const n of input.nodes) {
      this.graph.addNode(n.id, { lon: n.lon, lat: n.lat });
      this.nodeTree.add(n.lon, n.lat);
    }
    if (input.nodes.length === 0) this.nodeTree.add(0, 0);
    this.nodeTree.finish();
    for (const e of input.edges) {
      const data = { id: e.id, from: e.from, lengthKm: e.lengthKm, closed: e.closed, positions: e.positions };
      this.edges.set(e.id, this.graph.addLink(e.from, e.to, data));
    }
    this.finder = aStar(this.graph, {
      distance: (_a, _b, link: Link<EdgeData>) => (link.data.closed ? Infinity : link.data.lengthKm),
      heuristic: (a: Node<NodeData>, b: Node<NodeData>) => distance(a.data.lon, a.data.lat, b.data.lon, b.data.lat),
    });
  }

  get edgeCount(): number {
    return this.edges.size;
  }

  /** Applies a closure or reopening made elsewhere (this process or another one, told by the event bus). */
  setClosed(edgeId: string, closed: boolean): void {
    const link = this.edges.get(edgeId);
    if (link) link.data.closed = closed;
  }

  private nearestNode(p: LonLat): { id: string; accessKm: number } | null {
    if (this.nodeIds.length === 0) return null;
    const [index] = around(this.nodeTree, p.lon, p.lat, 1);
    if (index === undefined) return null;
    const node = this.graph.getNode(this.nodeIds[index]!)!;
    return { id: String(node.id), accessKm: distance(p.lon, p.lat, node.data.lon, node.data.lat) };
  }

  /** The open segment of least length between two adjacent nodes (several roads may join them). */
  private bestLink(a: string, b: string): Link<EdgeData> | null {
    let best: Link<EdgeData> | null = null;
    this.graph.forEachLinkedNode(
      a,
      (other, link: Link<EdgeData>) => {
        if (String(other.id) !== b || link.data.closed) return;
        if (!best || link.data.lengthKm < best.data.lengthKm) best = link;
      },
      false,
    );
    return best;
  }

  /**
   * The road route between two nodes as positions, or null when no open road joins them. ngraph returns the path
   * target-first; when the target is reachable only through closed segments A* still hands back the lone target
   * node, so a path that does not end at the source means "unreachable".
   */
  private route(fromId: string, toId: string): { km: number; positions: Position[] } | null {
    const from = this.graph.getNode(fromId)!;
    if (fromId === toId) return { km: 0, positions: [[from.data.lon, from.data.lat]] };
    const path = this.finder.find(fromId, toId);
    if (path.length < 2 || String(path[path.length - 1]!.id) !== fromId) return null;
    const ids = path.map((n) => String(n.id)).reverse();
    let km = 0;
    const positions: Position[] = [[from.data.lon, from.data.lat]];
    for (let i = 1; i < ids.length; i += 1) {
      const link = this.bestLink(ids[i - 1]!, ids[i]!);
      if (!link) return null;
      km += link.data.lengthKm;
      const piece = link.data.from === ids[i - 1] ? link.data.positions : [...link.data.positions].reverse();
      positions.push(...piece.slice(1));
    }
    return { km, positions };
  }

  /** Road legs from one origin to many targets; routes to the same node are found once. */
  legsFrom(origin: LonLat, targets: LonLat[], maxAccessKm: number): RoadLeg[] {
    const start = this.nearestNode(origin);
    if (!start || start.accessKm > maxAccessKm) {
      const message = `搜索点距最近道路超过 ${maxAccessKm} 公里，无法计算道路距离`;
      return targets.map(() => ({ status: 'off_network', distanceKm: null, route: null, message }));
    }
    const routes = new Map<string, { km: number; positions: Position[] } | null>();
    return targets.map((target): RoadLeg => {
      const end = this.nearestNode(target);
      if (!end || end.accessKm > maxAccessKm) {
        return {
          status: 'off_network',
          distanceKm: null,
          route: null,
          message: `该资源距最近道路超过 ${maxAccessKm} 公里，无法计算道路距离`,
        };
      }
      if (!routes.has(end.id)) routes.set(end.id, this.route(start.id, end.id));
      const found = routes.get(end.id)!;
      if (!found) {
        return { status: 'unreachable', distanceKm: null, route: null, message: '无可通行道路（路段封闭或路网不连通）' };
      }
      const km = round(start.accessKm + found.km + end.accessKm);
      return {
        status: 'ok',
        distanceKm: km,
        route: { type: 'LineString', coordinates: [[origin.lon, origin.lat], ...found.positions, [target.lon, target.lat]] },
        message: `沿道路约 ${km.toFixed(1)} 公里`,
      };
    });
  }
}
