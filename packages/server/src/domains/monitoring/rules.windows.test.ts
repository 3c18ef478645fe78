import { describe, expect, it } from 'vitest';
import type { Thresholds } from '@yingji/contracts/alarms.ts';
import { evaluateRainfall, evaluateRate, evaluateWaterLevel, ratePerDay } from './rules.evaluate.ts';
import { levelFor } from './rules.levels.ts';
import { RAINFALL_RULE, DISPLACEMENT_RATE_RULE, WATER_LEVEL_RULE } from './rules.defaults.ts';
import { Series } from './rules.series.ts';
import type { StationProfile } from './monitoring.pipeline.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-07-01T00:00:00Z');
const rain = { ...RAINFALL_RULE.default.default, windows: [...RAINFALL_RULE.default.default.windows] };

describe('levelFor (thresholds with hysteresis)', () => {
  const t: Thresholds = { blue: 10, yellow: 20, orange: 30, red: 40 };
  it('reaches a level at its threshold exactly (达到或超过), not below it', () => {
    expect(levelFor(9.999, t, null, 2)).toBe(null);
    expect(levelFor(10, t, null, 2)).toBe('blue');
    expect(levelFor(29.99, t, null, 2)).toBe('yellow');
    expect(levelFor(30, t, null, 2)).toBe('orange');
    expect(levelFor(400, t, null, 2)).toBe('red');
  });
  it('keeps a held level until the value falls more than the hysteresis below its threshold', () => {
    expect(levelFor(28, t, 'orange', 2)).toBe('orange');
    expect(levelFor(27.99, t, 'orange', 2)).toBe('yellow');
    expect(levelFor(8, t, 'blue', 2)).toBe('blue');
    expect(levelFor(7.9, t, 'blue', 2)).toBe(null);
    // Rising needs the full threshold even while a lower level is held.
    expect(levelFor(29, t, 'yellow', 2)).toBe('yellow');
  });
  it('skips levels without a threshold', () => {
    expect(levelFor(60, { blue: null, yellow: null, orange: 50, red: null }, null, 0)).toBe('orange');
    expect(levelFor(49, { blue: null, yellow: null, orange: 50, red: null }, null, 0)).toBe(null);
  });
  it('is not fooled by the drift of summed decimals', () => {
    let sum = 0;
    for (let i = 0; i < 500; i += 1) sum += 0.1;
    expect(sum).not.toBe(50);
    expect(levelFor(sum, { blue: null, yellow: null, orange: 50, red: null }, null, 0)).toBe('orange');
  });
});

describe('Series', () => {
  it('sums windows (t − w, t] and places late readings in order, once', () => {
    const s = new Series(24 * H);
    expect(s.add(T0, 5)).toBe('newest');
    expect(s.add(T0 + 2 * H, 7)).toBe('newest');
    expect(s.add(T0 + H, 11)).toBe('late');
    expect(s.add(T0 + H, 11)).toBe('duplicate');
    expect(s.sumOver(T0 + 2 * H, H)).toBe(7);
    expect(s.sumOver(T0 + 2 * H, 2 * H)).toBe(18);
    expect(s.sumOver(T0 + 2 * H, 3 * H)).toBe(23);
    expect(s.sumOver(T0 + H, H)).toBe(11);
  });
  it('drops readings beyond the horizon without changing window sums', () => {
    const s = new Series(2 * H);
    for (let i = 0; i < 2000; i += 1) s.add(T0 + i * 60_000, 1);
    const end = T0 + 1999 * 60_000;
    expect(s.length).toBeLessThan(2000);
    expect(s.sumOver(end, H)).toBe(60);
    expect(s.sumOver(end, 2 * H)).toBe(120);
    expect(s.add(T0, 1)).toBe('stale');
  });
  it('gives the first and last readings of a window', () => {
    const s = new Series(48 * H);
    s.add(T0, 100);
    s.add(T0 + 12 * H, 103);
    s.add(T0 + 24 * H, 110);
    expect(s.endsOf(T0 + 24 * H, 24 * H)).toEqual({ first: { at: T0, value: 100 }, last: { at: T0 + 24 * H, value: 110 } });
    expect(s.endsOf(T0 + 24 * H, 1 * H)).toBe(null);
  });
});

describe('rainfall rule (defaults)', () => {
  function storm(perHour: number[]) {
    const s = new Series(24 * H);
    perHour.forEach((mm, i) => s.add(T0 + (i + 1) * H, mm));
    return { s, at: T0 + perHour.length * H };
  }
  it('1 h: 20 mm blue, 50 mm orange (每小时50毫米以上降雨), 49.9 mm still blue', () => {
    const cases: [number, string | null][] = [
      [19.9, null],
      [20, 'blue'],
      [49.9, 'blue'],
      [50, 'orange'],
      [99.9, 'orange'],
      [100, 'red'],
    ];
    for (const [mm, level] of cases) {
      const { s, at } = storm([mm]);
      expect(evaluateRainfall(s, at, rain, null).level, `${mm} mm in 1 h`).toBe(level);
    }
  });
  it('6 h ≥ 50 mm is yellow, 12 h and 24 h ≥ 50 mm blue, 24 h ≥ 100 mm yellow', () => {
    expect(evaluateRainfall(storm([10, 10, 10, 10, 10, 10]).s, T0 + 6 * H, rain, null).level).toBe('yellow');
    expect(evaluateRainfall(storm([9, 9, 9, 9, 9, 4.9]).s, T0 + 6 * H, rain, null).level).toBe(null);
    expect(evaluateRainfall(storm(Array(12).fill(50 / 12)).s, T0 + 12 * H, rain, null).level).toBe('blue');
    expect(evaluateRainfall(storm(Array(24).fill(100 / 24)).s, T0 + 24 * H, rain, null).level).toBe('yellow');
  });
  it('3 h: 50 mm orange, 100 mm red; the message names the deciding window', () => {
    const v = evaluateRainfall(storm([30, 30, 40]).s, T0 + 3 * H, rain, null);
    expect(v.level).toBe('red');
    expect(v.value).toBe(100);
    expect(v.message()).toBe('3小时降雨量 100.0 mm，达到红色阈值 100 mm');
    expect(evaluateRainfall(storm([20, 15, 15]).s, T0 + 3 * H, rain, null).level).toBe('orange');
  });
  it('recovers only once the sums fall the hysteresis below the held level', () => {
    const { s } = storm([60]);
    // One hour later, 1 h sum is 0, but the 3 h sum still holds 60 → orange holds.
    s.add(T0 + 2 * H, 0);
    expect(evaluateRainfall(s, T0 + 2 * H, rain, 'orange').level).toBe('orange');
    // Four hours on, only the 6 h, 12 h and 24 h windows still see 60 mm: yellow (6 h ≥ 50).
    s.add(T0 + 5 * H, 0);
    expect(evaluateRainfall(s, T0 + 5 * H, rain, 'orange').level).toBe('yellow');
  });
});

describe('water level rule (水情预警信号)', () => {
  const station: StationProfile = {
    id: 's',
    code: 'S',
    name: '永和水位站',
    kind: 'water_level',
    areaCode: '441825100',
    lon: 112,
    lat: 24,
    waterLevels: { warning: 100, guaranteed: 102, historicMax: 103.5 },
  };
  const config = WATER_LEVEL_RULE.default.default;
  it('blue within 0.5 m of 警戒, yellow at 警戒, orange at 保证, red at 历史最高', () => {
    const cases: [number, string | null][] = [
      [99.49, null],
      [99.5, 'blue'],
      [99.99, 'blue'],
      [100, 'yellow'],
      [101.99, 'yellow'],
      [102, 'orange'],
      [103.5, 'red'],
    ];
    for (const [level, expected] of cases)
      expect(evaluateWaterLevel(level, station, config, null).level, `${level}`).toBe(expected);
    expect(evaluateWaterLevel(102, station, config, null).message()).toBe('水位 102.00 m，达到或超过保证水位 102 m');
  });
  it('holds yellow down to 0.1 m below 警戒, then falls to blue', () => {
    expect(evaluateWaterLevel(99.9, station, config, 'yellow').level).toBe('yellow');
    expect(evaluateWaterLevel(99.89, station, config, 'yellow').level).toBe('blue');
  });
  it('uses only the levels the register has', () => {
    const partial = { ...station, waterLevels: { warning: 100, guaranteed: null, historicMax: null } };
    expect(evaluateWaterLevel(150, partial, config, null).level).toBe('yellow');
    expect(evaluateWaterLevel(150, { ...station, waterLevels: undefined }, config, null).level).toBe(null);
  });
});

describe('displacement rate rule', () => {
  const config = DISPLACEMENT_RATE_RULE.default.default;
  it('mm/day over the window, none until the readings span 6 h', () => {
    const s = new Series(24 * H);
    s.add(T0, 0);
    s.add(T0 + 5 * H, 1);
    expect(ratePerDay(s, T0 + 5 * H, config)).toBe(null);
    s.add(T0 + 6 * H, 1.25);
    expect(ratePerDay(s, T0 + 6 * H, config)).toBe(5);
    expect(evaluateRate(s, T0 + 6 * H, config, null, '位移速率')!.level).toBe('yellow');
    s.add(T0 + 12 * H, 10);
    expect(evaluateRate(s, T0 + 12 * H, config, null, '位移速率')!.level).toBe('red');
  });
});
