import { z } from 'zod';
import { zAreaCode } from './common.ts';

/**
 * 避难场所、重要防护目标、责任人 (issue E2 items 5 and 6; SYS-E07, R-09 in the seeds catalogue).
 * Codes are English; the Chinese names below are what people read and what the Excel sheets carry.
 */

/** A contact number: an 11-digit mobile or a fixed line with its area code (shelter managers often give one). */
export const zPhone = z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话应为 11 位手机号或带区号的固定电话');

const zId = z.uuid('编号格式不正确');
const zName = z.string().trim().min(1, '名称不能为空').max(64, '名称最多 64 个字');
const zPersonName = z.string().trim().min(1, '姓名不能为空').max(32, '姓名最多 32 个字');
const zNote = z.string().trim().max(500, '备注最多 500 字').nullable();
const zAddress = z.string().trim().max(200, '地址最多 200 字').nullable();
const zLon = z.number('经度应为数字').min(-180, '经度超出范围').max(180, '经度超出范围');
const zLat = z.number('纬度应为数字').min(-90, '纬度超出范围').max(90, '纬度超出范围');
/** Query-string booleans: `true` / `false`. */
const zQueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

// ——— 避难场所 ———

export const zShelterType = z.enum(['indoor', 'outdoor']);
export type ShelterType = z.infer<typeof zShelterType>;
export const SHELTER_TYPE_NAMES: Record<ShelterType, string> = { indoor: '室内', outdoor: '室外' };

/** GB 51143-2015 §3.1.4: 紧急避难场所、固定避难场所、中心避难场所. */
export const zShelterGrade = z.enum(['emergency', 'fixed', 'central']);
export type ShelterGrade = z.infer<typeof zShelterGrade>;
export const SHELTER_GRADE_NAMES: Record<ShelterGrade, string> = { emergency: '紧急', fixed: '固定', central: '中心' };

/** 配套设施 (GB 21734-2008 场址及配套设施): what a shelter offers the people it takes in. */
export const zShelterFacility = z.enum([
  'water',
  'power',
  'toilet',
  'medical',
  'supplies',
  'lighting',
  'broadcast',
  'firefighting',
  'signage',
  'communication',
]);
export type ShelterFacility = z.infer<typeof zShelterFacility>;
export const SHELTER_FACILITY_NAMES: Record<ShelterFacility, string> = {
  water: '供水',
  power: '供电',
  toilet: '厕所',
  medical: '医疗点',
  supplies: '物资储备',
  lighting: '应急照明',
  broadcast: '广播',
  firefighting: '消防设施',
  signage: '标志标识',
  communication: '通信',
};

export const zShelter = z.object({
  id: zId,
  name: z.string(),
  type: zShelterType,
  grade: zShelterGrade,
  /** 可用（有效避难）面积, m². */
  usableArea: z.number(),
  /** The norm applied now (m² per person, a configurable rule per grade); capacity follows from it. */
  areaPerPerson: z.number(),
  /** 可容纳人数 = ⌊usableArea ÷ areaPerPerson⌋, always computed from the current rule. */
  capacity: z.number().int(),
  occupancy: z.number().int(),
  /** max(0, capacity − occupancy): what the spatial search offers to people still to be placed. */
  freeCapacity: z.number().int(),
  open: z.boolean(),
  openedAt: z.string().nullable(),
  facilities: z.array(zShelterFacility),
  managerName: z.string(),
  managerPhone: z.string(),
  address: z.string().nullable(),
  note: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  areaCode: zAreaCode,
  /** Demo entries are labelled as such wherever they are shown. */
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Shelter = z.infer<typeof zShelter>;

export const zShelterCreate = z
  .object({
    name: zName,
    type: zShelterType,
    grade: zShelterGrade,
    usableArea: z.number('面积应为数字').positive('可用面积必须大于 0').max(10_000_000, '可用面积过大'),
    facilities: z.array(zShelterFacility).max(20).default([]),
    managerName: zPersonName,
    managerPhone: zPhone,
    address: zAddress.default(null),
    note: zNote.default(null),
    lon: zLon,
    lat: zLat,
  })
  .strict();
export type ShelterCreate = z.infer<typeof zShelterCreate>;

export const zShelterUpdate = z
  .object({
    name: zName,
    type: zShelterType,
    grade: zShelterGrade,
    usableArea: z.number('面积应为数字').positive('可用面积必须大于 0').max(10_000_000, '可用面积过大'),
    facilities: z.array(zShelterFacility).max(20),
    managerName: zPersonName,
    managerPhone: zPhone,
    address: zAddress,
    note: zNote,
    lon: zLon,
    lat: zLat,
  })
  .partial()
  .strict();
export type ShelterUpdate = z.infer<typeof zShelterUpdate>;

/** Either the head count now (after a roll call) or a change (+ arrivals, − departures), applied atomically. */
export const zShelterOccupancy = z.union([
  z.object({ occupancy: z.number().int('人数应为整数').min(0, '在住人数不能为负') }).strict(),
  z.object({ delta: z.number().int('人数应为整数').min(-1_000_000).max(1_000_000) }).strict(),
]);
export type ShelterOccupancy = z.infer<typeof zShelterOccupancy>;

export const zShelterListQuery = z
  .object({
    areaCode: zAreaCode.optional(),
    type: zShelterType.optional(),
    grade: zShelterGrade.optional(),
    open: zQueryBool.optional(),
    q: z.string().max(32).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ShelterListQuery = z.infer<typeof zShelterListQuery>;

// ——— 覆盖率 ———

/** 达标: both ratios at or above their minimum; 不足: either below; 无人口数据: the township has no population. */
export const zCoverageStatus = z.enum(['sufficient', 'insufficient', 'no_population']);
export type CoverageStatus = z.infer<typeof zCoverageStatus>;
export const COVERAGE_STATUS_NAMES: Record<CoverageStatus, string> = {
  sufficient: '达标',
  insufficient: '不足',
  no_population: '无人口数据',
};

export const zCoverageThresholds = z.object({
  outdoorMin: z.number(),
  outdoorGood: z.number(),
  indoorMin: z.number(),
  indoorGood: z.number(),
  outdoorGrades: z.array(zShelterGrade),
});
export type CoverageThresholds = z.infer<typeof zCoverageThresholds>;

export const zCoverageRow = z.object({
  areaCode: zAreaCode,
  areaName: z.string(),
  population: z.number().int().nullable(),
  outdoorShelters: z.number().int(),
  outdoorCapacity: z.number().int(),
  /** outdoorCapacity ÷ population, null without a population. */
  outdoorRatio: z.number().nullable(),
  indoorShelters: z.number().int(),
  indoorCapacity: z.number().int(),
  indoorRatio: z.number().nullable(),
  status: zCoverageStatus,
});
export type CoverageRow = z.infer<typeof zCoverageRow>;

export const zCoverageReport = z.object({
  thresholds: zCoverageThresholds,
  rows: z.array(zCoverageRow),
  /** The whole scope in one line (the sum of the rows). */
  total: zCoverageRow.omit({ areaCode: true }).extend({ areaCode: zAreaCode.nullable() }),
});
export type CoverageReport = z.infer<typeof zCoverageReport>;

// ——— 重要防护目标 ———

export const zTargetType = z.enum([
  'school',
  'kindergarten',
  'hospital',
  'nursing_home',
  'reservoir',
  'hazchem',
  'crowded_place',
  'other',
]);
export type TargetType = z.infer<typeof zTargetType>;
export const TARGET_TYPE_NAMES: Record<TargetType, string> = {
  school: '学校',
  kindergarten: '幼儿园',
  hospital: '医院',
  nursing_home: '养老院',
  reservoir: '水库',
  hazchem: '危化企业',
  crowded_place: '人员密集场所',
  other: '其他',
};

export const zTarget = z.object({
  id: zId,
  name: z.string(),
  type: zTargetType,
  /** 在场人数: people usually on site (pupils and staff, patients and beds, residents, workers). */
  people: z.number().int().nullable(),
  responsibleName: z.string(),
  responsiblePhone: z.string(),
  address: z.string().nullable(),
  note: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  areaCode: zAreaCode,
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Target = z.infer<typeof zTarget>;

export const zTargetCreate = z
  .object({
    name: zName,
    type: zTargetType,
    people: z.number('人数应为数字').int('人数应为整数').min(0, '人数不能为负').max(1_000_000).nullable().default(null),
    responsibleName: zPersonName,
    responsiblePhone: zPhone,
    address: zAddress.default(null),
    note: zNote.default(null),
    lon: zLon,
    lat: zLat,
  })
  .strict();
export type TargetCreate = z.infer<typeof zTargetCreate>;

export const zTargetUpdate = z
  .object({
    name: zName,
    type: zTargetType,
    people: z.number('人数应为数字').int('人数应为整数').min(0, '人数不能为负').max(1_000_000).nullable(),
    responsibleName: zPersonName,
    responsiblePhone: zPhone,
    address: zAddress,
    note: zNote,
    lon: zLon,
    lat: zLat,
  })
  .partial()
  .strict();
export type TargetUpdate = z.infer<typeof zTargetUpdate>;

export const zTargetListQuery = z
  .object({
    areaCode: zAreaCode.optional(),
    type: zTargetType.optional(),
    q: z.string().max(32).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type TargetListQuery = z.infer<typeof zTargetListQuery>;

// ——— 责任人 ———

/** 三防（防汛、防旱、防风）责任人, 包保责任人 (对防护目标或避难场所包保到人), 转移责任人, 巡查责任人. */
export const zDutyRole = z.enum(['sanfang', 'baobao', 'transfer', 'patrol', 'other']);
export type DutyRole = z.infer<typeof zDutyRole>;
export const DUTY_ROLE_NAMES: Record<DutyRole, string> = {
  sanfang: '三防责任人',
  baobao: '包保责任人',
  transfer: '转移责任人',
  patrol: '巡查责任人',
  other: '其他责任人',
};

/** Duty-holders answer for a township (9 digits) or a village (12 digits). */
export const zDutyAreaCode = z.string().regex(/^(\d{9}|\d{12})$/, '责任区划应为乡镇（9 位）或村（12 位）代码');

export const zDutyHolder = z.object({
  id: zId,
  name: z.string(),
  phone: z.string(),
  role: zDutyRole,
  /** 职务, e.g. 村委会主任、镇党委委员. */
  title: z.string().nullable(),
  areaCode: zAreaCode,
  shelterId: zId.nullable(),
  /** The assigned shelter's or target's name, for lists (read-only). */
  shelterName: z.string().nullable(),
  targetId: zId.nullable(),
  targetName: z.string().nullable(),
  note: z.string().nullable(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DutyHolder = z.infer<typeof zDutyHolder>;

export const zDutyHolderCreate = z
  .object({
    name: zPersonName,
    phone: zPhone,
    role: zDutyRole,
    title: z.string().trim().max(64).nullable().default(null),
    areaCode: zDutyAreaCode,
    shelterId: zId.nullable().default(null),
    targetId: zId.nullable().default(null),
    note: zNote.default(null),
  })
  .strict();
export type DutyHolderCreate = z.infer<typeof zDutyHolderCreate>;

export const zDutyHolderUpdate = z
  .object({
    name: zPersonName,
    phone: zPhone,
    role: zDutyRole,
    title: z.string().trim().max(64).nullable(),
    areaCode: zDutyAreaCode,
    shelterId: zId.nullable(),
    targetId: zId.nullable(),
    note: zNote,
  })
  .partial()
  .strict();
export type DutyHolderUpdate = z.infer<typeof zDutyHolderUpdate>;

export const zDutyHolderListQuery = z
  .object({
    /** The area and everything under it. */
    areaCode: zAreaCode.optional(),
    role: zDutyRole.optional(),
    shelterId: zId.optional(),
    targetId: zId.optional(),
    q: z.string().max(32).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type DutyHolderListQuery = z.infer<typeof zDutyHolderListQuery>;

export const zDutyGapQuery = z.object({ role: zDutyRole.default('sanfang') }).strict();

/** Villages without a duty-holder of the role, per township: the 三防责任人 coverage report. */
export const zDutyGapReport = z.object({
  role: zDutyRole,
  villages: z.number().int(),
  covered: z.number().int(),
  /** covered ÷ villages, null when the scope has no village. */
  ratio: z.number().nullable(),
  townships: z.array(
    z.object({
      areaCode: zAreaCode,
      areaName: z.string(),
      villages: z.number().int(),
      covered: z.number().int(),
      missing: z.array(z.object({ areaCode: zAreaCode, areaName: z.string() })),
    }),
  ),
});
export type DutyGapReport = z.infer<typeof zDutyGapReport>;

/** The answer of every Excel import: how many rows went in (all of them, or none with IMPORT_INVALID). */
export const zImportResult = z.object({ imported: z.number().int() });
export type ImportResult = z.infer<typeof zImportResult>;
