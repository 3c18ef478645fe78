import { KIND_METRICS, METRIC_INFO, type Metric, type StationKind } from '@yingji/contracts/monitoring.ts';

/** One simulated station's weather and sensors: smooth, plausible, and (in a storm) crossing the thresholds. */
export interface SimStation {
  code: string;
  kind: StationKind;
  /** 水位站: the base (dry-season) level and the 警戒 level the storm pushes it past. */
  baseLevel: number;
  warningLevel: number;
  phase: number;
  displacement: number;
  wind: number;
  level: number;
}

export function simStation(code: string, kind: StationKind, seed: number): SimStation {
  const base = 180 + (seed % 60);
  return {
    code,
    kind,
    baseLevel: base,
    warningLevel: base + 3.5,
    phase: (seed % 17) / 17,
    displacement: 0,
    wind: 2,
    level: base,
  };
}

const clamp = (metric: Metric, v: number) => Math.min(METRIC_INFO[metric].max, Math.max(METRIC_INFO[metric].min, v));
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Rain intensity (mm/h) at an instant: a few passing showers a day, or in storm mode a band that builds over two
 * hours to 60–80 mm/h (above the 50 mm/h of the seeds' 暴雨 thresholds) and eases off.
 */
function rainIntensity(s: SimStation, ms: number, storm: { startMs: number } | null): number {
  const hours = ms / 3_600_000;
  const shower = Math.max(0, Math.sin(2 * Math.PI * (hours / 7 + s.phase)) - 0.85) * 40;
  if (!storm) return shower;
  const t = (ms - storm.startMs) / 3_600_000;
  const band =
    t < 0 ? 0 : t < 2 ? (t / 2) * 70 : t < 5 ? 70 + 10 * Math.sin(t * 3 + s.phase * 6) : Math.max(0, 70 - (t - 5) * 35);
  return shower + band;
}

/** The readings of one station at one instant, `intervalMs` after its previous ones. */
export function simReadings(
  s: SimStation,
  ms: number,
  intervalMs: number,
  storm: { startMs: number } | null,
  random: () => number,
): { metric: Metric; value: number; at: string }[] {
  const at = new Date(ms).toISOString();
  // Asia/Shanghai hour of day: coldest near 06:00, warmest near 15:00.
  const hour = (((ms / 3_600_000 + 8) % 24) + 24) % 24;
  const rain = rainIntensity(s, ms, storm);
  const values: Partial<Record<Metric, number>> = {};
  values.rainfall_mm = round((rain * intervalMs) / 3_600_000 + (rain > 0 ? random() * 0.05 : 0));
  // Water rises with rain (catchment response) and recedes slowly toward its base level.
  s.level += (rain / 70) * (intervalMs / 3_600_000) * 3 - (s.level - s.baseLevel) * (intervalMs / 3_600_000) * 0.2;
  values.water_level_m = round(s.level + (random() - 0.5) * 0.02);
  const wet = rain > 5;
  s.displacement += (wet ? 0.4 : 0.005) * (intervalMs / 3_600_000) * (1 + random());
  values.displacement_mm = round(s.displacement);
  values.crack_mm = round(1.2 + s.displacement * 0.3);
  const temp = 24 + 6 * Math.sin((2 * Math.PI * (hour - 9)) / 24) - (wet ? 3 : 0);
  values.air_temperature_c = round(temp + (random() - 0.5) * 0.4, 1);
  values.relative_humidity_pct = round(Math.min(100, (wet ? 95 : 78) - (temp - 24) * 3 + (random() - 0.5) * 2), 1);
  s.wind = Math.max(0, s.wind + (random() - 0.5) * 0.6 + (wet ? 0.3 : -0.05));
  values.wind_speed_ms = round(Math.min(s.wind, 25), 1);
  values.gas_lel_pct = round(random() * 2, 1);
  values.toxic_gas_ppm = round(random() * 3, 1);
  values.liquid_level_m = round(6 + Math.sin(ms / 7_200_000 + s.phase * 6), 2);
  values.tank_temperature_c = round(temp + 2, 1);
  values.pressure_mpa = round(0.25 + random() * 0.01, 3);
  return KIND_METRICS[s.kind].map((metric) => ({ metric, value: clamp(metric, values[metric]!), at }));
}
