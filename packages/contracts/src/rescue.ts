import { z } from 'zod';
import { zAreaCode } from './common.ts';
import { zLonLat } from './located.ts';

/**
 * 救援力量: rescue teams and their members, the expert pool (专家库) and equipment (装备).
 * Enum values are English keys; the Chinese names beside them are what users see and what Excel sheets carry.
 */

/** 队伍类型 (ENT-44, SYS-E04: 综合队、专业队、森林消防、社会力量、志愿者、企业队). */
export const TEAM_TYPES = {
  comprehensive: '综合',
  professional: '专业',
  forest_fire: '森林消防',
  social: '社会',
  volunteer: '志愿者',
  enterprise: '企业',
} as const;
export type TeamType = keyof typeof TEAM_TYPES;
export const zTeamType = z.enum(Object.keys(TEAM_TYPES) as [TeamType, ...TeamType[]], {
  error: `队伍类型应为：${Object.values(TEAM_TYPES).join('、')}`,
});

/** 队伍层级: 县级 / 镇级 / 村级 / 企业 (R-08 sets minimum sizes per level). */
export const TEAM_LEVELS = { county: '县级', township: '镇级', village: '村级', enterprise: '企业' } as const;
export type TeamLevel = keyof typeof TEAM_LEVELS;
export const zTeamLevel = z.enum(Object.keys(TEAM_LEVELS) as [TeamLevel, ...TeamLevel[]], {
  error: `队伍层级应为：${Object.values(TEAM_LEVELS).join('、')}`,
});

/** 备勤状态. */
export const DUTY_STATES = { on_duty: '值守', standby: '待命', deployed: '出动', resting: '休整' } as const;
export type DutyState = keyof typeof DUTY_STATES;
export const zDutyState = z.enum(Object.keys(DUTY_STATES) as [DutyState, ...DutyState[]], {
  error: `值守状态应为：${Object.values(DUTY_STATES).join('、')}`,
});

/** 装备状态. */
export const EQUIPMENT_STATES = { good: '完好', repair: '维修', scrapped: '报废' } as const;
export type EquipmentState = keyof typeof EQUIPMENT_STATES;
export const zEquipmentState = z.enum(Object.keys(EQUIPMENT_STATES) as [EquipmentState, ...EquipmentState[]], {
  error: `装备状态应为：${Object.values(EQUIPMENT_STATES).join('、')}`,
});

/** Who holds a piece of equipment: a team of this domain, or a warehouse of the supplies domain. */
export const EQUIPMENT_OWNER_TYPES = { team: '队伍', warehouse: '仓库' } as const;
export type EquipmentOwnerType = keyof typeof EQUIPMENT_OWNER_TYPES;
export const zEquipmentOwnerType = z.enum(['team', 'warehouse'], { error: '装备归属应为：队伍、仓库' });

/**
 * 专家领域: the fields the seeds name (001「应急管理、安全生产、防汛抗旱、地质灾害、消防、医疗、信息化等专业领域」,
 * 000 森林防灭火, 危险化学品). Chinese values: they are the vocabulary users search by.
 */
export const EXPERT_FIELDS = [
  '防汛抗旱',
  '森林防火',
  '地质灾害',
  '危险化学品',
  '医疗救护',
  '建筑结构',
  '安全生产',
  '消防',
  '地震',
  '气象',
  '矿山',
  '交通运输',
  '电力',
  '通信',
  '信息化',
  '应急管理',
] as const;
export type ExpertField = (typeof EXPERT_FIELDS)[number];
export const zExpertField = z.enum(EXPERT_FIELDS, { error: `专家领域应为：${EXPERT_FIELDS.join('、')}` });

/** A mobile or a landline (0763-6612345): team duty phones and organisations' phones are often landlines. */
export const zPhone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话应为 11 位手机号或带区号的固定电话（如 0763-6612345）');

/** A calendar date, YYYY-MM-DD (certificate expiry, maintenance due). */
export const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

const zName = z.string().trim().min(1, '不能为空').max(64);
const zText = (max: number) => z.string().trim().max(max);
const zBool = z.enum(['true', 'false']).transform((v) => v === 'true');
const zPaging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

// ---------- teams ----------

export const zTeamCreate = z
  .object({
    name: zName,
    type: zTeamType,
    level: zTeamLevel,
    /** 专业方向, e.g. 防汛、危化、水上搜救 (a 专业 team's specialty). */
    specialty: zText(64).nullable().default(null),
    /** 驻地 as people write it; the position is lon/lat. */
    baseAddress: zText(128).nullable().default(null),
    ...zLonLat.shape,
    leaderName: zName,
    leaderPhone: zPhone,
    /** 值班电话. */
    dutyPhone: zPhone.nullable().default(null),
    dutyState: zDutyState.default('standby'),
    remarks: zText(500).nullable().default(null),
  })
  .strict();
export type TeamCreate = z.infer<typeof zTeamCreate>;

export const zTeamUpdate = z
  .object({
    name: zName,
    type: zTeamType,
    level: zTeamLevel,
    specialty: zText(64).nullable(),
    baseAddress: zText(128).nullable(),
    ...zLonLat.shape,
    leaderName: zName,
    leaderPhone: zPhone,
    dutyPhone: zPhone.nullable(),
    dutyState: zDutyState,
    remarks: zText(500).nullable(),
  })
  .partial()
  .strict()
  .refine((v) => (v.lon === undefined) === (v.lat === undefined), { message: '经度和纬度须同时修改', path: ['lon'] });
export type TeamUpdate = z.infer<typeof zTeamUpdate>;

export const zTeam = z.object({
  id: z.string(),
  name: z.string(),
  type: zTeamType,
  level: zTeamLevel,
  specialty: z.string().nullable(),
  baseAddress: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  areaCode: z.string(),
  leaderName: z.string(),
  leaderPhone: z.string(),
  dutyPhone: z.string().nullable(),
  dutyState: zDutyState,
  remarks: z.string().nullable(),
  memberCount: z.number().int(),
  /** Pieces of equipment (sum of quantities) the team holds, scrapped ones left out. */
  equipmentCount: z.number().int(),
  /** Generated for the demo county, not real data. */
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Team = z.infer<typeof zTeam>;

export const zTeamListQuery = z
  .object({
    type: zTeamType.optional(),
    level: zTeamLevel.optional(),
    dutyState: zDutyState.optional(),
    areaCode: zAreaCode.optional(),
    q: z.string().max(32).optional(),
    ...zPaging,
  })
  .strict();
export type TeamListQuery = z.infer<typeof zTeamListQuery>;

// ---------- members and certificates ----------

export const zCertificateInput = z
  .object({
    name: zName,
    number: zText(64).min(1, '不能为空'),
    /** null: the certificate does not expire. */
    expiresOn: zDate.nullable().default(null),
  })
  .strict();
export type CertificateInput = z.infer<typeof zCertificateInput>;

export const zCertificate = z.object({
  name: z.string(),
  number: z.string(),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
});
export type Certificate = z.infer<typeof zCertificate>;

export const zGender = z.enum(['男', '女'], { error: '性别应为：男、女' });

export const zMemberCreate = z
  .object({
    name: zName,
    gender: zGender.nullable().default(null),
    phone: zPhone.nullable().default(null),
    /** 职务: 队长、副队长、队员… */
    position: zText(32).nullable().default(null),
    skills: z.array(zText(32).min(1)).max(20).default([]),
    certificates: z.array(zCertificateInput).max(20).default([]),
  })
  .strict();
export type MemberCreate = z.infer<typeof zMemberCreate>;

export const zMemberUpdate = z
  .object({
    name: zName,
    gender: zGender.nullable(),
    phone: zPhone.nullable(),
    position: zText(32).nullable(),
    skills: z.array(zText(32).min(1)).max(20),
    /** Replaces the member's certificates as a whole. */
    certificates: z.array(zCertificateInput).max(20),
  })
  .partial()
  .strict();
export type MemberUpdate = z.infer<typeof zMemberUpdate>;

export const zMember = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  areaCode: z.string(),
  name: z.string(),
  gender: zGender.nullable(),
  phone: z.string().nullable(),
  position: z.string().nullable(),
  skills: z.array(z.string()),
  certificates: z.array(zCertificate),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Member = z.infer<typeof zMember>;

export const zMemberListQuery = z
  .object({ teamId: z.string().max(64).optional(), q: z.string().max(32).optional(), ...zPaging })
  .strict();
export type MemberListQuery = z.infer<typeof zMemberListQuery>;

export const zCertificateDueQuery = z.object({ days: z.coerce.number().int().min(0).max(3650).optional() }).strict();

export const zCertificateDue = z.object({
  memberId: z.string(),
  memberName: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  areaCode: z.string(),
  name: z.string(),
  number: z.string(),
  expiresOn: z.string(),
  /** Days from today (Asia/Shanghai) to the expiry date; negative once expired. */
  daysLeft: z.number().int(),
  expired: z.boolean(),
});
export type CertificateDue = z.infer<typeof zCertificateDue>;
export const zCertificateDueReport = z.object({ today: z.string(), days: z.number().int(), items: z.array(zCertificateDue) });
export type CertificateDueReport = z.infer<typeof zCertificateDueReport>;

// ---------- standards check (R-08) ----------

export const zStandardsItem = z.object({
  teamId: z.string(),
  name: z.string(),
  type: zTeamType,
  level: zTeamLevel,
  areaCode: z.string(),
  members: z.number().int(),
  required: z.number().int(),
  shortfall: z.number().int(),
});
export type StandardsItem = z.infer<typeof zStandardsItem>;

export const zStandardsReport = z.object({
  /** Minimum members per level in force (null: no minimum, e.g. 企业队伍「根据实际配备」). */
  minimumByLevel: z.record(z.string(), z.number().int().nullable()),
  appliesToTypes: z.array(zTeamType),
  /** Teams the check applied to (of the listed types, at a level with a minimum). */
  checked: z.number().int(),
  items: z.array(zStandardsItem),
});
export type StandardsReport = z.infer<typeof zStandardsReport>;

// ---------- experts ----------

const expertFields = {
  name: zName,
  fields: z.array(zExpertField).min(1, '至少选择一个专业领域').max(8),
  /** 职称, e.g. 高级工程师. */
  title: zText(64).nullable(),
  organisation: zText(128).min(1, '不能为空'),
  phone: zPhone,
  available: z.boolean(),
  /** Why not available, or when (出差至 7 月 10 日). */
  availabilityNote: zText(128).nullable(),
  ...zLonLat.shape,
  remarks: zText(500).nullable(),
};

export const zExpertCreate = z
  .object({
    ...expertFields,
    title: expertFields.title.default(null),
    available: expertFields.available.default(true),
    availabilityNote: expertFields.availabilityNote.default(null),
    remarks: expertFields.remarks.default(null),
  })
  .strict();
export type ExpertCreate = z.infer<typeof zExpertCreate>;

export const zExpertUpdate = z
  .object(expertFields)
  .partial()
  .strict()
  .refine((v) => (v.lon === undefined) === (v.lat === undefined), { message: '经度和纬度须同时修改', path: ['lon'] });
export type ExpertUpdate = z.infer<typeof zExpertUpdate>;

export const zExpert = z.object({
  id: z.string(),
  name: z.string(),
  fields: z.array(z.string()),
  title: z.string().nullable(),
  organisation: z.string(),
  phone: z.string(),
  available: z.boolean(),
  availabilityNote: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  areaCode: z.string(),
  remarks: z.string().nullable(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Expert = z.infer<typeof zExpert>;

export const zExpertListQuery = z
  .object({
    field: zExpertField.optional(),
    areaCode: zAreaCode.optional(),
    available: zBool.optional(),
    q: z.string().max(32).optional(),
    ...zPaging,
  })
  .strict();
export type ExpertListQuery = z.infer<typeof zExpertListQuery>;

// ---------- equipment ----------

const equipmentFields = {
  /** 装备种类, e.g. 森林消防水罐车、水泵、应急指挥车、无人机 (ENT-47). */
  kind: zName,
  model: zText(64).nullable(),
  quantity: z.number({ error: '数量应为数字' }).int('数量应为整数').min(1, '数量至少为 1').max(100_000),
  unit: zText(8).min(1),
  ownerType: zEquipmentOwnerType,
  ownerId: z.string().trim().min(1).max(64),
  state: zEquipmentState,
  maintenanceDue: zDate.nullable(),
  lastMaintained: zDate.nullable(),
  remarks: zText(500).nullable(),
};

export const zEquipmentCreate = z
  .object({
    ...equipmentFields,
    model: equipmentFields.model.default(null),
    unit: equipmentFields.unit.default('台'),
    state: equipmentFields.state.default('good'),
    maintenanceDue: equipmentFields.maintenanceDue.default(null),
    lastMaintained: equipmentFields.lastMaintained.default(null),
    remarks: equipmentFields.remarks.default(null),
  })
  .strict();
export type EquipmentCreate = z.infer<typeof zEquipmentCreate>;

export const zEquipmentUpdate = z
  .object(equipmentFields)
  .partial()
  .strict()
  .refine((v) => (v.ownerType === undefined) === (v.ownerId === undefined), {
    message: '归属类型和归属须同时修改',
    path: ['ownerId'],
  });
export type EquipmentUpdate = z.infer<typeof zEquipmentUpdate>;

export const zEquipment = z.object({
  id: z.string(),
  kind: z.string(),
  model: z.string().nullable(),
  quantity: z.number().int(),
  unit: z.string(),
  ownerType: zEquipmentOwnerType,
  ownerId: z.string(),
  /** The team's name for team-held equipment; null for a warehouse (the supplies domain names it). */
  ownerName: z.string().nullable(),
  state: zEquipmentState,
  maintenanceDue: z.string().nullable(),
  lastMaintained: z.string().nullable(),
  areaCode: z.string(),
  remarks: z.string().nullable(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Equipment = z.infer<typeof zEquipment>;

export const zEquipmentListQuery = z
  .object({
    ownerType: zEquipmentOwnerType.optional(),
    ownerId: z.string().max(64).optional(),
    state: zEquipmentState.optional(),
    kind: z.string().max(64).optional(),
    areaCode: zAreaCode.optional(),
    q: z.string().max(32).optional(),
    ...zPaging,
  })
  .strict();
export type EquipmentListQuery = z.infer<typeof zEquipmentListQuery>;

export const zMaintenanceDueQuery = z.object({ days: z.coerce.number().int().min(0).max(3650).optional() }).strict();
export const zMaintenanceDue = zEquipment.extend({ daysLeft: z.number().int(), overdue: z.boolean() });
export type MaintenanceDue = z.infer<typeof zMaintenanceDue>;
export const zMaintenanceDueReport = z.object({ today: z.string(), days: z.number().int(), items: z.array(zMaintenanceDue) });
export type MaintenanceDueReport = z.infer<typeof zMaintenanceDueReport>;

// ---------- team detail ----------

export const zTeamDetail = zTeam.extend({
  members: z.array(zMember),
  equipment: z.array(zEquipment),
  /** 装备概况: per kind, how many and how many are in good order. */
  equipmentSummary: z.array(z.object({ kind: z.string(), unit: z.string(), quantity: z.number().int(), good: z.number().int() })),
});
export type TeamDetail = z.infer<typeof zTeamDetail>;

export const zImportResult = z.object({ imported: z.number().int() });
export type ImportResult = z.infer<typeof zImportResult>;
