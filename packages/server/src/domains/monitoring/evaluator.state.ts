import type { AlarmRule, RuleConfigs } from '@yingji/contracts/alarms.ts';
import type { AlarmLevel, Metric } from '@yingji/contracts/monitoring.ts';
import { DAY_MS, FIRE_RAIN_DAYS, FireWeather } from './fire-danger.ts';
import type { StationProfile } from './monitoring.pipeline.ts';
import type { RuleBook } from './rules.book.ts';
import { Series } from './rules.series.ts';

const HOUR_MS = 3_600_000;

/** Metrics judged by their newest value alone, and the rule each feeds. */
export const LIMIT_RULES: Partial<Record<Metric, AlarmRule>> = {
  water_level_m: 'water_level',
  gas_lel_pct: 'gas_lel',
  toxic_gas_ppm: 'toxic_gas',
  liquid_level_m: 'liquid_level',
  tank_temperature_c: 'tank_temperature',
  pressure_mpa: 'pressure',
};

/** The rules judged against fixed levels by the generic limit evaluator (water level has its own). */
export type LimitRule = 'gas_lel' | 'toxic_gas' | 'liquid_level' | 'tank_temperature' | 'pressure';

/** Metrics judged over a window of readings, and the rule each feeds. */
export const WINDOW_RULES = {
  rainfall_mm: 'rainfall',
  displacement_mm: 'displacement_rate',
  crack_mm: 'crack_rate',
} as const satisfies Partial<Record<Metric, AlarmRule>>;
export type WindowMetric = keyof typeof WINDOW_RULES;

export const FIRE_WEATHER = ['air_temperature_c', 'relative_humidity_pct', 'wind_speed_ms'] as const;
export type FireMetric = (typeof FIRE_WEATHER)[number] | 'rainfall_mm';

export function isWindowMetric(metric: Metric): metric is WindowMetric {
  return metric in WINDOW_RULES;
}

export function isFireMetric(metric: Metric): metric is (typeof FIRE_WEATHER)[number] {
  return (FIRE_WEATHER as readonly Metric[]).includes(metric);
}

/** Everything the evaluator holds about one station, in memory. */
export class StationState {
  rules!: RuleConfigs;
  private rulesVersion = -1;
  /** The level each rule currently holds (what the alarms service was last told). */
  readonly levels = new Map<string, AlarmLevel | null>();
  readonly series = new Map<WindowMetric, Series>();
  readonly latest = new Map<Metric, { at: number; value: number }>();
  fire: FireWeather | null = null;
  /** Metrics whose stored history has been read (once per station and metric). */
  readonly loaded = new Set<Metric>();

  constructor(public profile: StationProfile) {}

  /** Forgets the resolved rules (the station's kind changed). */
  invalidate(): void {
    this.rulesVersion = -1;
  }

  /** Re-resolves the station's rules when the book changed (or the station's kind did). */
  refresh(book: RuleBook): void {
    if (this.rulesVersion === book.version) return;
    this.rules = book.resolve(this.profile.id, this.profile.kind);
    this.rulesVersion = book.version;
    for (const [metric, series] of this.series) series.widen(this.horizonMs(metric));
  }

  /** How far back a window metric's readings matter. */
  horizonMs(metric: WindowMetric): number {
    if (metric === 'rainfall_mm') return Math.max(...this.rules.rainfall.windows.map((w) => w.hours)) * HOUR_MS;
    const config = metric === 'displacement_mm' ? this.rules.displacement_rate : this.rules.crack_rate;
    return config.windowHours * HOUR_MS;
  }

  seriesOf(metric: WindowMetric): Series {
    let series = this.series.get(metric);
    if (!series) this.series.set(metric, (series = new Series(this.horizonMs(metric))));
    return series;
  }

  fireWeather(): FireWeather {
    return (this.fire ??= new FireWeather());
  }

  /** How far back the stored history of a metric is read when the station is first seen. */
  loadSpanMs(metric: Metric): number | 'latest' {
    if (metric in LIMIT_RULES) return 'latest';
    const fire = this.profile.kind === 'forest_fire';
    if (metric === 'rainfall_mm') return Math.max(this.horizonMs('rainfall_mm'), fire ? FIRE_RAIN_DAYS * DAY_MS : 0);
    if (isWindowMetric(metric)) return this.horizonMs(metric);
    // Fire weather: today's and yesterday's extremes (Beijing days) are what the grade needs.
    return 2 * DAY_MS;
  }
}
