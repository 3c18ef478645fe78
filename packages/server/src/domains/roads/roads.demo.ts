import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AreasService } from '../areas/areas.service.ts';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import type { Position } from './roads.parse.ts';
import type { RoadsService } from './roads.service.ts';

interface Place {
  code: string;
  name: string;
  at: Position;
}

interface Link {
  a: Place;
  b: Place;
  name: string;
  roadClass: string;
}

/** A small seeded generator, so the demo network is the same on every machine. */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dist2 = (a: Position, b: Position) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;

/** A point inside the area: its centroid when that lies inside, any inner point otherwise. */
function centreOf(feature: Shape): Position {
  const c = centroid(feature).geometry.coordinates as Position;
  return booleanPointInPolygon(c, feature) ? c : (pointOnFeature(feature).geometry.coordinates as Position);
}

type Shape = Feature<Polygon | MultiPolygon>;

/** Whether the straight way between two places stays inside the county (sampled; its outline is not convex). */
function staysInside(a: Position, b: Position, county: Shape): boolean {
  for (let i = 1; i < 10; i += 1) {
    const t = i / 10;
    if (!booleanPointInPolygon([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], county)) return false;
  }
  return true;
}

/**
 * Prim's minimum spanning tree over places (planar degrees are fine at county scale); a way that leaves the county
 * costs a hundred times more, so it is taken only when nothing else connects.
 */
function spanningTree(places: Place[], county: Shape): [Place, Place][] {
  const cost = (a: Place, b: Place) => dist2(a.at, b.at) * (staysInside(a.at, b.at, county) ? 1 : 100);
  if (places.length < 2) return [];
  const inTree = new Set<Place>([places[0]!]);
  const links: [Place, Place][] = [];
  while (inTree.size < places.length) {
    let best: [Place, Place] | null = null;
    for (const a of inTree) {
      for (const b of places) {
        if (inTree.has(b)) continue;
        if (!best || cost(a, b) < cost(best[0], best[1])) best = [a, b];
      }
    }
    links.push(best!);
    inTree.add(best![1]);
  }
  return links;
}

/**
 * A road between two places that bends a little, as mountain roads do, unless bending takes it out of the county;
 * its ends stay exactly on the places.
 */
function bendingLine(a: Position, b: Position, random: () => number, county: Shape): Position[] {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const line: Position[] = [a];
  for (let i = 1; i < 5; i += 1) {
    const t = i / 5;
    const offset = (random() - 0.5) * 0.12;
    line.push([a[0] + dx * t - dy * offset, a[1] + dy * t + dx * offset]);
  }
  line.push(b);
  return line.every((p) => booleanPointInPolygon(p, county)) ? line : [a, b];
}

const shortName = (name: string) =>
  name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, (m) => (m.startsWith('居') ? '社区' : '村'));

/**
 * 演示路网 for the demo county: 县道 joining the township centres (a spanning tree plus each township's two nearest
 * neighbours, so there are detours when a road is closed) and 村道 from each township centre to its villages. It is
 * generated from the demo area shapes, stored with the demo flag and labelled 演示路网 wherever it is shown.
 * Does nothing when a road network exists already.
 */
export async function generateDemoRoads(
  roads: RoadsService,
  areas: AreasService,
  countyCode: string,
): Promise<{ edges: number } | null> {
  if (await roads.hasNetwork()) return null;
  const shapes = await areas.geojson(SYSTEM_ACTOR, countyCode, ['county', 'township', 'village']);
  const county = shapes.features.find((f) => f.properties?.level === 'county') as unknown as Shape | undefined;
  if (!county) return null;
  const random = seededRandom(Number(countyCode) + 7);
  const placeOf = (f: (typeof shapes.features)[number]): Place => ({
    code: String(f.properties?.code),
    name: String(f.properties?.name),
    at: centreOf(f as unknown as Shape),
  });
  const townships = shapes.features.filter((f) => f.properties?.level === 'township').map(placeOf);
  const villages = shapes.features.filter((f) => f.properties?.level === 'village').map(placeOf);
  if (townships.length === 0) return null;

  const links: Link[] = [];
  const joined = new Set<string>();
  const countyRoad = (a: Place, b: Place) => {
    const key = [a.code, b.code].sort().join('-');
    if (joined.has(key)) return;
    joined.add(key);
    links.push({ a, b, name: `${a.name}—${b.name}公路`, roadClass: '县道' });
  };
  for (const [a, b] of spanningTree(townships, county)) countyRoad(a, b);
  for (const a of townships) {
    const nearest = townships
      .filter((b) => b !== a && staysInside(a.at, b.at, county))
      .sort((p, q) => dist2(a.at, p.at) - dist2(a.at, q.at));
    for (const b of nearest.slice(0, 2)) countyRoad(a, b);
  }
  for (const township of townships) {
    const own = villages.filter((v) => v.code.startsWith(township.code));
    for (const [a, b] of spanningTree([township, ...own], county)) {
      // A township with a single village shares its centre: that village is on the network already.
      if (dist2(a.at, b.at) < 1e-10) continue;
      const village = b === township ? a : b;
      links.push({ a, b, name: `通${shortName(village.name)}公路`, roadClass: '村道' });
    }
  }

  const result = await roads.import(
    SYSTEM_ACTOR,
    {
      type: 'FeatureCollection',
      features: links.map((link) => ({
        type: 'Feature',
        properties: { name: link.name, class: link.roadClass },
        geometry: { type: 'LineString', coordinates: bendingLine(link.a.at, link.b.at, random, county) },
      })),
    },
    { demo: true },
  );
  return { edges: result.edges };
}
