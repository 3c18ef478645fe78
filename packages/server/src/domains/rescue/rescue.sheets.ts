import { z } from 'zod';
import {
  DUTY_STATES,
  EQUIPMENT_OWNER_TYPES,
  EQUIPMENT_STATES,
  TEAM_LEVELS,
  TEAM_TYPES,
  zCertificateInput,
  zDate,
  zEquipmentCreate,
  zExpertCreate,
  zMemberCreate,
  zPhone,
  zTeamCreate,
  type CertificateInput,
  type Equipment,
  type Expert,
  type Member,
  type Team,
} from '@yingji/contracts/rescue.ts';
import type { SheetColumn } from '../../platform/excel.ts';

/**
 * The Excel sheets of the rescue registers: Chinese headers, the Chinese names of enum values, and the row schemas
 * that turn a sheet row into the same input the API takes. Exports carry a few read-only columns (区划, 人数) that
 * imports ignore, so an exported file can be edited and imported again.
 */

/** Accepts the Chinese name (what the sheet shows) or the key, and yields the key. */
function labelled<K extends string>(labels: Record<K, string>, what: string) {
  const byLabel = new Map<string, K>(Object.entries<string>(labels).map(([k, v]) => [v, k as K]));
  const keys = Object.keys(labels) as K[];
  return z.string().transform((value, ctx) => {
    const key = byLabel.get(value) ?? (keys.includes(value as K) ? (value as K) : undefined);
    if (key === undefined) {
      ctx.addIssue({ code: 'custom', message: `${what}应为：${Object.values<string>(labels).join('、')}` });
      return z.NEVER;
    }
    return key;
  });
}

/** Excel shows phone numbers typed without a leading 0 as numbers; the sheet value is turned back into text. */
const asText = (v: unknown) => (typeof v === 'number' ? String(v) : v);
const phone = z.preprocess(asText, zPhone);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined ? null : v), schema.nullable());
/** Date cells arrive as ISO instants; text cells as typed. */
const date = z.preprocess((v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : v), zDate);
const text = z.preprocess(asText, z.string());
const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(/[、,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : v === undefined
      ? []
      : v;

/**
 * Parses the sheet's cells with `cells`, then the result with the API's own schema, keeping each issue's path (the
 * column) so the row-by-row error list names the right column. (A plain .pipe() would demand matching types.)
 */
function thenParse<T extends z.ZodType>(cells: z.ZodType, api: T) {
  return cells.transform((value, ctx): z.output<T> => {
    const parsed = api.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

const EXAMPLE_LON = 112.09;
const EXAMPLE_LAT = 24.57;

// ---------- teams ----------

export const TEAM_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '队伍名称', width: 28, example: '永和镇综合应急救援队' },
  { key: 'type', header: '类型', example: '综合' },
  { key: 'level', header: '层级', example: '镇级' },
  { key: 'specialty', header: '专业方向', example: '防汛抢险' },
  { key: 'baseAddress', header: '驻地', width: 24, example: '永和镇人民政府' },
  { key: 'lon', header: '经度', example: EXAMPLE_LON },
  { key: 'lat', header: '纬度', example: EXAMPLE_LAT },
  { key: 'leaderName', header: '负责人', example: '陈队长' },
  { key: 'leaderPhone', header: '负责人电话', example: '13800138000' },
  { key: 'dutyPhone', header: '值班电话', example: '0763-6612345' },
  { key: 'dutyState', header: '值守状态', example: '待命' },
  { key: 'remarks', header: '备注', width: 24 },
];
export const TEAM_EXPORT_COLUMNS: SheetColumn[] = [
  ...TEAM_COLUMNS,
  { key: 'id', header: '队伍编号（只读）', width: 38 },
  { key: 'areaCode', header: '所在区划代码（只读）', width: 16 },
  { key: 'areaName', header: '所在区划（只读）' },
  { key: 'memberCount', header: '队员人数（只读）' },
  { key: 'equipmentCount', header: '装备件数（只读）' },
];

export const zTeamRow = thenParse(
  z.object({
    name: text,
    type: labelled(TEAM_TYPES, '类型'),
    level: labelled(TEAM_LEVELS, '层级'),
    specialty: optional(text),
    baseAddress: optional(text),
    lon: z.coerce.number(),
    lat: z.coerce.number(),
    leaderName: text,
    leaderPhone: phone,
    dutyPhone: optional(phone),
    dutyState: z.preprocess((v) => v ?? '待命', labelled(DUTY_STATES, '值守状态')),
    remarks: optional(text),
  }),
  zTeamCreate,
);

export function teamToRow(team: Team, areaName: string | null): Record<string, unknown> {
  return {
    ...team,
    type: TEAM_TYPES[team.type],
    level: TEAM_LEVELS[team.level],
    dutyState: DUTY_STATES[team.dutyState],
    areaName,
  };
}

// ---------- members ----------

export const MEMBER_COLUMNS: SheetColumn[] = [
  { key: 'team', header: '所属队伍（名称或编号）', width: 28, example: '永和镇综合应急救援队' },
  { key: 'name', header: '姓名', example: '覃队员' },
  { key: 'gender', header: '性别', example: '男' },
  { key: 'phone', header: '手机', example: '13800138001' },
  { key: 'position', header: '职务', example: '队员' },
  { key: 'skills', header: '技能（用、分隔）', width: 24, example: '水域救援、绳索救援' },
  {
    key: 'certificates',
    header: '证书（名称,编号,有效期至；多个用；分隔）',
    width: 48,
    example: '应急救援员（四级）,4418252023001,2027-06-30',
  },
];
export const MEMBER_EXPORT_COLUMNS: SheetColumn[] = [
  ...MEMBER_COLUMNS,
  { key: 'id', header: '队员编号（只读）', width: 38 },
  { key: 'areaCode', header: '所在区划代码（只读）', width: 16 },
];

/** "名称,编号,有效期至；名称,编号" → certificates; a missing date means the certificate does not expire. */
function parseCertificates(value: unknown, ctx: z.RefinementCtx): CertificateInput[] {
  if (value === undefined || value === null) return [];
  const entries = String(value)
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const certificates: CertificateInput[] = [];
  for (const entry of entries) {
    const [name, number, expires] = entry.split(/[,，]/).map((s) => s.trim());
    const parsed = zCertificateInput.safeParse({ name, number, expiresOn: expires ? expires : null });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `证书「${entry}」应写成：名称,编号,有效期至（YYYY-MM-DD）` });
      return [];
    }
    certificates.push(parsed.data);
  }
  return certificates;
}

export const zMemberRow = thenParse(
  z.object({
    team: text,
    name: text,
    gender: optional(z.string()),
    phone: optional(phone),
    position: optional(text),
    skills: z.preprocess(list, z.array(z.string())),
    certificates: z.unknown().transform(parseCertificates),
  }),
  zMemberCreate.extend({ team: z.string().min(1) }),
);

export function memberToRow(member: Member): Record<string, unknown> {
  return {
    ...member,
    team: member.teamName,
    skills: member.skills.join('、'),
    certificates: member.certificates.map((c) => [c.name, c.number, c.expiresOn ?? ''].join(',')).join('；'),
  };
}

// ---------- experts ----------

export const EXPERT_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '姓名', example: '黄专家' },
  { key: 'fields', header: '专业领域（用、分隔）', width: 24, example: '防汛抗旱、地质灾害' },
  { key: 'title', header: '职称', example: '高级工程师' },
  { key: 'organisation', header: '工作单位', width: 28, example: '连山县水利局' },
  { key: 'phone', header: '联系电话', example: '13800138002' },
  { key: 'available', header: '是否可用（是/否）', example: '是' },
  { key: 'availabilityNote', header: '可用情况说明', width: 20 },
  { key: 'lon', header: '单位经度', example: EXAMPLE_LON },
  { key: 'lat', header: '单位纬度', example: EXAMPLE_LAT },
  { key: 'remarks', header: '备注', width: 24 },
];
export const EXPERT_EXPORT_COLUMNS: SheetColumn[] = [
  ...EXPERT_COLUMNS,
  { key: 'id', header: '专家编号（只读）', width: 38 },
  { key: 'areaCode', header: '所在区划代码（只读）', width: 16 },
];

export const zExpertRow = thenParse(
  z.object({
    name: text,
    fields: z.preprocess(list, z.array(z.string())),
    title: optional(text),
    organisation: text,
    phone,
    available: z.preprocess(
      (v) => (v === undefined ? '是' : v),
      z.enum(['是', '否'], { error: '是否可用应填：是、否' }).transform((v) => v === '是'),
    ),
    availabilityNote: optional(text),
    lon: z.coerce.number(),
    lat: z.coerce.number(),
    remarks: optional(text),
  }),
  zExpertCreate,
);

export function expertToRow(expert: Expert): Record<string, unknown> {
  return { ...expert, fields: expert.fields.join('、'), available: expert.available ? '是' : '否' };
}

// ---------- equipment ----------

export const EQUIPMENT_COLUMNS: SheetColumn[] = [
  { key: 'kind', header: '装备种类', width: 20, example: '森林消防水罐车' },
  { key: 'model', header: '型号', example: 'EQ5160' },
  { key: 'quantity', header: '数量', example: 1 },
  { key: 'unit', header: '单位', example: '台' },
  { key: 'ownerType', header: '归属类型（队伍/仓库）', example: '队伍' },
  { key: 'ownerId', header: '归属（队伍名称或编号、仓库编号）', width: 28, example: '永和镇综合应急救援队' },
  { key: 'state', header: '状态', example: '完好' },
  { key: 'maintenanceDue', header: '下次维护日期', example: '2026-12-31' },
  { key: 'lastMaintained', header: '上次维护日期', example: '2026-06-30' },
  { key: 'remarks', header: '备注', width: 24 },
];
export const EQUIPMENT_EXPORT_COLUMNS: SheetColumn[] = [
  ...EQUIPMENT_COLUMNS,
  { key: 'id', header: '装备编号（只读）', width: 38 },
  { key: 'areaCode', header: '所在区划代码（只读）', width: 16 },
];

export const zEquipmentRow = thenParse(
  z.object({
    kind: text,
    model: optional(text),
    quantity: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.unknown()),
    unit: z.preprocess((v) => v ?? '台', text),
    ownerType: labelled(EQUIPMENT_OWNER_TYPES, '归属类型'),
    ownerId: text,
    state: z.preprocess((v) => v ?? '完好', labelled(EQUIPMENT_STATES, '状态')),
    maintenanceDue: optional(date),
    lastMaintained: optional(date),
    remarks: optional(text),
  }),
  zEquipmentCreate,
);

export function equipmentToRow(equipment: Equipment): Record<string, unknown> {
  return {
    ...equipment,
    ownerType: EQUIPMENT_OWNER_TYPES[equipment.ownerType],
    ownerId: equipment.ownerName ?? equipment.ownerId,
    state: EQUIPMENT_STATES[equipment.state],
  };
}

// ---------- standards report ----------

export const STANDARDS_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '队伍名称', width: 28 },
  { key: 'type', header: '类型' },
  { key: 'level', header: '层级' },
  { key: 'areaCode', header: '所在区划代码', width: 16 },
  { key: 'areaName', header: '所在区划' },
  { key: 'members', header: '现有人数' },
  { key: 'required', header: '标准人数' },
  { key: 'shortfall', header: '缺口人数' },
];
