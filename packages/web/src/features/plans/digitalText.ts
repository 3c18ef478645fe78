import { ALARM_LEVEL_LABELS } from '@yingji/contracts/monitoring.ts';
import { PLAN_HAZARD_NAMES } from '@yingji/contracts/plans.ts';
import {
  TRIGGER_METRIC_NAMES,
  TRIGGER_METRIC_UNITS,
  zDigitalPlan,
  type DigitalPlan,
  type PlanIssue,
  type ResponseLevel,
  type Threshold,
  type Trigger,
} from '@yingji/contracts/plans-digital.ts';
import { LEVEL_NUMERALS } from './labels.ts';

/** "死亡人数 ≥ 3 且 < 10 人", "受灾人口 ≥ 100000 人". */
export function thresholdText(t: Threshold): string {
  const unit = TRIGGER_METRIC_UNITS[t.metric];
  const parts = [
    t.min && `${t.min.inclusive ? '≥' : '>'} ${t.min.value.toLocaleString('zh-CN')}`,
    t.max && `${t.max.inclusive ? '≤' : '<'} ${t.max.value.toLocaleString('zh-CN')}`,
  ].filter(Boolean);
  return `${TRIGGER_METRIC_NAMES[t.metric]} ${parts.join(' 且 ')} ${unit}`;
}

/** The conditions of a trigger as one line: "暴雨 · 蓝色预警", "死亡人数 ≥ 1 且 < 3 人 且 …". */
export function triggerConditionText(trigger: Trigger): string {
  const parts: string[] = [];
  if (trigger.warningLevel) {
    const { from, to } = trigger.warningLevel;
    parts.push(from === to ? `${ALARM_LEVEL_LABELS[from]}预警` : `${ALARM_LEVEL_LABELS[from]}至${ALARM_LEVEL_LABELS[to]}预警`);
  }
  parts.push(...trigger.thresholds.map(thresholdText));
  const hazards = trigger.hazards.length ? `${trigger.hazards.map((h) => PLAN_HAZARD_NAMES[h]).join('、')} · ` : '';
  return hazards + parts.join(' 且 ');
}

/**
 * Whether a validator issue concerns this trigger of this level: same level, and the same fact (a threshold's
 * metric, or the warning level) for the issue's hazard — so the table can mark the rows an overlap or gap is about.
 */
export function issueConcerns(issue: PlanIssue, level: ResponseLevel, trigger: Trigger): boolean {
  if (!issue.levels.includes(level) || issue.metric === null) return false;
  const fact =
    issue.metric === 'warningLevel' ? trigger.warningLevel !== null : trigger.thresholds.some((t) => t.metric === issue.metric);
  const hazard = issue.hazard === null || trigger.hazards.length === 0 || trigger.hazards.includes(issue.hazard);
  return fact && hazard;
}

const SECTION_NAMES: Record<string, string> = {
  triggers: '启动条件',
  tasks: '任务',
  resources: '预置资源',
  warnings: '需发布预警',
  groups: '工作组',
};

/** Where in the plan a content error is, for people: "Ⅲ级 · 任务第 2 行". */
function placeOf(digital: DigitalPlan, path: PropertyKey[]): string {
  if (path[0] === 'levels' && typeof path[1] === 'number') {
    const level = digital.levels[path[1]]?.level;
    const head = level ? LEVEL_NUMERALS[level] : `第 ${path[1] + 1} 个级别`;
    const section = typeof path[2] === 'string' ? SECTION_NAMES[path[2]] : undefined;
    return section && typeof path[3] === 'number' ? `${head} · ${section}第 ${path[3] + 1} 行` : head;
  }
  if (path[0] === 'command') {
    if (path[1] === 'groups' && typeof path[2] === 'number') return `工作组第 ${path[2] + 1} 行`;
    return '指挥机构';
  }
  return '数字化预案';
}

/**
 * The contract's own check of the content (the server would refuse the same), as lines for people. Empty when the
 * content is well formed, and then the validator's overlaps and gaps are what remain to see.
 */
export function contentErrors(digital: DigitalPlan): string[] {
  const result = zDigitalPlan.safeParse(digital);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${placeOf(digital, issue.path)}：${issue.message}`);
}
