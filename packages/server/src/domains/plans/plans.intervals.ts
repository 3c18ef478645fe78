import { ALARM_LEVELS, type AlarmLevel } from '@yingji/contracts/monitoring.ts';
import type { Bound, Range, Threshold, TriggerMetric, WarningRange } from '@yingji/contracts/plans-digital.ts';

/**
 * Ranges on one fact, as the validator and the matcher both read them: `min`/`max` null for an open end, each end
 * inclusive or not. Warning levels are ranks 1 (蓝) … 4 (红), so they are ranges like any other fact.
 */
export type Dimension = TriggerMetric | 'warningLevel';

/** Counted facts take whole values: a gap or an overlap with no whole number in it is not a real one. */
export const WHOLE_DIMENSIONS: ReadonlySet<Dimension> = new Set(['deaths', 'missing', 'injured', 'affected', 'warningLevel']);

export const warningRank = (level: AlarmLevel): number => ALARM_LEVELS.indexOf(level) + 1;

export function thresholdRange(threshold: Threshold): Range {
  return { min: threshold.min, max: threshold.max };
}

export function warningRange(range: WarningRange): Range {
  return { min: { value: warningRank(range.from), inclusive: true }, max: { value: warningRank(range.to), inclusive: true } };
}

/** Does the value lie in the range? */
export function rangeContains(range: Range, value: number): boolean {
  const { min, max } = range;
  if (min && (min.inclusive ? value < min.value : value <= min.value)) return false;
  if (max && (max.inclusive ? value > max.value : value >= max.value)) return false;
  return true;
}

/** The stricter of two lower bounds (null = −∞): the higher value, or at a tie the exclusive one. */
function higherMin(a: Bound | null, b: Bound | null): Bound | null {
  if (!a) return b;
  if (!b) return a;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return a.inclusive ? b : a;
}

/** The stricter of two upper bounds (null = +∞). */
function lowerMax(a: Bound | null, b: Bound | null): Bound | null {
  if (!a) return b;
  if (!b) return a;
  if (a.value !== b.value) return a.value < b.value ? a : b;
  return a.inclusive ? b : a;
}

/** Is there any value (any whole value, for whole dimensions) between min and max? */
export function nonEmpty(range: Range, whole: boolean): boolean {
  const { min, max } = range;
  if (whole) {
    const first = min === null ? -Infinity : min.inclusive ? Math.ceil(min.value) : Math.floor(min.value) + 1;
    const last = max === null ? Infinity : max.inclusive ? Math.floor(max.value) : Math.ceil(max.value) - 1;
    return first <= last;
  }
  if (!min || !max) return true;
  return min.value < max.value || (min.value === max.value && min.inclusive && max.inclusive);
}

/** The values both ranges hold, or null when they share none. */
export function intersection(a: Range, b: Range, whole: boolean): Range | null {
  const range = { min: higherMin(a.min, b.min), max: lowerMax(a.max, b.max) };
  return nonEmpty(range, whole) ? range : null;
}

/** Does `a` lie wholly below `b` (every value of a under every value of b)? */
export function whollyBelow(a: Range, b: Range): boolean {
  if (!a.max || !b.min) return false;
  return a.max.value < b.min.value || (a.max.value === b.min.value && !(a.max.inclusive && b.min.inclusive));
}

/** Orders ranges by their lower end (−∞ first; at a tie the inclusive end first). */
export function byLowerEnd(a: Range, b: Range): number {
  if (!a.min || !b.min) return (a.min ? 1 : 0) - (b.min ? 1 : 0);
  if (a.min.value !== b.min.value) return a.min.value - b.min.value;
  return (a.min.inclusive ? 0 : 1) - (b.min.inclusive ? 0 : 1);
}

/** The values no range covers, from the lowest covered value up to `top` (+∞ when null), in order. */
export function uncovered(ranges: Range[], whole: boolean, top: Bound | null): Range[] {
  const sorted = [...ranges].sort(byLowerEnd);
  const gaps: Range[] = [];
  let reach: Bound | null | undefined; // undefined: nothing covered yet; null: covered up to +∞
  for (const range of sorted) {
    if (reach === null) break;
    if (reach !== undefined) {
      const gap = {
        min: { value: reach.value, inclusive: !reach.inclusive },
        max: range.min && { ...range.min, inclusive: !range.min.inclusive },
      };
      if (range.min && nonEmpty(gap, whole)) gaps.push(gap);
    }
    reach = reach === undefined ? range.max : higherMax(reach, range.max);
  }
  if (reach) {
    const gap = { min: { value: reach.value, inclusive: !reach.inclusive }, max: top };
    if (nonEmpty(gap, whole)) gaps.push(gap);
  }
  return gaps;
}

/** The further of two upper ends (null = +∞). */
function higherMax(a: Bound | null, b: Bound | null): Bound | null {
  if (!a || !b) return null;
  if (a.value !== b.value) return a.value > b.value ? a : b;
  return a.inclusive ? a : b;
}

/** "[3, 10)", "[30, +∞)"; warning levels by colour: "蓝色—橙色". */
export function formatRange(range: Range, dimension: Dimension): string {
  if (dimension === 'warningLevel') {
    const name = (rank: number) => ['', '蓝色', '黄色', '橙色', '红色'][Math.round(rank)] ?? String(rank);
    const from = range.min ? Math.ceil(range.min.inclusive ? range.min.value : range.min.value + 1) : 1;
    const to = range.max ? Math.floor(range.max.inclusive ? range.max.value : range.max.value - 1) : 4;
    return from === to ? name(from) : `${name(from)}—${name(to)}`;
  }
  const left = range.min ? `${range.min.inclusive ? '[' : '('}${range.min.value}` : '(−∞';
  const right = range.max ? `${range.max.value}${range.max.inclusive ? ']' : ')'}` : '+∞)';
  return `${left}, ${right}`;
}
