// Test fixtures (not a test): a small road network around a point, shaped so that closures force detours.
import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import type { Platform } from '../../platform/platform.ts';

export type Pos = [number, number];

/** About 500 m east–west and 550 m north–south at 连山's latitude. */
export const D = 0.005;

/** A point well inside each township of the county, by code. */
export async function townshipCentres(platform: Platform, county = '441825'): Promise<Map<string, Pos>> {
  const fc = await platform.areas.geojson(SYSTEM_ACTOR, county, ['township']);
  const centres = new Map<string, Pos>();
  for (const f of fc.features) {
    const feature = f as unknown as Feature<Polygon | MultiPolygon>;
    const c = centroid(feature).geometry.coordinates as Pos;
    centres.set(
      String(f.properties?.code),
      booleanPointInPolygon(c, feature) ? c : (pointOnFeature(feature).geometry.coordinates as Pos),
    );
  }
  return centres;
}

/**
 * Around origin O = A:
 *
 *     D ──────── E
 *     │          │
 *     A ── B ─── C    C' (30 m east of C) ── G   (not joined: beyond the snapping distance)
 *          │
 *          H
 *
 * A–B–C is one LineString with B an inner vertex; B–H starts 1 m from B (a T-junction, snapped onto B); E–C is a
 * MultiLineString ending 2 m from C (snapped). Expected graph: 8 nodes, 7 edges, 1 line end snapped to another.
 */
export function testNetwork(o: Pos) {
  const at = (dx: number, dy: number): Pos => [o[0] + dx * D, o[1] + dy * D];
  const p = { A: at(0, 0), B: at(1, 0), C: at(2, 0), D: at(0, 2), E: at(2, 2), H: at(1, -2), C30: at(2.06, 0), G: at(3, 0) };
  const line = (name: string, coordinates: Pos[], extra: Record<string, unknown> = {}) => ({
    type: 'Feature',
    properties: { name, class: '县道', ...extra },
    geometry: { type: 'LineString', coordinates },
  });
  const features = [
    line('主路', [p.A, p.B, p.C]),
    line('西线', [p.A, p.D]),
    line('北线', [p.D, p.E]),
    {
      type: 'Feature',
      properties: { name: '东线', class: '乡道' },
      geometry: { type: 'MultiLineString', coordinates: [[p.E, [p.C[0], p.C[1] + 0.000018]]] },
    },
    line('支路', [[p.B[0] + 0.00001, p.B[1]], p.H], { class: '村道' }),
    line('断头路', [p.C30, p.G]),
  ];
  return { points: p, file: { type: 'FeatureCollection', features } };
}

/** The feature (edge) of a road GeoJSON whose ends are nearest to the two points. */
export function edgeBetween(fc: { features: { id: string; geometry: { coordinates: number[][] } }[] }, a: Pos, b: Pos): string {
  const gap = (p: number[], q: Pos) => Math.hypot(p[0]! - q[0], p[1]! - q[1]);
  let best = { id: '', score: Infinity };
  for (const f of fc.features) {
    const c = f.geometry.coordinates;
    const [first, last] = [c[0]!, c[c.length - 1]!];
    const score = Math.min(gap(first, a) + gap(last, b), gap(first, b) + gap(last, a));
    if (score < best.score) best = { id: f.id, score };
  }
  return best.id;
}
