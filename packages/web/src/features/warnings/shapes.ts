import type { TargetCircle, TargetPolygon } from '@yingji/contracts/warnings.ts';
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry, Position } from 'geojson';

/** Mean Earth radius, as turf uses it: enough for drawing a circle of a few kilometres. */
const EARTH_RADIUS_KM = 6371.0088;
const CIRCLE_STEPS = 64;
/** Six decimals of a degree are about 10 cm: what a click on a county map can mean. */
const round = (value: number) => Number(value.toFixed(6));

/** Clicked points ([lon, lat]) as the contract's polygon: GeoJSON order, the ring closed (first point = last). */
export function polygonOf(points: Position[]): TargetPolygon | null {
  if (points.length < 3) return null;
  const ring = points.map(([lon, lat]) => [round(lon!), round(lat!)] as [number, number]);
  const first = ring[0]!;
  return { type: 'Polygon', coordinates: [[...ring, [first[0], first[1]]]] };
}

/** The great-circle distance in km between two [lon, lat] points (the radius a drag gives). */
export function distanceKm([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const dLat = (lat2! - lat1!) * rad;
  const dLon = (lon2! - lon1!) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

/** A circle drawn as a closed 64-gon, for showing it on the map (the server takes the circle itself). */
export function circleOutline({ lon, lat, radiusKm }: TargetCircle): TargetPolygon {
  const rad = Math.PI / 180;
  const angular = radiusKm / EARTH_RADIUS_KM;
  const ring: [number, number][] = [];
  for (let i = 0; i <= CIRCLE_STEPS; i += 1) {
    const bearing = ((i % CIRCLE_STEPS) / CIRCLE_STEPS) * 2 * Math.PI;
    const lat2 = Math.asin(Math.sin(lat * rad) * Math.cos(angular) + Math.cos(lat * rad) * Math.sin(angular) * Math.cos(bearing));
    const lon2 =
      lon * rad +
      Math.atan2(
        Math.sin(bearing) * Math.sin(angular) * Math.cos(lat * rad),
        Math.cos(angular) - Math.sin(lat * rad) * Math.sin(lat2),
      );
    ring.push([round(lon2 / rad), round(lat2 / rad)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

function isGeometry(value: unknown): value is Geometry {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Whatever GeoJSON the public API gives for a warning's area (a geometry, a feature or a collection of them) as
 * features carrying the given properties, so a map layer can colour them.
 */
export function featuresOf(geometry: unknown, properties: GeoJsonProperties): Feature[] {
  if (!isGeometry(geometry)) return [];
  const value = geometry as Geometry | Feature | FeatureCollection;
  if (value.type === 'FeatureCollection') return value.features.flatMap((f) => featuresOf(f.geometry, properties));
  if (value.type === 'Feature') return featuresOf(value.geometry, properties);
  if (value.type === 'GeometryCollection') return value.geometries.flatMap((g) => featuresOf(g, properties));
  return [{ type: 'Feature', geometry: value, properties }];
}
