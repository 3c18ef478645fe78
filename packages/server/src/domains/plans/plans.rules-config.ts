import { z } from 'zod';
import { defineRule } from '../../platform/rules/rules.ts';

/**
 * 修订周期: 004「各类应急预案每三年修订一次」 and SYS-F01 ("每 3 年修订一次"); a plan in force falls due `years` after its
 * publication, and is shown as due soon `warnDays` before.
 */
export const PLAN_REVISION = defineRule({
  key: 'plans.revision',
  description:
    '预案修订周期：发布（印发）后满 years 年应修订（种子 004「各类应急预案每三年修订一次」，默认 3 年）；到期前 warnDays 天起列为“即将到期”',
  schema: z.object({ years: z.number().int().min(1).max(10), warnDays: z.number().int().min(0).max(365) }).strict(),
  default: { years: 3, warnDays: 90 },
});

/** The hard ceiling of an upload's body, whatever the rule below says (the content-type parsers' body limit). */
export const ATTACHMENT_HARD_LIMIT = 50 * 1024 * 1024;

/** 预案附件大小上限. */
export const PLAN_ATTACHMENT_MAX_BYTES = defineRule({
  key: 'plans.attachments.maxBytes',
  description: '预案附件（PDF / Word）大小上限，字节；默认 20 MB，最大 50 MB',
  schema: z.number().int().min(1024).max(ATTACHMENT_HARD_LIMIT),
  default: 20 * 1024 * 1024,
});

const zMonths = z.number().int().min(1).max(120).nullable();

/**
 * 演练频次 (domain-rules B.10): 生产经营单位 综合/专项应急预案 每年至少一次、现场处置方案 每半年至少一次 (应急管理部令第2号
 * Art. 33); 专项、部门应急预案 至少每 3 年一次 (国办发〔2013〕101号 Art. 22). The sources set no interval for 总体、乡镇
 * and 重大活动 plans, so they are not checked (null) until a county sets one.
 */
export const DRILL_FREQUENCY = defineRule({
  key: 'plans.drills.frequencyMonths',
  description:
    '演练频次（月）：企业综合/专项应急预案 12（每年至少一次）、现场处置方案 6（每半年至少一次），依据应急管理部令第2号第33条；' +
    '政府专项、部门应急预案 36（至少每3年一次），依据国办发〔2013〕101号第22条；总体、乡镇、重大活动预案默认不核查（null），县可设定；' +
    '到期前 warnDays 天起列为“即将到期”',
  schema: z
    .object({
      overall: zMonths,
      special: zMonths,
      department: zMonths,
      township: zMonths,
      major_event: zMonths,
      enterprise_comprehensive: zMonths,
      enterprise_special: zMonths,
      enterprise_onsite: zMonths,
      warnDays: z.number().int().min(0).max(365),
    })
    .strict(),
  default: {
    overall: null,
    special: 36,
    department: 36,
    township: null,
    major_event: null,
    enterprise_comprehensive: 12,
    enterprise_special: 12,
    enterprise_onsite: 6,
    warnDays: 30,
  },
});
export type DrillFrequency = z.infer<typeof DRILL_FREQUENCY.schema>;
