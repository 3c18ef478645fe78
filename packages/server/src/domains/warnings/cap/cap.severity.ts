import {
  zCapCertainty,
  zCapSeverity,
  zCapUrgency,
  type CapCertainty,
  type CapSeverity,
  type CapUrgency,
} from '@yingji/contracts/cap.ts';
import { WARNING_LEVELS, type WarningLevel } from '@yingji/contracts/warnings.ts';
import { z } from 'zod';
import { defineRule } from '../../../platform/rules/rules.ts';

/** The CAP urgency, severity and certainty a warning of one level is sent with. */
export interface CapGrading {
  severity: CapSeverity;
  urgency: CapUrgency;
  certainty: CapCertainty;
}

const zCapGrading = z.object({ severity: zCapSeverity, urgency: zCapUrgency, certainty: zCapCertainty }).strict();
export const zCapSeverityTable = z
  .object({ red: zCapGrading, orange: zCapGrading, yellow: zCapGrading, blue: zCapGrading })
  .strict()
  .refine((t) => new Set(WARNING_LEVELS.map((l) => t[l].severity)).size === WARNING_LEVELS.length, {
    message: '四个预警级别应对应四个不同的 CAP severity，否则导入时无法还原级别',
  });
export type CapSeverityTable = z.infer<typeof zCapSeverityTable>;

/**
 * Levels → CAP. GB/T 35965.1's own severity code list was not found ([unverified], domain-rules B.2); the default is the
 * common CAP-profile (MeteoAlarm-style) convention Red→Extreme, Orange→Severe, Yellow→Moderate, Blue→Minor. Urgency:
 * 橙色 and above call for action now (they take the 绿色通道 fast lane), 黄/蓝 for action soon; certainty Likely, as a
 * warning is a forecast.
 */
export const CAP_SEVERITY_RULE = defineRule({
  key: 'warnings.cap_severity',
  description:
    '预警级别与 CAP 等级的对应（发布 CAP 时使用，导入 CAP 时反查级别）。默认：一级红色→Extreme、二级橙色→Severe、三级黄色→Moderate、' +
    '四级蓝色→Minor（CAP 通行惯例，GB/T 35965.1 的对应表未核实）；紧急程度橙色及以上 Immediate、黄蓝色 Expected；确定性均为 Likely。',
  schema: zCapSeverityTable,
  default: {
    red: { severity: 'Extreme', urgency: 'Immediate', certainty: 'Likely' },
    orange: { severity: 'Severe', urgency: 'Immediate', certainty: 'Likely' },
    yellow: { severity: 'Moderate', urgency: 'Expected', certainty: 'Likely' },
    blue: { severity: 'Minor', urgency: 'Expected', certainty: 'Likely' },
  },
});

/** 一级 (highest) … 四级 (lowest), as the law numbers them. */
const LEVEL_BY_NUMBER: Record<1 | 2 | 3 | 4, WarningLevel> = { 1: 'red', 2: 'orange', 3: 'yellow', 4: 'blue' };

/** The CAP grading of a warning level, given as its colour or as 1–4 (一级最高). */
export function capGradingFor(level: WarningLevel | 1 | 2 | 3 | 4, table: CapSeverityTable): CapGrading {
  return table[typeof level === 'number' ? LEVEL_BY_NUMBER[level] : level];
}

/** The warning level an incoming CAP severity stands for under the table; null for `Unknown` or unmapped values. */
export function warningLevelForCap(severity: CapSeverity, table: CapSeverityTable): WarningLevel | null {
  return WARNING_LEVELS.find((level) => table[level].severity === severity) ?? null;
}
