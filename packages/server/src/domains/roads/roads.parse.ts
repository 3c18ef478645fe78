import { fail } from '../../platform/errors.ts';

export type Position = [number, number];

/** One problem in an imported file, in the shape every import reports (Excel and GeoJSON alike). */
export interface RowError {
  /** 1-based feature number; 0 for the file as a whole. */
  row: number;
  column: string;
  message: string;
}

/** One road line of the file, valid, with its properties. */
export interface RoadLine {
  row: number;
  positions: Position[];
  name: string | null;
  roadClass: string | null;
  closed: boolean;
}

function linePositions(raw: unknown): Position[] | string {
  if (!Array.isArray(raw) || raw.length < 2) return '线至少需要 2 个点';
  const positions: Position[] = [];
  for (const p of raw as unknown[]) {
    if (!Array.isArray(p) || p.length < 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return '坐标必须是 [经度, 纬度] 数字对';
    }
    const [lon, lat] = p as number[];
    if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) return `坐标超出经纬度范围：${lon},${lat}（经纬度是否写反？）`;
    const last = positions[positions.length - 1];
    // Repeated positions add nothing and would make zero-length pieces.
    if (!last || last[0] !== lon || last[1] !== lat) positions.push([lon!, lat!]);
  }
  if (positions.length < 2) return '线至少需要 2 个不同的点';
  return positions;
}

function optionalText(value: unknown, max: number): string | null | false {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > max) return false;
  return value.trim() || null;
}

/**
 * Reads a GeoJSON FeatureCollection of LineStrings / MultiLineStrings (WGS-84) into road lines, checking every
 * feature; any problem rejects the whole file with the full list (GEOJSON_INVALID, details.errors).
 */
export function parseRoadFile(input: unknown): RoadLine[] {
  const fc = input as { type?: unknown; features?: unknown } | null;
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    fail('GEOJSON_INVALID', { errors: [{ row: 0, column: 'type', message: '文件不是 GeoJSON FeatureCollection' }] });
  }
  if (fc.features.length === 0) {
    fail('GEOJSON_INVALID', { errors: [{ row: 0, column: 'features', message: '文件中没有任何道路' }] });
  }
  const errors: RowError[] = [];
  const lines: RoadLine[] = [];
  (fc.features as unknown[]).forEach((raw, index) => {
    const row = index + 1;
    const feature = raw as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') {
      errors.push({ row, column: 'type', message: '不是 GeoJSON Feature' });
      return;
    }
    const props = (feature.properties ?? {}) as Record<string, unknown>;
    if (typeof props !== 'object' || Array.isArray(props)) {
      errors.push({ row, column: 'properties', message: 'properties 应为对象' });
      return;
    }
    const name = optionalText(props.name, 64);
    if (name === false) errors.push({ row, column: 'properties.name', message: '道路名称应为不超过 64 字的文字' });
    const roadClass = optionalText(props.class, 32);
    if (roadClass === false) errors.push({ row, column: 'properties.class', message: '道路等级应为不超过 32 字的文字' });
    const closed = props.closed ?? false;
    if (typeof closed !== 'boolean') errors.push({ row, column: 'properties.closed', message: 'closed 应为 true 或 false' });

    const geometry = feature.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (!geometry || typeof geometry !== 'object') {
      errors.push({ row, column: 'geometry', message: '缺少 geometry' });
      return;
    }
    let parts: unknown[];
    if (geometry.type === 'LineString') parts = [geometry.coordinates];
    else if (geometry.type === 'MultiLineString' && Array.isArray(geometry.coordinates) && geometry.coordinates.length > 0) {
      parts = geometry.coordinates;
    } else {
      errors.push({
        row,
        column: 'geometry',
        message: `几何类型应为 LineString 或 MultiLineString（且有坐标），实际为 ${String(geometry.type)}`,
      });
      return;
    }
    for (const part of parts) {
      const positions = linePositions(part);
      if (typeof positions === 'string') {
        errors.push({ row, column: 'geometry.coordinates', message: positions });
        return;
      }
      if (name !== false && roadClass !== false && typeof closed === 'boolean') {
        lines.push({ row, positions, name, roadClass, closed });
      }
    }
  });
  if (errors.length > 0) fail('GEOJSON_INVALID', { errors });
  return lines;
}
