import { bbox } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { referenceDir } from '../../areas/areas.reference.ts';
import {
  assertPlausibleLatLon,
  capPolygonsToGeoJson,
  capToCircle,
  circleToCap,
  geoJsonToCapPolygons,
  type Bbox,
} from './cap.geo.ts';

/** 连山's real bounding box, from the reference outline the platform ships. */
function lianshanBbox(): Bbox {
  const outline = JSON.parse(fs.readFileSync(path.join(referenceDir(), 'boundaries', '441825.geojson'), 'utf8')) as Feature;
  return bbox(outline) as Bbox;
}

function appErrorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const RING = [
  [112.02, 24.46],
  [112.16, 24.46],
  [112.19, 24.62],
  [112.02, 24.46],
];

describe('GeoJSON ↔ CAP polygons', () => {
  it('writes lat,lon pairs, closed, and reads them back as [lon, lat]', () => {
    const polygon: Polygon = { type: 'Polygon', coordinates: [RING] };
    const cap = geoJsonToCapPolygons(polygon);
    expect(cap).toEqual(['24.46,112.02 24.46,112.16 24.62,112.19 24.46,112.02']);
    expect(capPolygonsToGeoJson(cap)).toEqual(polygon);
  });

  it('writes one CAP polygon per part of a MultiPolygon, outer rings only (CAP has no holes)', () => {
    const hole = [
      [112.1, 24.5],
      [112.12, 24.5],
      [112.11, 24.52],
      [112.1, 24.5],
    ];
    const shifted = RING.map(([lon, lat]) => [lon! + 0.1, lat! + 0.1]);
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[RING, hole], [shifted]] };
    const cap = geoJsonToCapPolygons(multi);
    expect(cap).toEqual([
      '24.46,112.02 24.46,112.16 24.62,112.19 24.46,112.02',
      '24.56,112.12 24.56,112.26 24.72,112.29 24.56,112.12',
    ]);
    expect(capPolygonsToGeoJson(cap)).toEqual({
      type: 'MultiPolygon',
      coordinates: [[RING], [shifted.map(([x, y]) => [Number(x!.toFixed(6)), Number(y!.toFixed(6))])]],
    });
    expect(capPolygonsToGeoJson([])).toBeNull();
  });

  it('rounds to 6 decimals and never writes exponent notation', () => {
    const tiny = [
      [0.0000001, 0],
      [1, 0],
      [1, 1],
      [0.0000001, 0],
    ];
    expect(geoJsonToCapPolygons({ type: 'Polygon', coordinates: [tiny] })).toEqual(['0,0 0,1 1,1 0,0']);
  });

  it('refuses an unclosed ring from our own API with a clear WARNING_TARGET_INVALID', () => {
    const error = appErrorOf(() =>
      geoJsonToCapPolygons({ type: 'Polygon', coordinates: [RING.slice(0, 3).concat([[112.0, 24.7]])] }),
    );
    expect(error.code).toBe('WARNING_TARGET_INVALID');
    expect(error.message).toBe('多边形未闭合：第一个点与最后一个点应相同');
    const short = appErrorOf(() => geoJsonToCapPolygons({ type: 'Polygon', coordinates: [[RING[0]!, RING[1]!, RING[0]!]] }));
    expect(short.message).toBe('多边形至少需要 4 个点（首尾相同），实际 3 个');
  });

  it('refuses an unreadable CAP polygon with CAP_INVALID', () => {
    const error = appErrorOf(() => capPolygonsToGeoJson(['24.46;112.02 24.46,112.16 24.62,112.19 24.46,112.02']));
    expect(error.code).toBe('CAP_INVALID');
    expect(error.message).toContain('第 1 个坐标对“24.46;112.02”不是“纬度,经度”格式');
  });
});

describe('circles', () => {
  it('writes "lat,lon radiusKm" and reads it back', () => {
    const circle = { lon: 112.0936, lat: 24.5705, radiusKm: 5 };
    expect(circleToCap(circle)).toBe('24.5705,112.0936 5');
    expect(capToCircle('24.5705,112.0936 5')).toEqual(circle);
  });

  it('refuses a zero radius and an out-of-range centre', () => {
    expect(appErrorOf(() => circleToCap({ lon: 112, lat: 24, radiusKm: 0 })).message).toBe('圆形区域半径应大于 0 公里');
    expect(appErrorOf(() => capToCircle('112.09,24.57 5')).message).toContain('经纬度顺序可能颠倒');
  });
});

describe('assertPlausibleLatLon', () => {
  it('accepts a ring inside the county box', () => {
    expect(() => assertPlausibleLatLon(RING, lianshanBbox())).not.toThrow();
  });

  it('says the order may be swapped when the swapped ring would lie in the county', () => {
    const swapped = RING.map(([lon, lat]) => [lat!, lon!]);
    const error = appErrorOf(() => assertPlausibleLatLon(swapped, lianshanBbox()));
    expect(error.code).toBe('WARNING_TARGET_INVALID');
    expect(error.message).toMatch(/^经纬度顺序可能颠倒：点 \[24\.46, 112\.02\] 不在本县范围内/);
  });

  it('says the area lies outside the county when swapping would not help', () => {
    const beijing = RING.map(([lon, lat]) => [lon! + 4.3, lat! + 15.4]);
    const error = appErrorOf(() => assertPlausibleLatLon(beijing, lianshanBbox()));
    expect(error.message).toMatch(/^预警区域超出本县范围：4 个点在县域外/);
  });

  it('tolerates a drawn border that overshoots the box by less than the margin', () => {
    const [minLon] = lianshanBbox();
    const overshoot = [[minLon - 0.05, 24.5], ...RING.slice(1, -1), [minLon - 0.05, 24.5]];
    expect(() => assertPlausibleLatLon(overshoot, lianshanBbox())).not.toThrow();
    expect(() => assertPlausibleLatLon(overshoot, lianshanBbox(), 0)).toThrow(AppError);
  });
});
