import { bbox, booleanPointInPolygon, featureCollection, intersect, point, voronoi } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import type { AreasDeps } from './areas.service.ts';

type Shape = Feature<Polygon | MultiPolygon>;

/** A small seeded generator, so the demo county looks the same on every machine. */
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

/** n well-spread points inside the shape (Mitchell's best-candidate sampling). */
function scatter(shape: Shape, n: number, random: () => number): Position[] {
  const [minX, minY, maxX, maxY] = bbox(shape);
  const inside = (): Position => {
    for (let tries = 0; tries < 10_000; tries += 1) {
      const p = [minX + random() * (maxX - minX), minY + random() * (maxY - minY)];
      if (booleanPointInPolygon(p, shape)) return p;
    }
    throw new Error('could not place a point inside the shape');
  };
  const chosen: Position[] = [];
  while (chosen.length < n) {
    let best = inside();
    let bestDistance = -1;
    for (let c = 0; c < 12 && chosen.length > 0; c += 1) {
      const candidate = inside();
      const d = Math.min(...chosen.map((q) => (q[0]! - candidate[0]!) ** 2 + (q[1]! - candidate[1]!) ** 2));
      if (d > bestDistance) [best, bestDistance] = [candidate, d];
    }
    chosen.push(best);
  }
  return chosen;
}

/** Splits a shape into one Voronoi cell per code, clipped to the shape. */
function partition(shape: Shape, codes: string[], random: () => number): Map<string, Polygon | MultiPolygon> {
  const result = new Map<string, Polygon | MultiPolygon>();
  if (codes.length === 1) return result.set(codes[0]!, shape.geometry);
  const seeds = scatter(shape, codes.length, random);
  const cells = voronoi(featureCollection(seeds.map((s) => point(s))), { bbox: bbox(shape) });
  codes.forEach((code, i) => {
    const cell = cells.features[i];
    const clipped = cell ? intersect(featureCollection<Polygon | MultiPolygon>([cell, shape])) : null;
    if (clipped) result.set(code, clipped.geometry);
  });
  return result;
}

/**
 * The demo county gets plainly-labelled demo shapes (geometry_source 'demo') for townships and villages, which no
 * public package provides, and demo populations, so that maps and per-township figures have something to show.
 * Areas that already have a geometry or a population keep theirs.
 */
export async function generateDemoGeometry(deps: AreasDeps, actor: Actor, countyCode: string): Promise<{ shaped: number }> {
  assertCan(actor, 'areas:import');
  const db = deps.db.kysely;
  const county = await db.selectFrom('areas').selectAll().where('code', '=', countyCode).executeTakeFirst();
  if (!county?.geometry) fail('AREA_NOT_FOUND', { code: countyCode }, '县没有边界，无法生成示意范围');
  const random = seededRandom(Number(countyCode));
  const children = await db
    .selectFrom('areas')
    .select(['code', 'parent_code', 'level', 'geometry', 'population'])
    .where('code', 'like', `${countyCode}%`)
    .where('level', 'in', ['township', 'village'])
    .orderBy('code')
    .execute();
  const countyShape: Shape = { type: 'Feature', properties: {}, geometry: JSON.parse(county.geometry) };
  const townships = children.filter((a) => a.level === 'township');
  const shapes = partition(
    countyShape,
    townships.map((t) => t.code),
    random,
  );
  for (const township of townships) {
    const shape = township.geometry ? JSON.parse(township.geometry) : shapes.get(township.code);
    const villages = children.filter((a) => a.parent_code === township.code).map((v) => v.code);
    if (!shape || villages.length === 0) continue;
    for (const [code, geometry] of partition({ type: 'Feature', properties: {}, geometry: shape }, villages, random)) {
      shapes.set(code, geometry);
    }
  }
  const now = deps.clock.now().toISOString();
  let shaped = 0;
  await db.transaction().execute(async (trx) => {
    const populations = new Map<string, number>();
    for (const area of children.filter((a) => a.level === 'village')) {
      const population = area.population ?? 600 + Math.round(random() * 3400);
      populations.set(area.code, population);
      populations.set(area.parent_code!, (populations.get(area.parent_code!) ?? 0) + population);
    }
    for (const area of children) {
      const shape = area.geometry ? null : shapes.get(area.code);
      await trx
        .updateTable('areas')
        .set({
          ...(shape && { geometry: JSON.stringify(shape), geometry_source: 'demo' as const }),
          population: area.population ?? populations.get(area.code) ?? null,
          updated_at: now,
        })
        .where('code', '=', area.code)
        .execute();
      if (shape) shaped += 1;
    }
    const total = townships.reduce((n, t) => n + (t.population ?? populations.get(t.code) ?? 0), 0);
    await trx
      .updateTable('areas')
      .set({ population: county.population ?? total, updated_at: now })
      .where('code', '=', countyCode)
      .execute();
    await deps.audit.record(trx, actor, {
      action: 'area.demo_geometry',
      entity: 'area',
      entityId: countyCode,
      areaCode: countyCode,
      after: { shaped, note: '示意范围与人口为演示数据' },
    });
  });
  return { shaped };
}
