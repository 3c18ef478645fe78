import type { AreaNode } from '@yingji/contracts/areas.ts';
import type { WarningTarget } from '@yingji/contracts/warnings.ts';
import { bbox, booleanIntersects, circle as circlePolygon, polygon as turfPolygon } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { Actor } from '../../platform/access/actor.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import { geoJsonToCapPolygons } from './cap/cap.geo.ts';
import type { AreasService } from '../areas/areas.service.ts';

/** A village a warning reaches, with the grid officers under it (网格员 are kept on the grid areas). */
export interface TargetVillage {
  code: string;
  name: string;
  townshipName: string | null;
  gridOfficers: { gridCode: string; name: string; phone: string }[];
}

/** Township → village → group/grid: deep enough from a township root to reach every grid. */
const DEPTH_TO_GRIDS = 3;

/**
 * Resolves a warning's target to villages, the unit of coverage and 落实: areas picked from the tree (a township
 * brings all its villages; a grid brings its village), and villages whose outline meets a drawn polygon or circle.
 * Everything must lie within the actor's scope; a shape that reaches no village is refused.
 */
export async function resolveTarget(areas: AreasService, actor: Actor, target: WarningTarget): Promise<TargetVillage[]> {
  const villages = new Map<string, TargetVillage>();
  for (const code of target.areaCodes) {
    assertWithinScope(actor, code);
    const root = code.length > 12 ? code.slice(0, 12) : code;
    for (const tree of await areas.tree(actor, root, DEPTH_TO_GRIDS)) collectVillages(tree, null, villages);
  }
  const shape = targetShape(target);
  if (shape) {
    const outlines = await areas.geojson(actor, actor.areaCode || undefined, ['village']);
    const wanted = outlines.features.filter((f) => booleanIntersects(f as unknown as Feature, shape));
    if (wanted.length === 0) checkShapeNearScope(shape, outlines.features);
    for (const feature of wanted) {
      const code = String((feature.properties as { code: string }).code);
      if (villages.has(code)) continue;
      for (const tree of await areas.tree(actor, code, 1)) collectVillages(tree, null, villages);
    }
  }
  if (villages.size === 0) fail('WARNING_TARGET_EMPTY', { target });
  return [...villages.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function collectVillages(node: AreaNode, townshipName: string | null, into: Map<string, TargetVillage>): void {
  if (node.level === 'village') {
    const gridOfficers = node.children
      .filter((c) => c.gridOfficerPhone)
      .map((c) => ({ gridCode: c.code, name: c.gridOfficerName ?? c.name, phone: c.gridOfficerPhone! }));
    into.set(node.code, { code: node.code, name: node.name, townshipName, gridOfficers });
    return;
  }
  const nextTownship = node.level === 'township' ? node.name : townshipName;
  for (const child of node.children) collectVillages(child, nextTownship, into);
}

/** The drawn polygon or circle as one GeoJSON polygon (a circle becomes a 64-sided polygon). */
export function targetShape(target: WarningTarget): Feature<Polygon> | null {
  if (target.polygon) {
    // The CAP conversion checks what CAP will need: closed rings of ≥ 4 points, coordinates in range (with a hint when
    // latitude and longitude look swapped).
    geoJsonToCapPolygons(target.polygon);
    return turfPolygon(target.polygon.coordinates);
  }
  if (target.circle) {
    return circlePolygon([target.circle.lon, target.circle.lat], target.circle.radiusKm, { units: 'kilometers', steps: 64 });
  }
  return null;
}

/**
 * A shape that meets no village: if swapping its coordinates would put it over the county, say so — lat/lon order
 * is the classic mistake with CAP (lat,lon) versus GeoJSON ([lon,lat]).
 */
function checkShapeNearScope(shape: Feature<Polygon>, outlines: { geometry: unknown }[]): void {
  if (outlines.length === 0) return;
  const [minX, minY, maxX, maxY] = bbox({ type: 'FeatureCollection', features: outlines } as Parameters<typeof bbox>[0]);
  const ring = shape.geometry.coordinates[0]!;
  const swappedInside = ring.every(([x, y]) => y! >= minX && y! <= maxX && x! >= minY && x! <= maxY);
  if (swappedInside) {
    fail(
      'WARNING_TARGET_INVALID',
      { reason: 'lat_lon_swapped' },
      '多边形不在本辖区内，但交换经纬度后落在辖区内：经纬度顺序可能颠倒（应为 [经度, 纬度]）',
    );
  }
  fail('WARNING_TARGET_INVALID', { reason: 'outside_scope' }, '所画范围不在您的辖区内');
}
