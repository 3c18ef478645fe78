import { z } from 'zod';
import { zTeamType } from '@yingji/contracts/rescue.ts';
import { defineRule } from '../../platform/rules/rules.ts';

const zMinimum = z.number().int().min(1).max(10_000).nullable();

/**
 * R-08 队伍人数达标: the minimum number of members per team level, and which team types the check covers.
 * Defaults from the seeds: 001「镇级队伍按 20 人以上、村级队伍按 10 人以上配备」「企业的队伍根据实际配备」(no
 * minimum); 002「建成县本级不少于30人、乡（镇）级不少于20人的综合应急救援队伍」. The seeds speak of 综合应急救援队伍,
 * so only 综合 teams are checked by default; 000 (森林消防专业队伍 7 支共 88 人) sets no per-team minimum. Counties
 * whose own plan differs (003, 004 set none) change the numbers here.
 */
export const TEAM_MINIMUM_MEMBERS = defineRule({
  key: 'rescue.teams.minimumMembers',
  description:
    '救援队伍最低人数（R-08）：县级 ≥30（种子 002）、镇级 ≥20（种子 001、002）、村级 ≥10（种子 001），企业队伍按实际配备（种子 001，不设下限）；默认只核查综合应急救援队伍',
  schema: z
    .object({
      minimumByLevel: z.object({ county: zMinimum, township: zMinimum, village: zMinimum, enterprise: zMinimum }).strict(),
      appliesToTypes: z.array(zTeamType).min(1),
    })
    .strict(),
  default: {
    minimumByLevel: { county: 30, township: 20, village: 10, enterprise: null },
    appliesToTypes: ['comprehensive'],
  },
});

/**
 * How many days ahead equipment maintenance counts as due. 000「加强应急救援装备的配备和维护」, 003「装备维护」 and
 * 004「淘汰更新超期服役的车辆和装备」 ask for maintenance to be tracked but set no interval: 30 days is a working default.
 */
export const EQUIPMENT_MAINTENANCE_DUE_DAYS = defineRule({
  key: 'rescue.equipment.maintenanceDueDays',
  description:
    '装备维护提醒提前天数：维护到期日在此天数内或已逾期的装备列入提醒（种子 000、003、004 要求装备维护，未规定周期；默认 30 天）',
  schema: z.number().int().min(0).max(3650),
  default: 30,
});

/**
 * How many days ahead a member's certificate counts as expiring. 004「消防救援指战员持职业资格证上岗率达到100%」 needs
 * certificates kept valid; no seed sets the lead time: 60 days leaves time for a renewal course.
 */
export const CERTIFICATE_EXPIRY_WARNING_DAYS = defineRule({
  key: 'rescue.certificates.expiryWarningDays',
  description: '队员证书到期提醒提前天数（种子 004 要求持证上岗率 100%，未规定提前期；默认 60 天）',
  schema: z.number().int().min(0).max(3650),
  default: 60,
});
