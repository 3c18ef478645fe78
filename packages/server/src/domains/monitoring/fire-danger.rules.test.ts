import { describe, expect, it } from 'vitest';
import { bandPoints, beijingDay, FireWeather, fireGrade, fireIndex, gradeLevel } from './fire-danger.ts';
import { FIRE_DANGER_RULE } from './rules.defaults.ts';
import { evaluateFire } from './rules.evaluate.ts';

const config = FIRE_DANGER_RULE.default.default;
const H = 3_600_000;
/** 2026-03-10 00:00 Beijing time. */
const DAY0 = Date.parse('2026-03-09T16:00:00Z');

describe('fire-danger factor tables (LY/T 1172-95 as tabulated, B.6)', () => {
  it('temperature: ≤5.0→0, 5.1→4, 25.0→16, 25.1→20', () => {
    expect(bandPoints(config.temperature, 5)).toBe(0);
    expect(bandPoints(config.temperature, 5.1)).toBe(4);
    expect(bandPoints(config.temperature, 25)).toBe(16);
    expect(bandPoints(config.temperature, 25.1)).toBe(20);
    expect(bandPoints(config.temperature, -30)).toBe(0);
  });
  it('humidity: ≤24→20, 25→16, 64→4, ≥65→0', () => {
    expect(bandPoints(config.humidity, 24)).toBe(20);
    expect(bandPoints(config.humidity, 25)).toBe(16);
    expect(bandPoints(config.humidity, 64)).toBe(4);
    expect(bandPoints(config.humidity, 65)).toBe(0);
  });
  it('wind by 风力 level from m/s: 1.5→5, 1.6→10, 17.2→40', () => {
    expect(bandPoints(config.wind, 1.5)).toBe(5);
    expect(bandPoints(config.wind, 1.6)).toBe(10);
    expect(bandPoints(config.wind, 17.2)).toBe(40);
  });
  it('no-rain days 0→0 … ≥10→50; rain correction 0.1→25, 75→50', () => {
    expect(bandPoints(config.noRainDays, 3)).toBe(15);
    expect(bandPoints(config.noRainDays, 14)).toBe(50);
    expect(bandPoints(config.rainCorrection, 0.1)).toBe(25);
    expect(bandPoints(config.rainCorrection, 74.9)).toBe(45);
    expect(bandPoints(config.rainCorrection, 75)).toBe(50);
  });
});

describe('fire-danger index and grade', () => {
  it('index = A + B + C + D − F; grade cut-points 26/51/73/91; grades 3/4/5 → yellow/orange/red', () => {
    // 26 ℃ → 20, 30 % → 16, 5 dry days → 25, 6 m/s → 20: 81 → 四级.
    const index = fireIndex(config, { maxTemperature: 26, minHumidity: 30, maxWind: 6, rainMm: 0, dryDays: 5 });
    expect(index).toBe(81);
    expect(fireGrade(index, config.cutPoints)).toBe(4);
    expect(gradeLevel(4)).toBe('orange');
    expect([25, 26, 50, 51, 72, 73, 90, 91].map((i) => fireGrade(i, config.cutPoints))).toEqual([1, 2, 2, 3, 3, 4, 4, 5]);
    expect([1, 2, 3, 4, 5].map(gradeLevel)).toEqual([null, null, 'yellow', 'orange', 'red']);
  });
  it('a rainy day scores no dry days and subtracts the rain correction, never below 0', () => {
    expect(fireIndex(config, { maxTemperature: 12, minHumidity: 80, maxWind: 2, rainMm: 20, dryDays: 0 })).toBe(0);
    expect(fireIndex(config, { maxTemperature: 30, minHumidity: 20, maxWind: 20, rainMm: 5, dryDays: 0 })).toBe(
      20 + 20 + 40 - 25,
    );
  });
});

describe('FireWeather (daily extremes from readings in any order)', () => {
  it('builds the Beijing day, counts dry days back to the last rain, and is order-independent', () => {
    const w = new FireWeather();
    // Rain two days before (day −2), nothing since.
    w.add('rainfall_mm', DAY0 - 2 * 24 * H + 10 * H, 8);
    w.add('rainfall_mm', DAY0 - 1 * 24 * H + 10 * H, 0);
    // Today, out of order: the afternoon's peak before the morning.
    w.add('air_temperature_c', DAY0 + 14 * H, 27);
    w.add('relative_humidity_pct', DAY0 + 14 * H, 28);
    w.add('air_temperature_c', DAY0 + 8 * H, 15);
    w.add('relative_humidity_pct', DAY0 + 8 * H, 70);
    w.add('wind_speed_ms', DAY0 + 15 * H, 9);
    expect(beijingDay(DAY0 + 23 * H)).toBe(w.latestDay);
    const today = w.today(config.noRainMaxMm)!;
    expect(today).toMatchObject({ maxTemperature: 27, minHumidity: 28, maxWind: 9, rainMm: 0, dryDays: 2 });
    // 20 + 16 + 10 + 25 = 71 → 三级 → yellow.
    const verdict = evaluateFire(w, config, null)!;
    expect(verdict.value).toBe(71);
    expect(verdict.level).toBe('yellow');
    expect(verdict.message()).toContain('三级');
  });
  it('has no grade until the day has temperature and humidity', () => {
    const w = new FireWeather();
    w.add('air_temperature_c', DAY0 + H, 20);
    expect(w.today(0.1)).toBe(null);
    expect(evaluateFire(w, config, null)).toBe(null);
  });
});
