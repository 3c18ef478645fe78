import { z } from 'zod';
import { zAreaCode } from './common.ts';
import { zAlarmLevel } from './monitoring.ts';
import { zPlanCategory, zPlanHazard } from './plans.ts';

/**
 * 数字化预案 (issue E5 item 3): the structured content the response engine (E6) runs — response levels Ⅳ → Ⅰ with
 * their trigger conditions as data, the command structure (指挥部 and 工作组), and per level the tasks of each
 * department with deadlines relative to activation, the resources to pre-position and the warnings to issue.
 * How triggers are expressed and matched: docs/adr/0008-digital-plans.md.
 */

/** 响应级别, lowest first: Ⅳ级（一般）… Ⅰ级（特别重大）. */
export const RESPONSE_LEVELS = ['IV', 'III', 'II', 'I'] as const;
export const zResponseLevel = z.enum(RESPONSE_LEVELS);
export type ResponseLevel = z.infer<typeof zResponseLevel>;
export const RESPONSE_LEVEL_NAMES: Record<ResponseLevel, string> = {
  IV: 'Ⅳ级应急响应（一般）',
  III: 'Ⅲ级应急响应（较大）',
  II: 'Ⅱ级应急响应（重大）',
  I: 'Ⅰ级应急响应（特别重大）',
};

/** The counted facts of an incident a trigger can set thresholds on. Economic loss is in 万元, forest area in 公顷. */
export const TRIGGER_METRICS = ['deaths', 'missing', 'injured', 'affected', 'economicLoss', 'burnedForestHa'] as const;
export const zTriggerMetric = z.enum(TRIGGER_METRICS);
export type TriggerMetric = z.infer<typeof zTriggerMetric>;
export const TRIGGER_METRIC_NAMES: Record<TriggerMetric, string> = {
  deaths: '死亡人数',
  missing: '失踪人数',
  injured: '受伤（重伤）人数',
  affected: '受灾或需紧急转移安置人口',
  economicLoss: '直接经济损失（万元）',
  burnedForestHa: '受害森林面积（公顷）',
};
export const TRIGGER_METRIC_UNITS: Record<TriggerMetric, string> = {
  deaths: '人',
  missing: '人',
  injured: '人',
  affected: '人',
  economicLoss: '万元',
  burnedForestHa: '公顷',
};

/** One end of a range: the value and whether the value itself belongs to the range (以上/以下 含本数, 不足/超过 不含). */
export const zBound = z.object({ value: z.number().min(0).max(1e12), inclusive: z.boolean() }).strict();
export type Bound = z.infer<typeof zBound>;

/** A range on one counted fact: min ≤/< value ≤/< max, either end open (null). "死亡 3 人以上 10 人以下" = [3, 10). */
export const zThreshold = z
  .object({ metric: zTriggerMetric, min: zBound.nullable(), max: zBound.nullable() })
  .strict()
  .refine((t) => t.min !== null || t.max !== null, { message: '阈值至少要有下限或上限' })
  .refine(
    (t) =>
      t.min === null ||
      t.max === null ||
      t.min.value < t.max.value ||
      (t.min.value === t.max.value && t.min.inclusive && t.max.inclusive),
    { message: '阈值下限须小于上限（相等时两端都须包含）' },
  );
export type Threshold = z.infer<typeof zThreshold>;

/** Warning/alarm levels from `from` up to `to`, both included (蓝 < 黄 < 橙 < 红). */
export const zWarningRange = z.object({ from: zAlarmLevel, to: zAlarmLevel }).strict();
export type WarningRange = z.infer<typeof zWarningRange>;

/**
 * A trigger: every condition in it must hold (AND); a level starts when any of its triggers holds (OR). `hazards`
 * narrows the trigger to some of the plan's hazards (empty: every hazard the plan covers). `description` is the
 * plan's own wording, shown to people.
 */
export const zTrigger = z
  .object({
    hazards: z.array(zPlanHazard).max(40).default([]),
    warningLevel: zWarningRange.nullable().default(null),
    thresholds: z.array(zThreshold).max(6).default([]),
    description: z.string().trim().min(1, '请填写启动条件的文字表述').max(500),
  })
  .strict()
  .refine((t) => t.warningLevel !== null || t.thresholds.length > 0, { message: '启动条件须有预警级别或至少一个数量阈值' })
  .refine((t) => new Set(t.thresholds.map((x) => x.metric)).size === t.thresholds.length, {
    message: '同一启动条件中每项指标只能出现一次',
  });
export type Trigger = z.infer<typeof zTrigger>;

const zDept = z.string().trim().min(1, '部门不能为空').max(64);

/** A task of a department at a level: "30 分钟内 …", counted from the moment the level is activated. */
export const zPlanTask = z
  .object({
    department: zDept,
    /** The working group (its code) the task belongs to, if any. */
    group: z.string().max(32).nullable().default(null),
    action: z.string().trim().min(1, '请填写任务内容').max(500),
    /** Deadline in minutes after activation; 0 = 立即. */
    withinMinutes: z.number().int().min(0).max(43_200),
  })
  .strict();
export type PlanTask = z.infer<typeof zPlanTask>;

/** 预置资源: what to move where before or at activation (teams, supplies, equipment). */
export const zPrepositionItem = z
  .object({
    resource: z.string().trim().min(1).max(100),
    quantity: z.number().min(0).nullable().default(null),
    unit: z.string().trim().max(16).nullable().default(null),
    location: z.string().trim().min(1).max(100),
    department: zDept,
  })
  .strict();
export type PrepositionItem = z.infer<typeof zPrepositionItem>;

/** 需发布的预警: to whom, at which level, by which department, with what content. */
export const zPlanWarning = z
  .object({
    hazard: zPlanHazard.nullable().default(null),
    level: zAlarmLevel,
    audience: z.string().trim().min(1).max(200),
    content: z.string().trim().min(1).max(500),
    department: zDept,
  })
  .strict();
export type PlanWarning = z.infer<typeof zPlanWarning>;

export const zLevelContent = z
  .object({
    level: zResponseLevel,
    /** Who leads the response at this level (e.g. 县三防指挥部总指挥（县长）). */
    commander: z.string().trim().max(100).nullable().default(null),
    triggers: z.array(zTrigger).max(40).default([]),
    tasks: z.array(zPlanTask).max(300).default([]),
    resources: z.array(zPrepositionItem).max(200).default([]),
    warnings: z.array(zPlanWarning).max(50).default([]),
  })
  .strict();
export type LevelContent = z.infer<typeof zLevelContent>;

export const zWorkingGroup = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, '工作组代码为小写字母、数字和下划线'),
    name: z.string().trim().min(1).max(32),
    leadDepartment: zDept,
    departments: z.array(zDept).max(40).default([]),
    duties: z.string().trim().max(1000).default(''),
  })
  .strict();
export type WorkingGroup = z.infer<typeof zWorkingGroup>;

export const zCommandStructure = z
  .object({
    headquarters: z
      .object({
        name: z.string().trim().max(64).default(''),
        commander: z.string().trim().max(64).default(''),
        deputyCommanders: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
        /** 指挥部办公室设在 … */
        office: z.string().trim().max(64).default(''),
        memberDepartments: z.array(zDept).max(80).default([]),
      })
      .strict(),
    groups: z.array(zWorkingGroup).max(30).default([]),
  })
  .strict();
export type CommandStructure = z.infer<typeof zCommandStructure>;

export const zDigitalPlan = z
  .object({
    command: zCommandStructure,
    levels: z.array(zLevelContent).max(4).default([]),
  })
  .strict()
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.levels.forEach((level, i) => {
      if (seen.has(level.level)) ctx.addIssue({ code: 'custom', message: `响应级别 ${level.level} 重复`, path: ['levels', i] });
      seen.add(level.level);
    });
    const groups = new Set(plan.command.groups.map((g) => g.code));
    if (groups.size !== plan.command.groups.length)
      ctx.addIssue({ code: 'custom', message: '工作组代码不能重复', path: ['command', 'groups'] });
    plan.levels.forEach((level, i) =>
      level.tasks.forEach((task, j) => {
        if (task.group !== null && !groups.has(task.group))
          ctx.addIssue({
            code: 'custom',
            message: `任务所属工作组 ${task.group} 不存在`,
            path: ['levels', i, 'tasks', j, 'group'],
          });
      }),
    );
  });
export type DigitalPlan = z.infer<typeof zDigitalPlan>;

export const EMPTY_DIGITAL_PLAN: DigitalPlan = {
  command: { headquarters: { name: '', commander: '', deputyCommanders: [], office: '', memberDepartments: [] }, groups: [] },
  levels: [],
};

// ——— Validation ———

/**
 * What the validator finds. Errors stop publication: no levels, triggers of different levels overlapping. Warnings
 * are shown but do not: gaps between levels, levels in the wrong order, a level with no trigger (manual start only).
 */
export const PLAN_ISSUE_KINDS = ['no_levels', 'overlap', 'gap', 'order', 'no_triggers'] as const;
export const zPlanIssueKind = z.enum(PLAN_ISSUE_KINDS);
export type PlanIssueKind = z.infer<typeof zPlanIssueKind>;

export const zRange = z.object({ min: zBound.nullable(), max: zBound.nullable() });
export type Range = z.infer<typeof zRange>;

export const zPlanIssue = z.object({
  kind: zPlanIssueKind,
  severity: z.enum(['error', 'warning']),
  /** In Chinese, for people: e.g. "Ⅲ级与Ⅱ级的“死亡人数”启动条件重叠：[8, 10)". */
  message: z.string(),
  levels: z.array(zResponseLevel),
  hazard: zPlanHazard.nullable(),
  /** The fact concerned; 'warningLevel' ranges are given as 1 (蓝) … 4 (红). */
  metric: z.union([zTriggerMetric, z.literal('warningLevel')]).nullable(),
  range: zRange.nullable(),
});
export type PlanIssue = z.infer<typeof zPlanIssue>;

export const zDigitalValidation = z.object({ publishable: z.boolean(), issues: z.array(zPlanIssue) });
export type DigitalValidation = z.infer<typeof zDigitalValidation>;

export const zDigitalPlanView = z.object({
  planId: z.uuid(),
  digital: zDigitalPlan,
  validation: zDigitalValidation,
});
export type DigitalPlanView = z.infer<typeof zDigitalPlanView>;

// ——— Matching (E6 calls this) ———

const zCount = z.number().min(0).max(1e12);

/** What is known of an incident. A trigger on a fact that is not given does not hold. */
export const zIncidentFacts = z
  .object({
    hazard: zPlanHazard,
    /** Where it happens: a plan covers it when the plan's area contains this one. */
    areaCode: zAreaCode,
    warningLevel: zAlarmLevel.optional(),
    deaths: zCount.optional(),
    missing: zCount.optional(),
    injured: zCount.optional(),
    affected: zCount.optional(),
    economicLoss: zCount.optional(),
    burnedForestHa: zCount.optional(),
  })
  .strict();
export type IncidentFacts = z.infer<typeof zIncidentFacts>;

export const zPlanMatch = z.object({
  planId: z.uuid(),
  planName: z.string(),
  version: z.number().int(),
  category: zPlanCategory,
  areaCode: zAreaCode,
  ownerDepartment: z.string(),
  /** The highest level whose triggers hold. */
  level: zResponseLevel,
  /** The plan names the incident's hazard (a 专项 plan), rather than covering every hazard (总体、保障). */
  specific: z.boolean(),
  /** The triggers of that level that hold: their position in the level and their wording. */
  matchedTriggers: z.array(z.object({ index: z.number().int(), description: z.string() })),
});
export type PlanMatch = z.infer<typeof zPlanMatch>;

export const zPlanMatchResult = z.object({
  /** The plan to start: hazard-specific first, then the highest level, then the most local plan. */
  best: zPlanMatch.nullable(),
  /** Every plan in force whose triggers hold, best first. */
  matches: z.array(zPlanMatch),
});
export type PlanMatchResult = z.infer<typeof zPlanMatchResult>;

// ——— 应急处置卡 ———

export const zCardsQuery = z
  .object({
    level: zResponseLevel.optional(),
    /** One department's cards (its tasks at each level). */
    department: z.string().max(64).optional(),
    /** One working group's cards (the tasks of the group at each level). */
    group: z.string().max(32).optional(),
  })
  .strict()
  .refine((q) => q.department === undefined || q.group === undefined, { message: '部门和工作组只能选一个' });
export type CardsQuery = z.infer<typeof zCardsQuery>;
