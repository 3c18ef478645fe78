import {
  PLAN_HAZARD_NAMES,
  PLAN_LIFECYCLE,
  type EnterprisePlanForm,
  type LifecycleStep,
  type PlanCategory,
  type PlanHazard,
  type PlanState,
  type RevisionStatus,
} from '@yingji/contracts/plans.ts';
import {
  RESPONSE_LEVELS,
  TRIGGER_METRIC_NAMES,
  type DigitalPlan,
  type DigitalValidation,
  type PlanIssue,
  type Range,
  type ResponseLevel,
  type Trigger,
} from '@yingji/contracts/plans-digital.ts';
import type { DrillDueStatus } from '@yingji/contracts/plans-drills.ts';
import {
  formatRange,
  intersection,
  thresholdRange,
  uncovered,
  warningRange,
  WHOLE_DIMENSIONS,
  whollyBelow,
  type Dimension,
} from './plans.intervals.ts';
import type { DrillFrequency } from './plans.rules-config.ts';

/** Pure rules of the plans domain: the lifecycle, the digital-plan validator, revision and drill due dates. */

// ——— Dates (calendar days in Asia/Shanghai, as people count them) ———

export function todayInShanghai(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The same day `months` later (the month's last day when it has fewer days: 2024-02-29 + 12 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// ——— Lifecycle ———

/** The state a step leads to, or null when the step is out of order in `state`. */
export function stepTarget(
  state: PlanState,
  step: LifecycleStep,
  plan: { filingNumber: string | null },
): { to: PlanState } | null {
  const rule = PLAN_LIFECYCLE[step];
  if (!rule.from.includes(state)) return null;
  if (rule.to !== null) return { to: rule.to };
  // 评估结论 returns the plan to where it stood before the evaluation began.
  if (step === 'finish_evaluation') return { to: plan.filingNumber ? 'filed' : 'published' };
  return { to: state };
}

// ——— Revision and drill due dates ———

export function revisionStatus(
  plan: { publishedOn: string | null; flagged: boolean },
  rule: { years: number; warnDays: number },
  today: string,
): { dueOn: string | null; overdueDays: number | null; status: RevisionStatus } {
  const dueOn = plan.publishedOn ? addMonths(plan.publishedOn, rule.years * 12) : null;
  const overdueDays = dueOn ? daysFrom(dueOn, today) : null;
  const status: RevisionStatus =
    overdueDays !== null && overdueDays > 0
      ? 'overdue'
      : plan.flagged
        ? 'flagged'
        : overdueDays !== null && overdueDays > -rule.warnDays
          ? 'due_soon'
          : 'ok';
  return { dueOn, overdueDays, status };
}

/** The drill interval in months for a kind of plan, or null when the rule sets none. */
export function drillIntervalMonths(
  plan: { category: PlanCategory; enterpriseForm: EnterprisePlanForm | null },
  rule: DrillFrequency,
): number | null {
  if (plan.category !== 'enterprise') return rule[plan.category];
  return rule[`enterprise_${plan.enterpriseForm ?? 'comprehensive'}`];
}

/** When the next drill is due: the last drill (or, never drilled, the publication) plus the interval. */
export function drillDue(
  plan: { lastDrillOn: string | null; publishedOn: string | null; createdOn: string },
  intervalMonths: number,
  warnDays: number,
  today: string,
): { dueOn: string; overdueDays: number; status: DrillDueStatus } {
  const dueOn = addMonths(plan.lastDrillOn ?? plan.publishedOn ?? plan.createdOn, intervalMonths);
  const overdueDays = daysFrom(dueOn, today);
  return { dueOn, overdueDays, status: overdueDays > 0 ? 'overdue' : overdueDays > -warnDays ? 'due_soon' : 'ok' };
}

// ——— The digital-plan validator ———

const LEVEL_LABEL: Record<ResponseLevel, string> = { IV: 'Ⅳ级', III: 'Ⅲ级', II: 'Ⅱ级', I: 'Ⅰ级' };
const rankOf = (level: ResponseLevel) => RESPONSE_LEVELS.indexOf(level);
const TOP: Partial<Record<Dimension, Range['max']>> = { warningLevel: { value: 4, inclusive: true } };

/** One trigger cut down to what the validator compares: its hazard, and its range on each fact it names. */
interface Box {
  level: ResponseLevel;
  hazard: PlanHazard | null;
  ranges: Map<Dimension, Range>;
}

function boxesOf(level: ResponseLevel, trigger: Trigger, planHazards: readonly PlanHazard[]): Box[] {
  const ranges = new Map<Dimension, Range>();
  if (trigger.warningLevel) ranges.set('warningLevel', warningRange(trigger.warningLevel));
  for (const t of trigger.thresholds) ranges.set(t.metric, thresholdRange(t));
  // A trigger without hazards applies to each of the plan's hazards (or to any hazard, for a plan of every hazard).
  const hazards: (PlanHazard | null)[] =
    trigger.hazards.length > 0 ? trigger.hazards : planHazards.length > 0 ? [...planHazards] : [null];
  return hazards.map((hazard) => ({ level, hazard, ranges }));
}

const dimensionName = (d: Dimension) => (d === 'warningLevel' ? '预警级别' : TRIGGER_METRIC_NAMES[d]);
const subject = (hazard: PlanHazard | null, dims: Dimension[]) =>
  `${hazard ? `${PLAN_HAZARD_NAMES[hazard]} · ` : ''}${dims.map(dimensionName).join(' + ')}`;

/** The overlap of two boxes on the same facts: every fact's ranges meet. */
function boxOverlap(a: Box, b: Box, dims: Dimension[]): Map<Dimension, Range> | null {
  const common = new Map<Dimension, Range>();
  for (const d of dims) {
    const meet = intersection(a.ranges.get(d)!, b.ranges.get(d)!, WHOLE_DIMENSIONS.has(d));
    if (!meet) return null;
    common.set(d, meet);
  }
  return common;
}

/**
 * Checks a digital plan's levels against each other. Triggers are compared within groups of the same hazard and the
 * same facts (a "死亡人数" trigger with the other "死亡人数" triggers; a compound "红色预警 + 死亡人数" trigger with the
 * other compound triggers of that shape): triggers of different levels in one group must not overlap (error). For
 * one-fact groups the levels must also cover the range from the lowest threshold upwards without gaps, and rise
 * with the level (warnings). Triggers on different facts may hold together — the highest level then wins — so they
 * are not compared. See docs/adr/0008-digital-plans.md.
 */
export function validateDigitalPlan(digital: DigitalPlan, planHazards: readonly PlanHazard[]): DigitalValidation {
  const issues: PlanIssue[] = [];
  const issue = (i: Omit<PlanIssue, 'severity'>, severity: PlanIssue['severity']) => issues.push({ ...i, severity });
  if (digital.levels.length === 0) {
    issue(
      { kind: 'no_levels', message: '数字化预案还没有响应级别，不能发布', levels: [], hazard: null, metric: null, range: null },
      'error',
    );
  }
  const groups = new Map<string, { hazard: PlanHazard | null; dims: Dimension[]; boxes: Box[] }>();
  for (const level of digital.levels) {
    if (level.triggers.length === 0) {
      const message = `${LEVEL_LABEL[level.level]}没有启动条件，只能人工启动`;
      issue({ kind: 'no_triggers', message, levels: [level.level], hazard: null, metric: null, range: null }, 'warning');
    }
    for (const trigger of level.triggers) {
      for (const box of boxesOf(level.level, trigger, planHazards)) {
        const dims = [...box.ranges.keys()].sort();
        const key = `${box.hazard ?? '*'}|${dims.join('+')}`;
        const group = groups.get(key) ?? { hazard: box.hazard, dims, boxes: [] };
        group.boxes.push(box);
        groups.set(key, group);
      }
    }
  }
  for (const { hazard, dims, boxes } of groups.values()) {
    const single = dims.length === 1 ? dims[0]! : null;
    const seen = new Set<string>();
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, b] = [boxes[i]!, boxes[j]!].sort((x, y) => rankOf(x.level) - rankOf(y.level)) as [Box, Box];
        if (a.level === b.level) continue;
        const overlap = boxOverlap(a, b, dims);
        const levels = [a.level, b.level];
        const ranges = dims.map((d) => `${dimensionName(d)} ${formatRange((overlap ?? a.ranges).get(d)!, d)}`).join('，');
        const key = `${a.level}|${b.level}|${ranges}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (overlap) {
          const message = `${LEVEL_LABEL[a.level]}与${LEVEL_LABEL[b.level]}的启动条件重叠（${subject(hazard, dims)}：${ranges}）`;
          issue(
            { kind: 'overlap', message, levels, hazard, metric: single, range: single ? overlap.get(single)! : null },
            'error',
          );
        } else if (single && whollyBelow(b.ranges.get(single)!, a.ranges.get(single)!)) {
          const message = `${LEVEL_LABEL[b.level]}的启动条件低于${LEVEL_LABEL[a.level]}（${subject(hazard, dims)}），级别越高阈值应越高`;
          issue({ kind: 'order', message, levels, hazard, metric: single, range: null }, 'warning');
        }
      }
    }
    if (!single) continue;
    const whole = WHOLE_DIMENSIONS.has(single);
    for (const gap of uncovered(
      boxes.map((b) => b.ranges.get(single)!),
      whole,
      TOP[single] ?? null,
    )) {
      const message = `${subject(hazard, dims)} 在 ${formatRange(gap, single)} 没有对应的响应级别`;
      issue({ kind: 'gap', message, levels: [], hazard, metric: single, range: gap }, 'warning');
    }
  }
  return { publishable: !issues.some((i) => i.severity === 'error'), issues };
}
