import { zShelterGrade } from '@yingji/contracts/shelters.ts';
import { z } from 'zod';
import { defineRule } from '../../platform/rules/rules.ts';

const zM2 = z.number().positive().max(100);

/**
 * m² of usable area each sheltered person needs, per grade; capacity = ⌊usable area ÷ this⌋.
 * Default 1.5 m² for every grade: GB 21734-2008 §5.4 "人均居住面积应大于 1.5 m²" [V] (domain-rules B.11). GB 51143-2015
 * has a per-class table that was not retrieved; the figures commonly cited for it (紧急 ≥ 0.5–1 m², 固定 ≥ 2–4.5 m²)
 * are [unverified], so they are not the default: a county that adopts them sets them here.
 */
export const SHELTER_AREA_PER_PERSON = defineRule({
  key: 'shelters.area_per_person',
  description:
    '避难场所人均有效避难面积（平方米/人，按等级）：容纳人数 = ⌊可用面积 ÷ 人均面积⌋。默认各等级 1.5 m²，依据 GB 21734-2008 §5.4' +
    '“人均居住面积应大于 1.5 m²”；GB 51143-2015 分类指标常被引为紧急 0.5–1 m²、固定 2–4.5 m²（未核实），县可按需调整。',
  schema: z.object({ emergency: zM2, fixed: zM2, central: zM2 }).strict(),
  default: { emergency: 1.5, fixed: 1.5, central: 1.5 },
});

/**
 * R-09 (seed 000): outdoor 中心 + 固定 shelters for 20–30 % of the resident population, indoor for 3–5 %. The lower
 * figure is the pass mark (达标), the upper one the better target; 紧急 outdoor sites do not count, as the seed names
 * only 中心 and 固定.
 */
export const SHELTER_COVERAGE = defineRule({
  key: 'shelters.coverage',
  description:
    '避难场所容量覆盖率（R-09，种子 000）：室外中心和固定避难场所合计容纳乡镇常住人口 ≥ 20%（目标 30%），室内避难场所 ≥ 3%' +
    '（目标 5%）。outdoorGrades 为计入室外容量的等级。',
  schema: z
    .object({
      outdoorMin: z.number().min(0).max(1),
      outdoorGood: z.number().min(0).max(1),
      indoorMin: z.number().min(0).max(1),
      indoorGood: z.number().min(0).max(1),
      outdoorGrades: z.array(zShelterGrade).min(1),
    })
    .strict(),
  default: { outdoorMin: 0.2, outdoorGood: 0.3, indoorMin: 0.03, indoorGood: 0.05, outdoorGrades: ['fixed', 'central'] },
});
