import type { MultiPolygon, Polygon, Position } from 'geojson';
import { fail } from '../../../platform/errors.ts';

/**
 * CAP areas ↔ GeoJSON. CAP writes WGS-84 "lat,lon" pairs (latitude first) separated by spaces, rings closed, at least
 * four pairs; GeoJSON writes [lon, lat]. Swapping the two is the classic CAP bug (domain-rules B.1), hence the checks.
 */

/** A circle as the warning contracts hold it (TargetCircle): centre and radius in kilometres. */
export interface CapCircle {
  lon: number;
  lat: number;
  radiusKm: number;
}

/** [minLon, minLat, maxLon, maxLat], e.g. a county's bounding box. */
export type Bbox = [number, number, number, number];

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const SWAP_HINT = '经纬度顺序可能颠倒（CAP 为“纬度,经度”，GeoJSON 为 [经度, 纬度]）';

/** Rounded to 6 decimals (≈ 0.1 m) and never in exponent form, which CAP readers would not understand. */
function coordinateText(value: number): string {
  return String(Number(value.toFixed(6)));
}

function rangeProblem(lat: number, lon: number): string | null {
  if (lat < -90 || lat > 90) {
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
    return `纬度 ${lat} 超出 [-90, 90]${swapped ? `：${SWAP_HINT}` : ''}`;
  }
  if (lon < -180 || lon > 180) return `经度 ${lon} 超出 [-180, 180]`;
  return null;
}

function readPair(token: string): { lat: number; lon: number } | null {
  const parts = token.split(',');
  if (parts.length !== 2 || !parts.every((p) => NUMBER.test(p))) return null;
  return { lat: Number(parts[0]), lon: Number(parts[1]) };
}

/** A CAP polygon as a GeoJSON ring ([lon, lat]), or what is wrong with it (in Chinese). */
export function readCapPolygon(text: string): { ring: Position[] } | { error: string } {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const ring: Position[] = [];
  for (const [i, token] of tokens.entries()) {
    const pair = readPair(token);
    if (!pair) return { error: `第 ${i + 1} 个坐标对“${token}”不是“纬度,经度”格式` };
    const problem = rangeProblem(pair.lat, pair.lon);
    if (problem) return { error: `第 ${i + 1} 个坐标对：${problem}` };
    ring.push([pair.lon, pair.lat]);
  }
  if (ring.length < 4) return { error: `多边形至少需要 4 个坐标对（首尾相同），实际 ${ring.length} 个` };
  if (tokens[0] !== tokens.at(-1) && !samePosition(ring[0]!, ring.at(-1)!)) {
    return { error: `多边形未闭合：第一个坐标对“${tokens[0]}”与最后一个“${tokens.at(-1)}”不同` };
  }
  return { ring };
}

/** A CAP circle ("lat,lon radiusKm"), or what is wrong with it. */
export function readCapCircle(text: string): { circle: CapCircle } | { error: string } {
  const [centre, radius, ...rest] = text.trim().split(/\s+/);
  const pair = centre === undefined ? null : readPair(centre);
  if (!pair || radius === undefined || !NUMBER.test(radius) || rest.length > 0) {
    return { error: `圆形区域“${text.trim()}”不是“纬度,经度 半径（公里）”格式` };
  }
  const problem = rangeProblem(pair.lat, pair.lon);
  if (problem) return { error: `圆心：${problem}` };
  const radiusKm = Number(radius);
  if (!(radiusKm > 0)) return { error: `圆形区域半径应大于 0 公里，实际 ${radius}` };
  return { circle: { lon: pair.lon, lat: pair.lat, radiusKm } };
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A ring from our own API as CAP text; an unclosed, too short or out-of-range ring is the caller's error. */
function ringToCap(ring: Position[], label: string): string {
  if (ring.length < 4)
    fail('WARNING_TARGET_INVALID', { ring: label }, `${label}至少需要 4 个点（首尾相同），实际 ${ring.length} 个`);
  if (!samePosition(ring[0]!, ring.at(-1)!)) {
    fail('WARNING_TARGET_INVALID', { ring: label }, `${label}未闭合：第一个点与最后一个点应相同`);
  }
  for (const [lon, lat] of ring) {
    const problem = rangeProblem(lat!, lon!);
    if (problem) fail('WARNING_TARGET_INVALID', { ring: label }, `${label}：${problem}`);
  }
  return ring.map(([lon, lat]) => `${coordinateText(lat!)},${coordinateText(lon!)}`).join(' ');
}

/**
 * GeoJSON → CAP polygon texts, one per polygon (several CAP polygons in one area mean their union). CAP has no holes,
 * so only outer rings are sent: a warning over-covers a hole rather than leaving anyone in it unwarned.
 */
export function geoJsonToCapPolygons(geometry: Polygon | MultiPolygon): string[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings, i) => {
    const outer = rings[0];
    const label = polygons.length > 1 ? `第 ${i + 1} 个多边形` : '多边形';
    if (!outer) fail('WARNING_TARGET_INVALID', { ring: label }, `${label}没有坐标`);
    return ringToCap(outer, label);
  });
}

/** CAP polygon texts → one GeoJSON Polygon, or a MultiPolygon when there are several; null when there are none. */
export function capPolygonsToGeoJson(polygons: string[]): Polygon | MultiPolygon | null {
  const rings = polygons.map((text, i) => {
    const read = readCapPolygon(text);
    if ('error' in read) fail('CAP_INVALID', { polygon: i + 1 }, `CAP 第 ${i + 1} 个多边形：${read.error}`);
    return read.ring;
  });
  if (rings.length === 0) return null;
  if (rings.length === 1) return { type: 'Polygon', coordinates: [rings[0]!] };
  return { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) };
}

export function circleToCap(circle: CapCircle): string {
  const problem = rangeProblem(circle.lat, circle.lon);
  if (problem) fail('WARNING_TARGET_INVALID', { circle }, `圆心：${problem}`);
  if (!(circle.radiusKm > 0)) fail('WARNING_TARGET_INVALID', { circle }, '圆形区域半径应大于 0 公里');
  return `${coordinateText(circle.lat)},${coordinateText(circle.lon)} ${coordinateText(circle.radiusKm)}`;
}

export function capToCircle(text: string): CapCircle {
  const read = readCapCircle(text);
  if ('error' in read) fail('CAP_INVALID', { circle: text }, `CAP ${read.error}`);
  return read.circle;
}

/** How far outside the county box a drawn shape may reach: hand-drawn borders overshoot; ~0.1° ≈ 10 km. */
export const COUNTY_BBOX_MARGIN_DEG = 0.1;

/**
 * A ring ([lon, lat]) drawn for this county must lie in the county's box (plus a margin). When it does not, but would
 * with every pair swapped, the caller almost certainly swapped latitude and longitude — said so plainly.
 */
export function assertPlausibleLatLon(ring: Position[], bbox: Bbox, marginDeg: number = COUNTY_BBOX_MARGIN_DEG): void {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const inside = (lon: number, lat: number) =>
    lon >= minLon - marginDeg && lon <= maxLon + marginDeg && lat >= minLat - marginDeg && lat <= maxLat + marginDeg;
  const outside = ring.filter(([lon, lat]) => !inside(lon!, lat!));
  if (outside.length === 0) return;
  const [lon, lat] = outside[0]!;
  if (ring.every(([x, y]) => inside(y!, x!))) {
    fail(
      'WARNING_TARGET_INVALID',
      { bbox, example: outside[0] },
      `经纬度顺序可能颠倒：点 [${lon}, ${lat}] 不在本县范围内，交换后则在范围内`,
    );
  }
  fail(
    'WARNING_TARGET_INVALID',
    { bbox, outside: outside.length, example: outside[0] },
    `预警区域超出本县范围：${outside.length} 个点在县域外（如 [${lon}, ${lat}]）`,
  );
}
