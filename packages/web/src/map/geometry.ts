import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export type Bounds = [west: number, south: number, east: number, north: number];

function eachPosition(geometry: Geometry | null, visit: (p: Position) => void): void {
  if (!geometry) return;
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      break;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line) => line.forEach(visit));
      break;
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      break;
    case 'GeometryCollection':
      geometry.geometries.forEach((g) => eachPosition(g, visit));
      break;
  }
}

/** The bounding box of the given features, or null when none has coordinates. */
export function boundsOf(features: Iterable<Feature>): Bounds | null {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of features) {
    eachPosition(feature.geometry, ([x, y]) => {
      if (x === undefined || y === undefined) return;
      west = Math.min(west, x);
      south = Math.min(south, y);
      east = Math.max(east, x);
      north = Math.max(north, y);
    });
  }
  return Number.isFinite(west) ? [west, south, east, north] : null;
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return Math.abs(sum / 2);
}

function insideRing([x, y]: [number, number], ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * A point inside a polygon to hang its label on: the centroid when it falls inside, otherwise the middle of the
 * widest stretch of the horizontal line through it (a crescent-shaped township would put its centroid outside).
 * MapLibre would label a polygon once per tile, which repeats names on county-sized shapes.
 */
function labelPoint(rings: Position[][]): Position | null {
  const outer = rings[0];
  if (!outer || outer.length < 3) return null;
  let cx = 0;
  let cy = 0;
  let weight = 0;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const [x0, y0] = outer[j] as [number, number];
    const [x1, y1] = outer[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
    weight += cross * 3;
  }
  if (weight === 0) return outer[0] ?? null;
  const centroid: [number, number] = [cx / weight, cy / weight];
  if (insideRing(centroid, outer)) return centroid;

  const crossings: number[] = [];
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const [xi, yi] = outer[i] as [number, number];
    const [xj, yj] = outer[j] as [number, number];
    if (yi > centroid[1] !== yj > centroid[1]) crossings.push(((xj - xi) * (centroid[1] - yi)) / (yj - yi) + xi);
  }
  crossings.sort((a, b) => a - b);
  let best: Position = outer[0]!;
  let widest = -1;
  for (let k = 0; k + 1 < crossings.length; k += 2) {
    const width = crossings[k + 1]! - crossings[k]!;
    if (width > widest) [widest, best] = [width, [(crossings[k]! + crossings[k + 1]!) / 2, centroid[1]]];
  }
  return best;
}

/** The features with every polygon replaced by a label point on its largest part; other geometries unchanged. */
export function labelFeatures(collection: FeatureCollection): FeatureCollection {
  const features: Feature[] = [];
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') {
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      const largest =
        polygons.length > 0 ? polygons.reduce((a, b) => (ringArea(b[0] ?? []) > ringArea(a[0] ?? []) ? b : a)) : null;
      const point = largest ? labelPoint(largest) : null;
      if (point) features.push({ ...feature, geometry: { type: 'Point', coordinates: point } });
    } else if (geometry) {
      features.push(feature);
    }
  }
  return { type: 'FeatureCollection', features };
}
