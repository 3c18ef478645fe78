import { z } from 'zod';
import { zAreaCode, zCappedPage } from './common.ts';

/**
 * 应急预案 (issue E5 items 1 and 2; SYS-F01, ENT-60, WF-09 in the seeds catalogue): the plan register, its attachments
 * and its lifecycle 编制 → 评审 → 审批 → 发布 → 备案 → 评估 → 修订. The digital content (response levels, triggers,
 * tasks) is in plans-digital.ts, drills in plans-drills.ts.
 */

export const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const zId = z.uuid('编号格式不正确');
/** Required text, trimmed, with its Chinese label in the messages. */
export const zText = (max: number, label: string) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 字`);
const zNote = z.string().trim().max(1000, '说明最多 1000 字').nullable().default(null);
const zQueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

// ——— Kinds of plan ———

/** 预案类别 (ENT-60; 001 专栏3 and 002 require 总体、专项、部门 plans of counties and townships). */
export const PLAN_CATEGORIES = ['overall', 'special', 'department', 'township', 'enterprise', 'major_event'] as const;
export const zPlanCategory = z.enum(PLAN_CATEGORIES);
export type PlanCategory = z.infer<typeof zPlanCategory>;
export const PLAN_CATEGORY_NAMES: Record<PlanCategory, string> = {
  overall: '总体应急预案',
  special: '专项应急预案',
  department: '部门应急预案',
  township: '乡镇（街道）应急预案',
  enterprise: '企业应急预案',
  major_event: '重大活动应急预案',
};

/** 事件类别 of a 专项 plan, as 001 专栏3 groups them (自然灾害 / 事故灾难 / 应急保障) plus the other two classes of R-02. */
export const PLAN_EVENT_CLASSES = ['natural_disaster', 'accident', 'public_health', 'social_security', 'support'] as const;
export const zPlanEventClass = z.enum(PLAN_EVENT_CLASSES);
export type PlanEventClass = z.infer<typeof zPlanEventClass>;
export const PLAN_EVENT_CLASS_NAMES: Record<PlanEventClass, string> = {
  natural_disaster: '自然灾害类',
  accident: '事故灾难类',
  public_health: '公共卫生类',
  social_security: '社会安全类',
  support: '应急保障类',
};

/**
 * The form of an enterprise's plan (生产安全事故应急预案管理办法): 综合应急预案、专项应急预案、现场处置方案. Their drill
 * intervals differ (B.10: 综合/专项 yearly, 现场处置方案 half-yearly).
 */
export const ENTERPRISE_PLAN_FORMS = ['comprehensive', 'special', 'onsite'] as const;
export const zEnterprisePlanForm = z.enum(ENTERPRISE_PLAN_FORMS);
export type EnterprisePlanForm = z.infer<typeof zEnterprisePlanForm>;
export const ENTERPRISE_PLAN_FORM_NAMES: Record<EnterprisePlanForm, string> = {
  comprehensive: '综合应急预案',
  special: '专项应急预案',
  onsite: '现场处置方案',
};

/**
 * 灾种 / 事件类型 a plan covers and an incident is of. The weather hazards use the same codes as the warnings (E4)
 * so a warning's hazard can be matched against plans directly; the rest follow 001 专栏3's list of plans.
 */
export const PLAN_HAZARDS = [
  // 自然灾害
  'rainstorm',
  'flash_flood',
  'flood',
  'drought',
  'typhoon',
  'gale',
  'heat',
  'cold_wave',
  'freezing',
  'hail',
  'thunder',
  'fog',
  'geological',
  'forest_fire',
  'earthquake',
  'biological',
  // 事故灾难
  'environmental',
  'nuclear',
  'hazchem',
  'power_outage',
  'communication',
  'railway',
  'mine',
  'industrial',
  'heavy_pollution',
  'fire',
  'ecological',
  'radiation',
  'road_traffic',
  'transport_construction',
  'special_equipment',
  'building_construction',
  'water_supply',
  'gas',
  'pipeline',
  // 公共卫生、社会安全
  'public_health',
  'social_security',
] as const;
export const zPlanHazard = z.enum(PLAN_HAZARDS);
export type PlanHazard = z.infer<typeof zPlanHazard>;
export const PLAN_HAZARD_NAMES: Record<PlanHazard, string> = {
  rainstorm: '暴雨',
  flash_flood: '山洪',
  flood: '洪水',
  drought: '干旱',
  typhoon: '台风',
  gale: '大风',
  heat: '高温',
  cold_wave: '寒潮',
  freezing: '低温雨雪冰冻',
  hail: '冰雹',
  thunder: '雷电',
  fog: '大雾',
  geological: '地质灾害',
  forest_fire: '森林火灾',
  earthquake: '地震',
  biological: '生物灾害',
  environmental: '突发环境事件',
  nuclear: '核事故',
  hazchem: '危险化学品事故',
  power_outage: '大面积停电',
  communication: '通信中断',
  railway: '铁路行车事故',
  mine: '非煤矿山事故',
  industrial: '工贸行业事故',
  heavy_pollution: '重污染天气',
  fire: '火灾事故',
  ecological: '生态破坏事件',
  radiation: '辐射事故',
  road_traffic: '道路交通事故',
  transport_construction: '交通基础设施建设工程事故',
  special_equipment: '特种设备事故',
  building_construction: '房屋建筑和市政工程事故',
  water_supply: '供水突发事件',
  gas: '燃气事故',
  pipeline: '长输管线事故',
  public_health: '突发公共卫生事件',
  social_security: '社会安全事件',
};

/** 十四五规划 catalogue mark (001 专栏3): a plan to be newly written or revised. */
export const zCatalogueMark = z.enum(['new', 'revise']);
export type CatalogueMark = z.infer<typeof zCatalogueMark>;
export const CATALOGUE_MARK_NAMES: Record<CatalogueMark, string> = { new: '新增', revise: '修订' };

// ——— Lifecycle ———

/**
 * A plan version's state. 编制中 → 评审中 → 待审批 → 已审批 → 已发布 → 已备案, with 评估中 after publication; a revision
 * (修订) is a new version drafted beside the one in force, which is 已废止 once the new version is published.
 */
export const PLAN_STATES = [
  'drafting',
  'reviewing',
  'approving',
  'approved',
  'published',
  'filed',
  'evaluating',
  'superseded',
] as const;
export const zPlanState = z.enum(PLAN_STATES);
export type PlanState = z.infer<typeof zPlanState>;
export const PLAN_STATE_NAMES: Record<PlanState, string> = {
  drafting: '编制中',
  reviewing: '评审中',
  approving: '待审批',
  approved: '已审批',
  published: '已发布',
  filed: '已备案',
  evaluating: '评估中',
  superseded: '已废止（被新版本替代）',
};
/** States in which a version is the plan in force: the response engine (E6) matches incidents against these. */
export const PLAN_IN_FORCE_STATES: readonly PlanState[] = ['published', 'filed', 'evaluating'];

/** The lifecycle's steps, each a route (POST /api/plans/:id/<step path>). */
export const LIFECYCLE_STEPS = [
  'submit_review',
  'review_opinion',
  'submit_approval',
  'return_draft',
  'approve',
  'publish',
  'file',
  'start_evaluation',
  'finish_evaluation',
  'mark_revision',
  'revise',
] as const;
export const zLifecycleStep = z.enum(LIFECYCLE_STEPS);
export type LifecycleStep = z.infer<typeof zLifecycleStep>;
export const LIFECYCLE_STEP_NAMES: Record<LifecycleStep, string> = {
  submit_review: '提交评审',
  review_opinion: '登记评审意见',
  submit_approval: '提交审批',
  return_draft: '退回修改',
  approve: '审批通过',
  publish: '发布',
  file: '备案',
  start_evaluation: '开始评估',
  finish_evaluation: '评估结论',
  mark_revision: '标记需修订',
  revise: '修订（生成新版本）',
};

/**
 * From which states each step may be taken, and the state it leads to (null: the state does not change, or for
 * 评估结论 goes back to 已备案 / 已发布). Shared by the server (which refuses anything else, saying why) and the web
 * app (which offers only these buttons).
 */
export const PLAN_LIFECYCLE: Record<LifecycleStep, { from: readonly PlanState[]; to: PlanState | null }> = {
  submit_review: { from: ['drafting'], to: 'reviewing' },
  review_opinion: { from: ['reviewing'], to: null },
  submit_approval: { from: ['reviewing'], to: 'approving' },
  return_draft: { from: ['reviewing', 'approving'], to: 'drafting' },
  approve: { from: ['approving'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
  file: { from: ['published'], to: 'filed' },
  start_evaluation: { from: ['published', 'filed'], to: 'evaluating' },
  finish_evaluation: { from: ['evaluating'], to: null },
  mark_revision: { from: ['published', 'filed', 'evaluating'], to: null },
  revise: { from: ['published', 'filed'], to: null },
};

/** The steps a plan in `state` may take next. */
export function allowedSteps(state: PlanState): LifecycleStep[] {
  return LIFECYCLE_STEPS.filter((step) => PLAN_LIFECYCLE[step].from.includes(state));
}

/** What the timeline shows: the lifecycle steps, plus edits, attachments and the end of a version. */
export const PLAN_EVENT_KINDS = [
  ...LIFECYCLE_STEPS,
  'create',
  'update',
  'digital',
  'attachment_add',
  'attachment_remove',
  'superseded',
] as const;
export const zPlanEventKind = z.enum(PLAN_EVENT_KINDS);
export type PlanEventKind = z.infer<typeof zPlanEventKind>;
export const PLAN_EVENT_KIND_NAMES: Record<PlanEventKind, string> = {
  ...LIFECYCLE_STEP_NAMES,
  create: '登记',
  update: '修改基本信息',
  digital: '修改数字化预案',
  attachment_add: '上传附件',
  attachment_remove: '删除附件',
  superseded: '被新版本替代',
};

/** 评审意见: 同意 / 修改后同意 / 不同意. A plan goes to approval only when every reviewer has agreed (with changes or not). */
export const zReviewOpinion = z.enum(['agree', 'agree_with_changes', 'disagree']);
export type ReviewOpinion = z.infer<typeof zReviewOpinion>;
export const REVIEW_OPINION_NAMES: Record<ReviewOpinion, string> = {
  agree: '同意',
  agree_with_changes: '修改后同意',
  disagree: '不同意',
};

/**
 * Why a plan must be revised (国办发〔2013〕101号 Art. 25, domain-rules B.10): laws or the plan above changed, the command
 * organisation changed, the risks changed, important resources changed, drills or real responses showed problems.
 */
export const REVISION_TRIGGERS = ['law', 'organisation', 'risks', 'resources', 'lessons', 'evaluation', 'other'] as const;
export const zRevisionTrigger = z.enum(REVISION_TRIGGERS);
export type RevisionTrigger = z.infer<typeof zRevisionTrigger>;
export const REVISION_TRIGGER_NAMES: Record<RevisionTrigger, string> = {
  law: '法律法规或上位预案变化',
  organisation: '指挥机构及其职责调整',
  risks: '面临的风险发生重大变化',
  resources: '重要应急资源发生重大变化',
  lessons: '演练或实战中发现问题',
  evaluation: '评估认为需要修订',
  other: '其他',
};

// ——— The register ———

export const zReviewer = z.object({
  name: z.string(),
  /** 单位或身份, e.g. 县水利局、省级专家. */
  unit: z.string().nullable(),
  opinion: zReviewOpinion.nullable(),
  comment: z.string().nullable(),
  recordedAt: z.string().nullable(),
});
export type Reviewer = z.infer<typeof zReviewer>;

export const zPlanLink = z.object({ id: zId, name: z.string(), version: z.number().int(), state: zPlanState });
export type PlanLink = z.infer<typeof zPlanLink>;

export const zPlan = z.object({
  id: zId,
  /** The id of the plan's first version: every version of one plan shares it. */
  lineageId: zId,
  version: z.number().int(),
  name: z.string(),
  category: zPlanCategory,
  eventClass: zPlanEventClass.nullable(),
  enterpriseForm: zEnterprisePlanForm.nullable(),
  /** 编制单位 / 牵头部门. */
  ownerDepartment: z.string(),
  /** The area whose plan this is (county, township or village); the register's scope reads it. */
  areaCode: zAreaCode,
  areaName: z.string().nullable(),
  /** Empty for plans that apply to every hazard (总体预案, 应急保障预案). */
  hazardTypes: z.array(zPlanHazard),
  /** 公开 (to the public) or 内部. */
  public: z.boolean(),
  /** 上级预案 (上下衔接). */
  parentId: zId.nullable(),
  relatedIds: z.array(zId),
  catalogueMark: zCatalogueMark.nullable(),
  summary: z.string().nullable(),
  state: zPlanState,
  /** 印发日期 and 发文字号, set by 发布. */
  publishedOn: zDate.nullable(),
  documentNumber: z.string().nullable(),
  /** 备案: with which authority, under which number, when. */
  filing: z.object({ number: z.string(), filedWith: z.string(), filedOn: zDate }).nullable(),
  /** The current review round (set by 提交评审). */
  review: z.object({ round: z.number().int(), reviewers: z.array(zReviewer) }).nullable(),
  /** When the version in force falls due for revision (publishedOn + the configured years), and any explicit flag. */
  revision: z.object({
    dueOn: zDate.nullable(),
    flagged: z.object({ trigger: zRevisionTrigger, reason: z.string(), flaggedAt: z.string(), flaggedBy: z.string() }).nullable(),
  }),
  previousVersionId: zId.nullable(),
  /** The open revision (new version being drafted) of this version, if any. */
  nextVersionId: zId.nullable(),
  /** Response levels in the digital plan (0: not digitised yet; such a plan cannot be published). */
  levelCount: z.number().int(),
  attachmentCount: z.number().int(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof zPlan>;

const zHazardList = z
  .array(zPlanHazard)
  .max(PLAN_HAZARDS.length)
  .refine((list) => new Set(list).size === list.length, '灾种不能重复');

const planFields = {
  name: zText(100, '预案名称'),
  category: zPlanCategory,
  eventClass: zPlanEventClass.nullable(),
  enterpriseForm: zEnterprisePlanForm.nullable(),
  ownerDepartment: zText(64, '编制单位'),
  areaCode: zAreaCode,
  hazardTypes: zHazardList,
  public: z.boolean(),
  parentId: zId.nullable(),
  relatedIds: z.array(zId).max(50),
  catalogueMark: zCatalogueMark.nullable(),
  summary: z.string().trim().max(2000, '简介最多 2000 字').nullable(),
};

/** 企业预案 only: the form 综合/专项/现场处置方案 goes with an enterprise's plan and with no other. */
const formMatchesCategory = (p: { category?: PlanCategory; enterpriseForm?: EnterprisePlanForm | null }) =>
  p.category === undefined || p.enterpriseForm === undefined || (p.category === 'enterprise') === (p.enterpriseForm !== null);

export const zPlanCreate = z
  .object({
    ...planFields,
    eventClass: planFields.eventClass.default(null),
    enterpriseForm: planFields.enterpriseForm.default(null),
    hazardTypes: planFields.hazardTypes.default([]),
    public: planFields.public.default(false),
    parentId: planFields.parentId.default(null),
    relatedIds: planFields.relatedIds.default([]),
    catalogueMark: planFields.catalogueMark.default(null),
    summary: planFields.summary.default(null),
  })
  .strict()
  .refine(formMatchesCategory, {
    message: '企业预案须注明形式（综合/专项/现场处置方案），其他类别不填',
    path: ['enterpriseForm'],
  });
export type PlanCreate = z.infer<typeof zPlanCreate>;

/** Editing is possible while the version is 编制中; a plan in force changes through 修订. */
export const zPlanUpdate = z
  .object(planFields)
  .partial()
  .strict()
  .refine(formMatchesCategory, {
    message: '企业预案须注明形式（综合/专项/现场处置方案），其他类别不填',
    path: ['enterpriseForm'],
  });
export type PlanUpdate = z.infer<typeof zPlanUpdate>;

export const zPlanListQuery = z
  .object({
    areaCode: zAreaCode.optional(),
    category: zPlanCategory.optional(),
    state: zPlanState.optional(),
    hazard: zPlanHazard.optional(),
    ownerDepartment: z.string().max(64).optional(),
    q: z.string().max(32).optional(),
    /** Only versions not yet replaced (default); `false` lists superseded versions too. */
    current: zQueryBool.default(true),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type PlanListQuery = z.infer<typeof zPlanListQuery>;

export const zPlanPage = zCappedPage(zPlan);

// ——— Attachments ———

export const ATTACHMENT_KINDS = ['pdf', 'docx', 'doc'] as const;
export const zAttachmentKind = z.enum(ATTACHMENT_KINDS);
export type AttachmentKind = z.infer<typeof zAttachmentKind>;

export const zPlanAttachment = z.object({
  id: zId,
  planId: zId,
  fileName: z.string(),
  /** Decided from the file's content (magic bytes), never from its name or declared type. */
  kind: zAttachmentKind,
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type PlanAttachment = z.infer<typeof zPlanAttachment>;

/** For a raw upload (body = the file): its name, since the body carries none. Multipart uploads name the file part. */
export const zAttachmentUploadQuery = z.object({ fileName: z.string().trim().min(1).max(200).optional() }).strict();

export const zAttachmentParams = z.object({ id: zId, attachmentId: zId }).strict();

// ——— Timeline and detail ———

export const zPlanTimelineEntry = z.object({
  kind: zPlanEventKind,
  fromState: zPlanState.nullable(),
  toState: zPlanState.nullable(),
  actorName: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  details: z.unknown().nullable(),
});
export type PlanTimelineEntry = z.infer<typeof zPlanTimelineEntry>;

export const zPlanDetail = zPlan.extend({
  parent: zPlanLink.nullable(),
  related: z.array(zPlanLink),
  /** Plans that name this one as their parent (下级预案). */
  children: z.array(zPlanLink),
  /** Every version of this plan, oldest first. */
  versions: z.array(zPlanLink),
  attachments: z.array(zPlanAttachment),
  timeline: z.array(zPlanTimelineEntry),
  /** The steps this version may take now (PLAN_LIFECYCLE). */
  allowedSteps: z.array(zLifecycleStep),
});
export type PlanDetail = z.infer<typeof zPlanDetail>;

// ——— Step bodies ———

export const zSubmitReview = z
  .object({
    reviewers: z
      .array(z.object({ name: zText(32, '评审人'), unit: z.string().trim().max(64).nullable().default(null) }).strict())
      .min(1, '请至少指定一名评审人')
      .max(30)
      .refine((list) => new Set(list.map((r) => r.name)).size === list.length, '评审人不能重复'),
    note: zNote,
  })
  .strict();
export type SubmitReview = z.infer<typeof zSubmitReview>;

export const zReviewOpinionInput = z
  .object({
    reviewer: zText(32, '评审人'),
    opinion: zReviewOpinion,
    comment: z.string().trim().max(2000, '意见最多 2000 字').nullable().default(null),
  })
  .strict()
  .refine((v) => v.opinion === 'agree' || (v.comment ?? '').length > 0, {
    message: '“修改后同意”或“不同意”须写明意见',
    path: ['comment'],
  });
export type ReviewOpinionInput = z.infer<typeof zReviewOpinionInput>;

export const zStepNote = z.object({ note: zNote }).strict();
export type StepNote = z.infer<typeof zStepNote>;

export const zReturnDraft = z.object({ reason: zText(1000, '退回理由') }).strict();
export type ReturnDraft = z.infer<typeof zReturnDraft>;

export const zPublish = z
  .object({
    publishedOn: zDate,
    documentNumber: z.string().trim().max(64).nullable().default(null),
    note: zNote,
  })
  .strict();
export type Publish = z.infer<typeof zPublish>;

export const zFile = z
  .object({
    filingNumber: zText(64, '备案编号'),
    filedWith: zText(64, '备案机关'),
    filedOn: zDate,
    note: zNote,
  })
  .strict();
export type FilePlan = z.infer<typeof zFile>;

export const zFinishEvaluation = z
  .object({
    /** 继续有效 / 需要修订 (the latter flags the plan for revision). */
    conclusion: z.enum(['valid', 'revise']),
    findings: zText(4000, '评估意见'),
  })
  .strict();
export type FinishEvaluation = z.infer<typeof zFinishEvaluation>;

export const zMarkRevision = z.object({ trigger: zRevisionTrigger, reason: zText(1000, '修订原因') }).strict();
export type MarkRevision = z.infer<typeof zMarkRevision>;

// ——— Overviews ———

export const zRevisionStatus = z.enum(['overdue', 'flagged', 'due_soon', 'ok']);
export type RevisionStatus = z.infer<typeof zRevisionStatus>;
export const REVISION_STATUS_NAMES: Record<RevisionStatus, string> = {
  overdue: '已超期未修订',
  flagged: '已标记需修订',
  due_soon: '即将到期',
  ok: '正常',
};

export const zRevisionOverviewPlan = z.object({
  id: zId,
  name: z.string(),
  version: z.number().int(),
  category: zPlanCategory,
  areaCode: zAreaCode,
  state: zPlanState,
  publishedOn: zDate.nullable(),
  dueOn: zDate.nullable(),
  /** Days past dueOn (negative: days left). */
  overdueDays: z.number().int().nullable(),
  status: zRevisionStatus,
  flagged: zPlan.shape.revision.shape.flagged,
  /** The revision already being drafted, if any. */
  nextVersionId: zId.nullable(),
});
export const zRevisionOverview = z.object({
  today: zDate,
  /** The configured rule in force: revise every `years` years, warn `warnDays` days before. */
  years: z.number(),
  warnDays: z.number().int(),
  departments: z.array(
    z.object({
      department: z.string(),
      overdue: z.number().int(),
      flagged: z.number().int(),
      dueSoon: z.number().int(),
      plans: z.array(zRevisionOverviewPlan),
    }),
  ),
});
export type RevisionOverview = z.infer<typeof zRevisionOverview>;
