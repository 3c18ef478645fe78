import type { StationRuleView } from '@yingji/contracts/alarms.ts';
import type { Series, Station } from '@yingji/contracts/monitoring.ts';
import { describe, expect, it } from 'vitest';
import { chartOption, slidingSum } from './chartOption.ts';
import { thresholdsFor } from './thresholds.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-06-01T00:00:00Z');

const station = (overrides: Partial<Station> = {}): Station => ({
  id: '00000000-0000-4000-8000-000000000001',
  code: 'WL-1',
  name: '连江永和水位站',
  kind: 'water_level',
  lon: 112,
  lat: 24.6,
  areaCode: '441825100201',
  ownerType: 'department',
  ownerName: '县水利局',
  deviceIds: [],
  state: 'online',
  waterLevels: { warning: 215.5, guaranteed: 217, historicMax: 218.2 },
  note: null,
  mqttUsername: 'WL-1',
  lastReadingAt: null,
  latest: [],
  counters: { accepted: 0, duplicates: 0, rejected: 0, rateLimited: 0, lastRejectReason: null, lastRejectedAt: null },
  demo: false,
  createdAt: '2026-06-01T00:00:00Z',
  updatedAt: '2026-06-01T00:00:00Z',
  ...overrides,
});

const rule = (name: StationRuleView['rule'], effective: unknown): StationRuleView => ({
  rule: name,
  effective,
  source: 'default',
  version: 0,
  updatedAt: null,
  updatedBy: null,
});

const none = { blue: null, yellow: null, orange: null, red: null };

describe('slidingSum', () => {
  it('sums each point with those of the preceding window (t − h, t], in time order', () => {
    const points = [
      { t: T0 + 2 * HOUR, value: 5 },
      { t: T0, value: 10 },
      { t: T0 + 0.5 * HOUR, value: 20 },
      { t: T0 + HOUR, value: 1 },
    ];
    expect(slidingSum(points, 1).map((p) => p.value)).toEqual([10, 30, 21, 5]);
  });
});

describe('thresholdsFor', () => {
  it('draws a water-level gauge’s 警戒 / 保证 / 历史最高 from the register, skipping unset ones', () => {
    expect(thresholdsFor(station(), 'water_level_m', []).lines.map((l) => [l.name, l.value, l.level])).toEqual([
      ['警戒水位', 215.5, 'yellow'],
      ['保证水位', 217, 'orange'],
      ['历史最高水位', 218.2, 'red'],
    ]);
    const partial = station({ waterLevels: { warning: 215.5, guaranteed: null, historicMax: null } });
    expect(thresholdsFor(partial, 'water_level_m', []).lines).toHaveLength(1);
  });

  it('draws rainfall thresholds of the shortest window of the effective rule, against that window’s sum', () => {
    const rainfall = rule('rainfall', {
      enabled: true,
      hysteresis: 5,
      windows: [
        { hours: 3, thresholds: { ...none, orange: 50, red: 100 } },
        { hours: 1, thresholds: { ...none, blue: 20, orange: 50 } },
      ],
    });
    const t = thresholdsFor(station({ kind: 'rain_gauge', waterLevels: null }), 'rainfall_mm', [rainfall]);
    expect(t.windowHours).toBe(1);
    expect(t.lines.map((l) => [l.name, l.value])).toEqual([
      ['1小时蓝色', 20],
      ['1小时橙色', 50],
    ]);
  });

  it('draws nothing from a disabled or malformed rule', () => {
    const hazmat = station({ kind: 'hazmat', waterLevels: null });
    const off = rule('gas_lel', { enabled: false, hysteresis: 1, thresholds: { ...none, red: 50 } });
    expect(thresholdsFor(hazmat, 'gas_lel_pct', [off]).lines).toEqual([]);
    expect(thresholdsFor(hazmat, 'gas_lel_pct', [rule('gas_lel', { thresholds: 'x' })]).lines).toEqual([]);
    const on = rule('gas_lel', { enabled: true, hysteresis: 1, thresholds: { ...none, yellow: 20, red: 50 } });
    expect(thresholdsFor(hazmat, 'gas_lel_pct', [on]).lines.map((l) => l.level)).toEqual(['yellow', 'red']);
  });
});

describe('chartOption', () => {
  const series: Series = {
    stationId: station().id,
    metric: 'water_level_m',
    unit: 'm',
    resolution: 'raw',
    points: [
      { at: new Date(T0).toISOString(), value: 212 },
      { at: new Date(T0 + HOUR).toISOString(), value: 213.4 },
    ],
  };

  it('shows Shanghai wall time on a UTC axis, and keeps every threshold line in view', () => {
    const option = chartOption(series, thresholdsFor(station(), 'water_level_m', []), '24h', T0 + 2 * HOUR);
    expect(option.useUTC).toBe(true);
    const [line] = option.series as { data: [number, number][]; markLine: { data: { yAxis: number }[] } }[];
    expect(line!.data[0]).toEqual([T0 + 8 * HOUR, 212]);
    expect(line!.markLine.data.map((d) => d.yAxis)).toEqual([215.5, 217, 218.2]);
    const y = option.yAxis as { min: number; max: number; interval: number; name: string };
    expect(y.name).toBe('水位（m）');
    expect(y.min).toBeLessThanOrEqual(212);
    expect(y.max).toBeGreaterThanOrEqual(218.2);
    expect(Number.isInteger(Math.round(((y.max - y.min) / y.interval) * 1e6) / 1e6)).toBe(true);
    const x = option.xAxis as { min: number; max: number };
    expect(x.max - x.min).toBe(24 * HOUR);
  });
});
