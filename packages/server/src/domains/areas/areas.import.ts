import gcoord from 'gcoord';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import { areasRepo } from './areas.repo.ts';
import type { AreasDeps } from './areas.service.ts';

export type SourceCrs = 'wgs84' | 'gcj02' | 'bd09';

interface RowError {
  row: number;
  code: string | null;
  problem: string;
}

type Position = number[];

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return '多边形的环至少需要 4 个点';
  for (const p of ring as unknown[]) {
    if (!Array.isArray(p) || p.length < 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return '坐标必须是 [经度, 纬度] 数字对';
    }
    const [lon, lat] = p as Position;
    if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) return `坐标超出经纬度范围：${lon},${lat}`;
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return '多边形的环没有闭合（首尾坐标应相同）';
  return null;
}

function geometryProblem(geometry: unknown): string | null {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return '缺少 geometry';
  const polygons =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? g.coordinates : null;
  if (!polygons) return `几何类型应为 Polygon 或 MultiPolygon，实际为 ${String(g.type)}`;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return '多边形没有坐标';
    for (const ring of polygon) {
      const problem = ringProblem(ring);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * `yingji import areas-geojson <file>`: authoritative boundaries for existing areas, matched by the feature's
 * `code` (or DataV-style `adcode`). All or nothing: one bad feature rejects the file with every problem listed.
 */
export async function importAreaGeojson(
  deps: AreasDeps,
  actor: Actor,
  input: unknown,
  crs: SourceCrs = 'wgs84',
): Promise<{ updated: number }> {
  assertCan(actor, 'areas:import');
  const fc = input as { type?: string; features?: unknown[] };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    fail('GEOJSON_INVALID', { errors: [{ row: 0, code: null, problem: '文件不是 GeoJSON FeatureCollection' }] });
  }
  const errors: RowError[] = [];
  const accepted: { row: number; code: string; geometry: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  fc.features.forEach((raw, index) => {
    const feature = raw as { properties?: Record<string, unknown> | null; geometry?: unknown };
    const props = feature?.properties ?? {};
    const code = String(props.code ?? props.adcode ?? '') || null;
    const row = index + 1;
    if (!code || !/^(\d{6}|\d{9}|\d{12}|\d{15})$/.test(code)) {
      errors.push({ row, code, problem: '属性 code（或 adcode）应为 6/9/12/15 位行政区划代码' });
      return;
    }
    if (seen.has(code)) errors.push({ row, code, problem: '文件中代码重复' });
    seen.add(code);
    const problem = geometryProblem(feature.geometry);
    if (problem) {
      errors.push({ row, code, problem });
      return;
    }
    // gcoord converts in place: a copy keeps the caller's input (and any geometry it shares) unshifted.
    const geometry =
      crs === 'wgs84'
        ? (feature.geometry as Record<string, unknown>)
        : (gcoord.transform(
            structuredClone(feature.geometry) as never,
            crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09,
            gcoord.WGS84,
          ) as Record<string, unknown>);
    accepted.push({ row, code, geometry });
  });
  const existing = await areasRepo.existingCodes(
    deps.db.kysely,
    accepted.map((a) => a.code),
  );
  for (const { row, code } of accepted) {
    if (!existing.has(code)) errors.push({ row, code, problem: '该行政区划不存在，请先加载县的区划数据' });
  }
  if (errors.length > 0) fail('GEOJSON_INVALID', { errors: errors.sort((a, b) => a.row - b.row) });
  const now = deps.clock.now().toISOString();
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const { code, geometry } of accepted) {
      const before = await trx.selectFrom('areas').select(['geometry_source']).where('code', '=', code).executeTakeFirstOrThrow();
      await areasRepo.update(trx, code, { geometry: JSON.stringify(geometry), geometry_source: 'imported', updated_at: now });
      await deps.audit.record(trx, actor, {
        action: 'area.import_geometry',
        entity: 'area',
        entityId: code,
        areaCode: code,
        before: { geometrySource: before.geometry_source },
        after: { geometrySource: 'imported', crs },
      });
    }
  });
  return { updated: accepted.length };
}
