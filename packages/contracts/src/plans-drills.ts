import { z } from 'zod';
import { zAreaCode, zCappedPage } from './common.ts';
import { zDate, zEnterprisePlanForm, zPlanCategory, zPlanState, zText } from './plans.ts';

/**
 * 应急演练 (issue E5 item 5; SYS-F02, ENT-61): a drill is planned for a plan, carried out (execution record), and
 * evaluated with the problems found and the follow-up actions, which may require the plan to be revised. The
 * frequency check compares each plan's last drill with the intervals of domain-rules B.10 (a configurable rule).
 */

const zId = z.uuid('编号格式不正确');

/** 演练形式 (SYS-F02): 桌面推演、实战演练、“双盲”演练、数字演练. */
export const DRILL_TYPES = ['tabletop', 'live', 'double_blind', 'digital'] as const;
export const zDrillType = z.enum(DRILL_TYPES);
export type DrillType = z.infer<typeof zDrillType>;
export const DRILL_TYPE_NAMES: Record<DrillType, string> = {
  tabletop: '桌面推演',
  live: '实战演练',
  double_blind: '双盲演练',
  digital: '数字演练',
};

/** 计划 → 已实施 → 已评估; a planned drill may be cancelled. */
export const DRILL_STATES = ['planned', 'conducted', 'evaluated', 'cancelled'] as const;
export const zDrillState = z.enum(DRILL_STATES);
export type DrillState = z.infer<typeof zDrillState>;
export const DRILL_STATE_NAMES: Record<DrillState, string> = {
  planned: '计划中',
  conducted: '已实施',
  evaluated: '已评估',
  cancelled: '已取消',
};

/** 演练评估等级. */
export const zDrillRating = z.enum(['excellent', 'good', 'fair', 'poor']);
export type DrillRating = z.infer<typeof zDrillRating>;
export const DRILL_RATING_NAMES: Record<DrillRating, string> = {
  excellent: '优秀',
  good: '良好',
  fair: '基本合格',
  poor: '不合格',
};

export const zDrillParticipant = z
  .object({
    unit: zText(64, '参演单位'),
    people: z.number().int().min(0).max(100_000).nullable().default(null),
  })
  .strict();
export type DrillParticipant = z.infer<typeof zDrillParticipant>;

export const zDrillExecution = z
  .object({
    conductedOn: zDate,
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    participantCount: z.number().int().min(0).max(1_000_000),
    /** 实施记录: what was done, in order. */
    summary: zText(4000, '实施记录'),
  })
  .strict();
export type DrillExecution = z.infer<typeof zDrillExecution>;

export const zDrillAction = z
  .object({
    description: zText(500, '整改措施'),
    owner: zText(64, '责任单位'),
    dueOn: zDate.nullable().default(null),
    /** The action is a change to the plan: the plan is flagged for revision (修订) with this as the reason. */
    requiresRevision: z.boolean().default(false),
  })
  .strict();
export type DrillAction = z.infer<typeof zDrillAction>;

/** 评估 (国办发〔2013〕101号 Art. 23: 执行情况, 预案合理性与可操作性, 指挥协调, 人员处置, 装备适用性, 改进建议). */
export const zDrillEvaluation = z
  .object({
    rating: zDrillRating,
    summary: zText(4000, '评估结论'),
    problems: z.array(zText(500, '发现的问题')).max(50).default([]),
    actions: z.array(zDrillAction).max(50).default([]),
  })
  .strict();
export type DrillEvaluation = z.infer<typeof zDrillEvaluation>;

export const zDrill = z.object({
  id: zId,
  planId: zId,
  planName: z.string(),
  planLineageId: zId,
  areaCode: zAreaCode,
  title: z.string(),
  type: zDrillType,
  scenario: z.string(),
  /** 组织单位. */
  organiser: z.string(),
  participants: z.array(zDrillParticipant),
  plannedOn: zDate,
  state: zDrillState,
  execution: zDrillExecution.nullable(),
  evaluation: zDrillEvaluation.extend({ evaluatedAt: z.string(), evaluatedBy: z.string() }).nullable(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Drill = z.infer<typeof zDrill>;

const drillFields = {
  title: zText(100, '演练名称'),
  type: zDrillType,
  /** 演练情景 (多灾种、连锁反应、极端条件 …). */
  scenario: zText(4000, '演练情景'),
  organiser: zText(64, '组织单位'),
  participants: z.array(zDrillParticipant).max(100),
  plannedOn: zDate,
};

export const zDrillCreate = z
  .object({
    planId: zId,
    ...drillFields,
    participants: drillFields.participants.default([]),
    /** Where the drill is held; by default the plan's own area. */
    areaCode: zAreaCode.optional(),
  })
  .strict();
export type DrillCreate = z.infer<typeof zDrillCreate>;

export const zDrillUpdate = z.object(drillFields).partial().strict();
export type DrillUpdate = z.infer<typeof zDrillUpdate>;

export const zDrillCancel = z.object({ reason: zText(500, '取消原因') }).strict();
export type DrillCancel = z.infer<typeof zDrillCancel>;

export const zDrillListQuery = z
  .object({
    areaCode: zAreaCode.optional(),
    planId: zId.optional(),
    type: zDrillType.optional(),
    state: zDrillState.optional(),
    /** plannedOn from … to … (both included): the calendar's window. */
    from: zDate.optional(),
    to: zDate.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type DrillListQuery = z.infer<typeof zDrillListQuery>;

export const zDrillPage = zCappedPage(zDrill);

// ——— Frequency check ———

export const zDrillDueStatus = z.enum(['overdue', 'due_soon', 'ok']);
export type DrillDueStatus = z.infer<typeof zDrillDueStatus>;
export const DRILL_DUE_STATUS_NAMES: Record<DrillDueStatus, string> = { overdue: '已超期', due_soon: '即将到期', ok: '正常' };

export const zDrillDuePlan = z.object({
  planId: zId,
  name: z.string(),
  category: zPlanCategory,
  enterpriseForm: zEnterprisePlanForm.nullable(),
  areaCode: zAreaCode,
  state: zPlanState,
  /** The interval the rule sets for this kind of plan, in months. */
  intervalMonths: z.number().int(),
  /** The last drill carried out for any version of the plan. */
  lastDrillOn: zDate.nullable(),
  /** lastDrillOn (or the publication, when never drilled) + the interval. */
  dueOn: zDate,
  overdueDays: z.number().int(),
  status: zDrillDueStatus,
  /** The next drill already planned, if any. */
  nextPlannedOn: zDate.nullable(),
});
export type DrillDuePlan = z.infer<typeof zDrillDuePlan>;

export const zDrillFrequencyOverview = z.object({
  today: zDate,
  departments: z.array(
    z.object({
      department: z.string(),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
      plans: z.array(zDrillDuePlan),
    }),
  ),
});
export type DrillFrequencyOverview = z.infer<typeof zDrillFrequencyOverview>;
