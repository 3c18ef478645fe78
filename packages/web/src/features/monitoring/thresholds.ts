import {
  zLimitConfig,
  zRainfallConfig,
  type AlarmRule,
  type StationRuleView,
  type Thresholds,
} from '@yingji/contracts/alarms.ts';
import { ALARM_LEVEL_LABELS, ALARM_LEVELS, type AlarmLevel, type Metric, type Station } from '@yingji/contracts/monitoring.ts';

/** A horizontal line on a chart: a level's threshold, or one of a 水位站's 特征水位. */
export interface ThresholdLine {
  name: string;
  value: number;
  level: AlarmLevel;
}

export interface ChartThresholds {
  lines: ThresholdLine[];
  /**
   * Rainfall thresholds apply to an accumulation over a window, not to one gauge increment: the chart then draws the
   * sliding sum over this many hours and the lines against it.
   */
  windowHours: number | null;
}

/** Metrics compared against fixed levels by a rule of their own (危化品 sources). */
const LIMIT_RULES: Partial<Record<Metric, AlarmRule>> = {
  gas_lel_pct: 'gas_lel',
  toxic_gas_ppm: 'toxic_gas',
  liquid_level_m: 'liquid_level',
  tank_temperature_c: 'tank_temperature',
  pressure_mpa: 'pressure',
};

/** Whether a metric's thresholds come from the alarm rules (rather than from the station register, or nowhere). */
export function usesRuleThresholds(metric: Metric): boolean {
  return metric === 'rainfall_mm' || LIMIT_RULES[metric] !== undefined;
}

function levelLines(thresholds: Thresholds, prefix: string): ThresholdLine[] {
  return ALARM_LEVELS.flatMap((level) => {
    const value = thresholds[level];
    return value === null ? [] : [{ name: `${prefix}${ALARM_LEVEL_LABELS[level]}`, value, level }];
  });
}

const effectiveOf = (rules: StationRuleView[], rule: AlarmRule) => rules.find((r) => r.rule === rule)?.effective;

/**
 * What to draw over a metric's chart: 警戒 / 保证 / 历史最高水位 from the station register; rainfall thresholds of the
 * shortest accumulation window from the station's effective rule (/api/alarm-rules/stations/:id); a 危化品 metric's
 * alarm levels from its rule. Rule configurations are parsed with the contract's own schemas, so an unexpected shape
 * draws nothing rather than a wrong line.
 */
export function thresholdsFor(station: Station, metric: Metric, rules: StationRuleView[]): ChartThresholds {
  if (metric === 'water_level_m' && station.waterLevels) {
    const { warning, guaranteed, historicMax } = station.waterLevels;
    const named: [string, number | null, AlarmLevel][] = [
      ['警戒水位', warning, 'yellow'],
      ['保证水位', guaranteed, 'orange'],
      ['历史最高水位', historicMax, 'red'],
    ];
    return {
      lines: named.flatMap(([name, value, level]) => (value === null ? [] : [{ name, value, level }])),
      windowHours: null,
    };
  }
  if (metric === 'rainfall_mm') {
    const parsed = zRainfallConfig.safeParse(effectiveOf(rules, 'rainfall'));
    if (!parsed.success || !parsed.data.enabled) return { lines: [], windowHours: null };
    const window = [...parsed.data.windows].sort((a, b) => a.hours - b.hours)[0]!;
    return { lines: levelLines(window.thresholds, `${window.hours}小时`), windowHours: window.hours };
  }
  const rule = LIMIT_RULES[metric];
  if (rule) {
    const parsed = zLimitConfig.safeParse(effectiveOf(rules, rule));
    if (parsed.success && parsed.data.enabled) return { lines: levelLines(parsed.data.thresholds, ''), windowHours: null };
  }
  return { lines: [], windowHours: null };
}
