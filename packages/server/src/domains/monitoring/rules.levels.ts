import { ALARM_LEVELS, type AlarmLevel } from '@yingji/contracts/monitoring.ts';
import type { Thresholds } from '@yingji/contracts/alarms.ts';

/** 0 for blue … 3 for red; -1 for no level. */
export function levelRank(level: AlarmLevel | null): number {
  return level === null ? -1 : ALARM_LEVELS.indexOf(level);
}

export function higherLevel(a: AlarmLevel | null, b: AlarmLevel | null): AlarmLevel | null {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/**
 * Sums of many small increments drift (0.1 + 0.2 ≠ 0.3); comparing a drifted 49.999999999 with a 50 mm threshold
 * would miss the edge "达到或超过", so values are rounded to 1e-6 of their unit before any comparison.
 */
export function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The level a value reaches, with hysteresis (回差): a level is entered when the value reaches its threshold
 * (≥, 达到或超过), and kept — once held — until the value falls more than `hysteresis` below that threshold. So a
 * value hovering around a threshold raises once and recovers once, instead of flapping with every reading.
 * `previous` is the level currently held (null: none).
 */
export function levelFor(
  value: number,
  thresholds: Thresholds,
  previous: AlarmLevel | null,
  hysteresis: number,
): AlarmLevel | null {
  const v = tidy(value);
  const held = levelRank(previous);
  let result: AlarmLevel | null = null;
  for (let i = 0; i < ALARM_LEVELS.length; i += 1) {
    const level = ALARM_LEVELS[i]!;
    const threshold = thresholds[level];
    if (threshold === null) continue;
    const bar = i <= held ? tidy(threshold - hysteresis) : threshold;
    if (v >= bar) result = level;
  }
  return result;
}

/** The threshold a level was decided by (for messages): the lowest set threshold at or above the given level. */
export function thresholdOf(thresholds: Thresholds, level: AlarmLevel): number | null {
  return thresholds[level];
}
