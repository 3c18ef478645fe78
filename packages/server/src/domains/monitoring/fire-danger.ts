import type { AlarmLevel } from '@yingji/contracts/monitoring.ts';
import type { Bands, FireDangerConfig, Thresholds } from '@yingji/contracts/alarms.ts';
import { Series } from './rules.series.ts';

/**
 * 森林火险等级 1–5 from a forest-fire station's weather readings, by the LY/T 1172-95 method (domain-rules B.6):
 *
 *   index = A(日最高气温) + B(日最小相对湿度) + C(连续无降水日数) + D(日最大风速) − F(当日降水订正)
 *
 * - A, B, C, D, F are factor tables (configuration, rule 'alarms.fire_danger'): a value scores the points of the last
 *   band whose lower bound it reaches. Values are rounded to 0.1 first, as the printed tables are in tenths.
 * - "The day" is the calendar day in Beijing time (UTC+8), as the standard's daily observations are. B uses the
 *   day's lowest humidity (the method's 14时 humidity is near the daily minimum; stations report continuously).
 * - A day with at most `noRainMaxMm` (0.1 mm) of rain is a day without rain. C counts the consecutive days without
 *   rain up to and including today (0 when it rains today); days before the station's first reading are not
 *   counted, and a day without any rainfall reading counts as dry (gauges that report only when it rains).
 * - F applies only on a day with rain, and subtracts; the index is never below 0.
 * - The combination of the factors is our reading of LY/T 1172-95 ("①+②+③+④−⑤", with F standing in for the
 *   phenology correction ⑤, whose table was not retrieved) [V-2nd / not found]: replaceable by GB/T 36743-2018.
 * - Grades: index below cutPoints[0] is 等级 1; at or above cutPoints[i] is 等级 i+2 (defaults 26/51/73/91).
 *   等级 3, 4, 5 raise yellow, orange, red alarms (QX/T 77-2007 flag colours; 等级 2 is 蓝 but only a notice).
 */

export const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day of an instant, as a day number. */
export function beijingDay(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
}

export function dayStart(day: number): number {
  return day * DAY_MS - BEIJING_OFFSET_MS;
}

export function bandPoints(bands: Bands, value: number): number {
  const v = Math.round(value * 10) / 10;
  let points = 0;
  for (const band of bands) {
    if (v >= band.from) points = band.points;
    else break;
  }
  return points;
}

export interface FireDayWeather {
  maxTemperature: number;
  minHumidity: number;
  /** null: no wind reading today (scores as calm). */
  maxWind: number | null;
  rainMm: number;
  /** Consecutive days without rain up to and including today. */
  dryDays: number;
}

export function fireIndex(config: FireDangerConfig, day: FireDayWeather): number {
  const rainy = day.rainMm > config.noRainMaxMm;
  const a = bandPoints(config.temperature, day.maxTemperature);
  const b = bandPoints(config.humidity, day.minHumidity);
  const c = rainy ? 0 : bandPoints(config.noRainDays, day.dryDays);
  const d = bandPoints(config.wind, day.maxWind ?? 0);
  const f = rainy ? bandPoints(config.rainCorrection, day.rainMm) : 0;
  return Math.max(0, a + b + c + d - f);
}

export function fireGrade(index: number, cutPoints: readonly number[]): 1 | 2 | 3 | 4 | 5 {
  let grade = 1;
  for (const cut of cutPoints) if (index >= cut) grade += 1;
  return grade as 1 | 2 | 3 | 4 | 5;
}

/** 等级 3/4/5 as alarm thresholds on the index, so the same hysteresis applies as for every other rule. */
export function fireThresholds(cutPoints: readonly number[]): Thresholds {
  return { blue: null, yellow: cutPoints[1]!, orange: cutPoints[2]!, red: cutPoints[3]! };
}

export const FIRE_GRADE_LABELS = [
  '',
  '一级（低火险）',
  '二级（较低火险）',
  '三级（较高火险）',
  '四级（高火险）',
  '五级（极高火险）',
];

export function gradeLevel(grade: number): AlarmLevel | null {
  return grade >= 5 ? 'red' : grade === 4 ? 'orange' : grade === 3 ? 'yellow' : null;
}

interface DayExtremes {
  maxTemperature: number | null;
  minHumidity: number | null;
  maxWind: number | null;
}

/** How many days of rain history the no-rain count can look back over (≥ 10 days scores the maximum). */
export const FIRE_RAIN_DAYS = 11;

/**
 * The daily weather of one forest-fire station, built from readings in any order: extremes per day are
 * order-independent (and duplicates change nothing); rain is a deduplicating series so daily totals are exact.
 */
export class FireWeather {
  private readonly days = new Map<number, DayExtremes>();
  readonly rain = new Series((FIRE_RAIN_DAYS + 1) * DAY_MS);
  /** The latest day any weather reading was measured on: the day whose grade is current. */
  latestDay = -Infinity;
  /** The newest weather reading's time (ms): when the current grade was measured. */
  latestAt = -Infinity;
  private firstDay = Infinity;

  /** Records a reading; returns its day. */
  add(
    metric: 'air_temperature_c' | 'relative_humidity_pct' | 'wind_speed_ms' | 'rainfall_mm',
    at: number,
    value: number,
  ): number {
    const day = beijingDay(at);
    if (at > this.latestAt) this.latestAt = at;
    if (day > this.latestDay) {
      this.latestDay = day;
      for (const old of this.days.keys()) if (old < day - 1) this.days.delete(old);
    }
    if (day < this.firstDay) this.firstDay = day;
    if (metric === 'rainfall_mm') {
      this.rain.add(at, value);
      return day;
    }
    let extremes = this.days.get(day);
    if (!extremes) {
      if (day < this.latestDay - 1) return day;
      extremes = { maxTemperature: null, minHumidity: null, maxWind: null };
      this.days.set(day, extremes);
    }
    if (metric === 'air_temperature_c') extremes.maxTemperature = Math.max(extremes.maxTemperature ?? -Infinity, value);
    else if (metric === 'relative_humidity_pct') extremes.minHumidity = Math.min(extremes.minHumidity ?? Infinity, value);
    else extremes.maxWind = Math.max(extremes.maxWind ?? -Infinity, value);
    return day;
  }

  private rainOn(day: number): number {
    return this.rain.sumBetween(dayStart(day), dayStart(day + 1)).sum;
  }

  /** The latest day's weather, or null while its temperature or humidity is still unknown. */
  today(noRainMaxMm: number): (FireDayWeather & { day: number }) | null {
    const day = this.latestDay;
    const extremes = this.days.get(day);
    if (!extremes || extremes.maxTemperature === null || extremes.minHumidity === null) return null;
    let dryDays = 0;
    for (let d = day; d >= this.firstDay && dryDays < FIRE_RAIN_DAYS - 1; d -= 1) {
      if (this.rainOn(d) > noRainMaxMm) break;
      dryDays += 1;
    }
    return {
      day,
      maxTemperature: extremes.maxTemperature,
      minHumidity: extremes.minHumidity,
      maxWind: extremes.maxWind,
      rainMm: Math.round(this.rainOn(day) * 1e6) / 1e6,
      dryDays,
    };
  }
}
