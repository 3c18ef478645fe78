import { ALARM_LEVEL_LABELS, METRIC_INFO, type AlarmLevel, type Metric } from '@yingji/contracts/monitoring.ts';
import type {
  FireDangerConfig,
  LimitConfig,
  RainfallConfig,
  RateConfig,
  Thresholds,
  WaterLevelConfig,
} from '@yingji/contracts/alarms.ts';
import { FIRE_GRADE_LABELS, fireGrade, fireIndex, fireThresholds, type FireDayWeather, type FireWeather } from './fire-danger.ts';
import { levelFor, levelRank, tidy } from './rules.levels.ts';
import type { Series } from './rules.series.ts';
import type { StationProfile } from './monitoring.pipeline.ts';

/**
 * Pure evaluation of each rule at one instant: given the state and the level currently held, the level now and a
 * line for people. Nothing here touches the database or the clock. Verdicts are small objects whose message is
 * formatted only when asked (on a level change): most readings change nothing, and formatting costs more than judging.
 */
export interface Verdict {
  level: AlarmLevel | null;
  value: number;
  message(): string;
}

const HOUR_MS = 3_600_000;

function fmt(v: number, digits = 1): string {
  return tidy(v).toFixed(digits);
}

function describe(
  subject: string,
  value: string,
  unit: string,
  level: AlarmLevel | null,
  threshold: number | null,
  below = '低于告警阈值',
): string {
  if (level === null) return `${subject} ${value} ${unit}，${below}`;
  return `${subject} ${value} ${unit}，达到${ALARM_LEVEL_LABELS[level]}阈值 ${threshold} ${unit}`;
}

class RainfallVerdict implements Verdict {
  constructor(
    readonly level: AlarmLevel | null,
    readonly value: number,
    private readonly hours: number,
    private readonly threshold: number | null,
  ) {}
  message(): string {
    return describe(`${this.hours}小时降雨量`, fmt(this.value), 'mm', this.level, this.threshold, '已低于各时段告警阈值');
  }
}

/** Sliding-window rainfall: the highest level any window reaches; the message names the deciding window. */
export function evaluateRainfall(series: Series, at: number, config: RainfallConfig, held: AlarmLevel | null): Verdict {
  // The highest level wins; the shortest window reaching it is named (windows come shortest first). When no window
  // reaches a level, the shortest window's sum is reported.
  let bestLevel: AlarmLevel | null = null;
  let bestIndex = 0;
  let bestSum = 0;
  for (let i = 0; i < config.windows.length; i += 1) {
    const window = config.windows[i]!;
    const sum = tidy(series.sumOver(at, window.hours * HOUR_MS));
    const level = levelFor(sum, window.thresholds, held, config.hysteresis);
    if (i === 0 || levelRank(level) > levelRank(bestLevel)) {
      bestLevel = level;
      bestIndex = i;
      bestSum = sum;
    }
  }
  const window = config.windows[bestIndex]!;
  return new RainfallVerdict(bestLevel, bestSum, window.hours, bestLevel ? window.thresholds[bestLevel] : null);
}

/** 水情预警信号: 蓝 approaching 警戒, 黄 ≥ 警戒, 橙 ≥ 保证, 红 ≥ 历史最高 (the station's own levels). */
export function waterLevelThresholds(profile: StationProfile, config: WaterLevelConfig): Thresholds {
  const levels = profile.waterLevels ?? {};
  const warning = levels.warning ?? null;
  const thresholds: Thresholds = {
    blue: warning === null || config.approachMargin === 0 ? null : tidy(warning - config.approachMargin),
    yellow: warning,
    orange: levels.guaranteed ?? null,
    red: levels.historicMax ?? null,
  };
  // A register with inconsistent levels (保证 below 警戒) must not stop the others from working: drop what is out of
  // order rather than refuse to evaluate.
  let floor = -Infinity;
  for (const level of ['blue', 'yellow', 'orange', 'red'] as const) {
    const t = thresholds[level];
    if (t === null) continue;
    if (t <= floor) thresholds[level] = null;
    else floor = t;
  }
  return thresholds;
}

const WATER_NAMES: Record<AlarmLevel, string> = {
  blue: '接近警戒水位',
  yellow: '警戒水位',
  orange: '保证水位',
  red: '历史最高水位',
};

class WaterLevelVerdict implements Verdict {
  constructor(
    readonly level: AlarmLevel | null,
    readonly value: number,
    private readonly thresholds: Thresholds,
  ) {}
  message(): string {
    const { level, value, thresholds } = this;
    const v = fmt(value, 2);
    if (level === null) return `水位 ${v} m，低于警戒水位${thresholds.yellow === null ? '' : ` ${thresholds.yellow} m`}`;
    if (level === 'blue') return `水位 ${v} m，接近警戒水位 ${thresholds.yellow} m（差 ${fmt(thresholds.yellow! - value, 2)} m）`;
    return `水位 ${v} m，达到或超过${WATER_NAMES[level]} ${thresholds[level]} m`;
  }
}

export function evaluateWaterLevel(
  value: number,
  profile: StationProfile,
  config: WaterLevelConfig,
  held: AlarmLevel | null,
): Verdict {
  const thresholds = waterLevelThresholds(profile, config);
  return new WaterLevelVerdict(levelFor(value, thresholds, held, config.hysteresis), value, thresholds);
}

/** mm/day from the first and last readings of the window; null while the readings span less than minSpanHours. */
export function ratePerDay(series: Series, at: number, config: RateConfig): number | null {
  const ends = series.endsOf(at, config.windowHours * HOUR_MS);
  if (!ends || ends.last.at - ends.first.at < config.minSpanHours * HOUR_MS) return null;
  return ((ends.last.value - ends.first.value) / (ends.last.at - ends.first.at)) * 24 * HOUR_MS;
}

class RateVerdict implements Verdict {
  constructor(
    readonly level: AlarmLevel | null,
    readonly value: number,
    private readonly subject: string,
    private readonly config: RateConfig,
  ) {}
  message(): string {
    const { level, config } = this;
    const subject = `${this.subject}（近${config.windowHours}小时）`;
    return describe(subject, fmt(this.value, 2), 'mm/天', level, level ? config.thresholds[level] : null);
  }
}

export function evaluateRate(
  series: Series,
  at: number,
  config: RateConfig,
  held: AlarmLevel | null,
  subject: string,
): Verdict | null {
  const rate = ratePerDay(series, at, config);
  if (rate === null) return null;
  // A slope moving back (negative rate) is as telling as one moving out: judge the magnitude.
  const level = levelFor(Math.abs(rate), config.thresholds, held, config.hysteresis);
  return new RateVerdict(level, tidy(rate), subject, config);
}

class LimitVerdict implements Verdict {
  constructor(
    readonly level: AlarmLevel | null,
    readonly value: number,
    private readonly metric: Metric,
    private readonly config: LimitConfig,
  ) {}
  message(): string {
    const info = METRIC_INFO[this.metric];
    const { level } = this;
    return describe(info.label, fmt(this.value, 2), info.unit, level, level ? this.config.thresholds[level] : null);
  }
}

export function evaluateLimit(metric: Metric, value: number, config: LimitConfig, held: AlarmLevel | null): Verdict {
  return new LimitVerdict(levelFor(value, config.thresholds, held, config.hysteresis), value, metric, config);
}

class FireVerdict implements Verdict {
  constructor(
    readonly level: AlarmLevel | null,
    readonly value: number,
    private readonly grade: number,
    private readonly today: FireDayWeather,
  ) {}
  message(): string {
    const t = this.today;
    const basis =
      `最高气温 ${fmt(t.maxTemperature)}℃，最小相对湿度 ${fmt(t.minHumidity, 0)}%，` +
      `最大风速 ${fmt(t.maxWind ?? 0)} m/s，当日降水 ${fmt(t.rainMm)} mm，连续无降水 ${t.dryDays} 天`;
    return `森林火险指数 ${this.value}，${FIRE_GRADE_LABELS[this.grade]}（${basis}）`;
  }
}

export function evaluateFire(weather: FireWeather, config: FireDangerConfig, held: AlarmLevel | null): Verdict | null {
  const today = weather.today(config.noRainMaxMm);
  if (!today) return null;
  const index = fireIndex(config, today);
  const level = levelFor(index, fireThresholds(config.cutPoints), held, config.hysteresis);
  return new FireVerdict(level, index, fireGrade(index, config.cutPoints), today);
}

/** A disabled rule clears what it held. */
export const DISABLED: Verdict = { level: null, value: NaN, message: () => '规则已停用，告警解除' };
