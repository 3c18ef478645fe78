import type { PlanCategory, PlanHazard } from '@yingji/contracts/plans.ts';
import {
  RESPONSE_LEVELS,
  type DigitalPlan,
  type IncidentFacts,
  type PlanMatch,
  type PlanMatchResult,
  type Range,
  type ResponseLevel,
  type TriggerMetric,
} from '@yingji/contracts/plans-digital.ts';
import { rangeContains, thresholdRange, warningRange, warningRank } from './plans.intervals.ts';

/**
 * Matching an incident's facts against the digital plans in force (E6 calls this). Pure: the index is built once
 * from the plans in force (PlansDomain keeps it fresh on 'plans.changed'), and a match reads only the index.
 */

/** What the index needs of a plan in force. */
export interface IndexablePlan {
  id: string;
  name: string;
  version: number;
  category: PlanCategory;
  areaCode: string;
  ownerDepartment: string;
  hazardTypes: readonly PlanHazard[];
  digital: DigitalPlan;
}

interface CompiledTrigger {
  index: number;
  description: string;
  /** null: any hazard the plan covers. */
  hazards: ReadonlySet<PlanHazard> | null;
  warning: Range | null;
  thresholds: { metric: TriggerMetric; range: Range }[];
}

export interface IndexedPlan extends Pick<
  IndexablePlan,
  'id' | 'name' | 'version' | 'category' | 'areaCode' | 'ownerDepartment'
> {
  /** The plan names its hazards (a 专项 plan) rather than covering every hazard. */
  specific: boolean;
  /** Highest level first, so the first level with a trigger that holds is the answer. */
  levels: { level: ResponseLevel; triggers: CompiledTrigger[] }[];
}

export interface PlanIndex {
  byHazard: ReadonlyMap<PlanHazard, readonly IndexedPlan[]>;
  /** Plans of every hazard (总体、应急保障): candidates for any incident. */
  anyHazard: readonly IndexedPlan[];
  size: number;
}

export function compilePlan(plan: IndexablePlan): IndexedPlan {
  const levels = [...plan.digital.levels]
    .sort((a, b) => RESPONSE_LEVELS.indexOf(b.level) - RESPONSE_LEVELS.indexOf(a.level))
    .map((level) => ({
      level: level.level,
      triggers: level.triggers.map((t, index): CompiledTrigger => ({
        index,
        description: t.description,
        hazards: t.hazards.length > 0 ? new Set(t.hazards) : null,
        warning: t.warningLevel ? warningRange(t.warningLevel) : null,
        thresholds: t.thresholds.map((x) => ({ metric: x.metric, range: thresholdRange(x) })),
      })),
    }));
  return {
    id: plan.id,
    name: plan.name,
    version: plan.version,
    category: plan.category,
    areaCode: plan.areaCode,
    ownerDepartment: plan.ownerDepartment,
    specific: plan.hazardTypes.length > 0,
    levels,
  };
}

export function buildPlanIndex(plans: readonly IndexablePlan[]): PlanIndex {
  const byHazard = new Map<PlanHazard, IndexedPlan[]>();
  const anyHazard: IndexedPlan[] = [];
  for (const plan of plans) {
    const compiled = compilePlan(plan);
    if (plan.hazardTypes.length === 0) anyHazard.push(compiled);
    for (const hazard of plan.hazardTypes) {
      const list = byHazard.get(hazard) ?? [];
      list.push(compiled);
      byHazard.set(hazard, list);
    }
  }
  return { byHazard, anyHazard, size: plans.length };
}

/** Does the trigger hold for the facts? A condition on a fact that is not given does not hold. */
export function triggerHolds(trigger: CompiledTrigger, facts: IncidentFacts): boolean {
  if (trigger.hazards && !trigger.hazards.has(facts.hazard)) return false;
  if (trigger.warning && (facts.warningLevel === undefined || !rangeContains(trigger.warning, warningRank(facts.warningLevel))))
    return false;
  for (const { metric, range } of trigger.thresholds) {
    const value = facts[metric];
    if (value === undefined || !rangeContains(range, value)) return false;
  }
  return true;
}

/** The highest level of the plan whose triggers hold, with those triggers; null when none does. */
export function levelFor(plan: IndexedPlan, facts: IncidentFacts): PlanMatch | null {
  for (const { level, triggers } of plan.levels) {
    const held = triggers.filter((t) => triggerHolds(t, facts));
    if (held.length === 0) continue;
    return {
      planId: plan.id,
      planName: plan.name,
      version: plan.version,
      category: plan.category,
      areaCode: plan.areaCode,
      ownerDepartment: plan.ownerDepartment,
      level,
      specific: plan.specific,
      matchedTriggers: held.map((t) => ({ index: t.index, description: t.description })),
    };
  }
  return null;
}

/** Which kind of plan goes first when all else is equal: the narrower the plan, the closer to the incident. */
const CATEGORY_ORDER: Record<PlanCategory, number> = {
  special: 0,
  department: 1,
  township: 2,
  enterprise: 3,
  major_event: 4,
  overall: 5,
};

/** Best first: hazard-specific plans, then the highest level, then the most local plan, then the narrower kind. */
export function compareMatches(a: PlanMatch, b: PlanMatch): number {
  return (
    Number(b.specific) - Number(a.specific) ||
    RESPONSE_LEVELS.indexOf(b.level) - RESPONSE_LEVELS.indexOf(a.level) ||
    b.areaCode.length - a.areaCode.length ||
    CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] ||
    a.planName.localeCompare(b.planName, 'zh-CN')
  );
}

/**
 * The plans in force whose area contains the incident's, whose hazards include the incident's (or that cover every
 * hazard), and one of whose levels' triggers hold; each at its highest such level. Best first (compareMatches).
 */
export function matchPlans(index: PlanIndex, facts: IncidentFacts): PlanMatchResult {
  const matches: PlanMatch[] = [];
  for (const candidates of [index.byHazard.get(facts.hazard) ?? [], index.anyHazard]) {
    for (const plan of candidates) {
      if (!facts.areaCode.startsWith(plan.areaCode)) continue;
      const match = levelFor(plan, facts);
      if (match) matches.push(match);
    }
  }
  matches.sort(compareMatches);
  return { best: matches[0] ?? null, matches };
}
