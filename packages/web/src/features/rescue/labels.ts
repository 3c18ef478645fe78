import {
  DUTY_STATES,
  EQUIPMENT_STATES,
  EXPERT_FIELDS,
  TEAM_LEVELS,
  TEAM_TYPES,
  type DutyState,
  type EquipmentState,
  type TeamLevel,
} from '@yingji/contracts/rescue.ts';

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const TEAM_TYPE_OPTIONS = options(TEAM_TYPES);
export const TEAM_LEVEL_OPTIONS = options(TEAM_LEVELS);
export const DUTY_STATE_OPTIONS = options(DUTY_STATES);
export const EQUIPMENT_STATE_OPTIONS = options(EQUIPMENT_STATES);
export const EXPERT_FIELD_OPTIONS = EXPERT_FIELDS.map((f) => ({ value: f, label: f }));

/** One colour per duty state, shared by tags and the map layer: green on watch, blue ready, red out, grey resting. */
export const DUTY_STATE_COLORS: Record<DutyState, string> = {
  on_duty: '#389e0d',
  standby: '#1677ff',
  deployed: '#cf1322',
  resting: '#8c8c8c',
};

export const EQUIPMENT_STATE_COLORS: Record<EquipmentState, string> = { good: 'green', repair: 'orange', scrapped: 'default' };

/** Equipment kinds the seeds name (ENT-47), offered as suggestions; any other kind may be typed. */
export const EQUIPMENT_KIND_SUGGESTIONS = [
  '应急指挥车',
  '通信指挥车',
  '运兵车',
  '工具车',
  '森林消防水罐车',
  '消防车',
  '水泵',
  '应急救援挖掘机',
  '应急救援铲车',
  '无人机',
  '卫星便携站',
  '风力灭火机',
  '冲锋舟',
  '发电机',
  '救生衣',
].map((value) => ({ value }));

/** As the server's rescue.policy.ts: county-level teams are kept by users whose scope is the whole county. */
export function mayKeepTeam(user: { areaCode: string }, level: TeamLevel): boolean {
  return level !== 'county' || user.areaCode.length <= 6;
}
