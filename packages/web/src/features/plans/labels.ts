import type { User } from '@yingji/contracts/auth.ts';
import {
  ENTERPRISE_PLAN_FORM_NAMES,
  PLAN_CATEGORY_NAMES,
  PLAN_EVENT_CLASS_NAMES,
  PLAN_HAZARD_NAMES,
  PLAN_STATE_NAMES,
  REVISION_TRIGGER_NAMES,
  type LifecycleStep,
  type PlanCategory,
  type PlanState,
  type RevisionStatus,
} from '@yingji/contracts/plans.ts';
import { RESPONSE_LEVELS, TRIGGER_METRIC_NAMES, type ResponseLevel } from '@yingji/contracts/plans-digital.ts';
import { DRILL_RATING_NAMES, DRILL_TYPE_NAMES, type DrillDueStatus, type DrillState } from '@yingji/contracts/plans-drills.ts';
import { ALARM_LEVEL_LABELS } from '@yingji/contracts/monitoring.ts';
import { rolesMay } from '@yingji/contracts/permissions.ts';
import { can } from '../../app/permissions.ts';

const options = <K extends string>(names: Record<K, string>) =>
  (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));

/** The list's short names: 总体 / 专项 / 部门 / 乡镇 / 企业 / 重大活动. */
export const CATEGORY_SHORT: Record<PlanCategory, string> = {
  overall: '总体',
  special: '专项',
  department: '部门',
  township: '乡镇',
  enterprise: '企业',
  major_event: '重大活动',
};
export const CATEGORY_OPTIONS = options(PLAN_CATEGORY_NAMES);
export const CATEGORY_SHORT_OPTIONS = options(CATEGORY_SHORT);
export const EVENT_CLASS_OPTIONS = options(PLAN_EVENT_CLASS_NAMES);
export const ENTERPRISE_FORM_OPTIONS = options(ENTERPRISE_PLAN_FORM_NAMES);
export const HAZARD_OPTIONS = options(PLAN_HAZARD_NAMES);
export const STATE_OPTIONS = options(PLAN_STATE_NAMES);
export const REVISION_TRIGGER_OPTIONS = options(REVISION_TRIGGER_NAMES);
export const METRIC_OPTIONS = options(TRIGGER_METRIC_NAMES);
export const ALARM_LEVEL_OPTIONS = options(ALARM_LEVEL_LABELS);
export const DRILL_TYPE_OPTIONS = options(DRILL_TYPE_NAMES);
export const DRILL_RATING_OPTIONS = options(DRILL_RATING_NAMES);

export const STATE_COLORS: Record<PlanState, string> = {
  drafting: 'default',
  reviewing: 'processing',
  approving: 'gold',
  approved: 'cyan',
  published: 'green',
  filed: 'green',
  evaluating: 'purple',
  superseded: 'default',
};
export const REVISION_STATUS_COLORS: Record<RevisionStatus, string> = {
  overdue: 'red',
  flagged: 'volcano',
  due_soon: 'gold',
  ok: 'green',
};
export const DRILL_STATE_COLORS: Record<DrillState, string> = {
  planned: 'blue',
  conducted: 'cyan',
  evaluated: 'green',
  cancelled: 'default',
};
export const DRILL_DUE_COLORS: Record<DrillDueStatus, string> = { overdue: 'red', due_soon: 'gold', ok: 'green' };

/** Ⅳ → Ⅰ as the plans print them. */
export const LEVEL_NUMERALS: Record<ResponseLevel, string> = { IV: 'Ⅳ级', III: 'Ⅲ级', II: 'Ⅱ级', I: 'Ⅰ级' };
export const LEVEL_COLORS: Record<ResponseLevel, string> = { IV: 'blue', III: 'gold', II: 'orange', I: 'red' };
export const LEVEL_OPTIONS = RESPONSE_LEVELS.map((level) => ({ value: level, label: LEVEL_NUMERALS[level] }));

/** "30 分钟内", "立即", "2 小时内": a deadline after activation as the cards say it. */
export function deadlineText(minutes: number): string {
  if (minutes === 0) return '立即';
  if (minutes % 1440 === 0) return `${minutes / 1440} 天内`;
  if (minutes % 60 === 0) return `${minutes / 60} 小时内`;
  return `${minutes} 分钟内`;
}

/**
 * Whether this person may take a step (the server's rule, lifecycle.service.ts): 审批 and a return from 待审批 are
 * the leader's, 评审意见 the reviewers' clerks', the rest the editors' (an enterprise's officer: enterprise plans only).
 */
export function mayTakeStep(user: User, plan: { state: PlanState; category: PlanCategory }, step: LifecycleStep): boolean {
  if (step === 'approve' || (step === 'return_draft' && plan.state === 'approving')) return can(user, 'plans:approve');
  if (step === 'review_opinion') return can(user, 'plans:review');
  return mayEditPlan(user, plan);
}

/** plans:edit, and for an enterprise's safety officer only enterprise plans (plans.policy.ts). */
export function mayEditPlan(user: User, plan: { category: PlanCategory }): boolean {
  if (!can(user, 'plans:edit')) return false;
  const government = user.roles.some((role) => role !== 'enterprise_safety' && rolesMay([role], 'plans:edit'));
  return government || plan.category === 'enterprise';
}

/** Today in Asia/Shanghai as YYYY-MM-DD (the server's "today" for plans and drills). */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
