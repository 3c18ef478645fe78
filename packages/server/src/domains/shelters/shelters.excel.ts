import {
  COVERAGE_STATUS_NAMES,
  DUTY_ROLE_NAMES,
  SHELTER_FACILITY_NAMES,
  SHELTER_GRADE_NAMES,
  SHELTER_TYPE_NAMES,
  TARGET_TYPE_NAMES,
  zDutyHolderCreate,
  zPhone,
  zShelterCreate,
  zTargetCreate,
  type CoverageReport,
  type DutyHolder,
  type Shelter,
  type Target,
} from '@yingji/contracts/shelters.ts';
import { z } from 'zod';
import type { AreasService } from '../areas/areas.service.ts';
import type { SheetColumn } from '../../platform/excel.ts';
import { areaNames, chinese, demoSource, optionalText, text, validatedBy } from '../../platform/excel-rows.ts';

/*
 * The three registers' sheets. Import columns are keyed by the create contract's field names, so a row error names
 * the Chinese header of the field that failed; the export adds derived columns after them, and an exported sheet
 * can be filled in and imported again (the extra columns are ignored).
 */

/** Numbers typed as text ("3,000") are read as numbers; anything else is left for the contract to refuse. */
const num = (label: string) =>
  z.preprocess((v) => (typeof v === 'string' ? Number(v.replace(/[,，\s]/g, '')) : v), z.number(`${label}应为数字`));
/** Phones are checked in the first stage, so a row's bad phone is reported together with its other errors. */
const phone = (label: string) =>
  z.preprocess((v) => (v === undefined ? v : String(v)), z.string(`${label}不能为空`).pipe(zPhone));

/** "供水、供电；厕所" → ['water', 'power', 'toilet']. */
const facilities = z
  .preprocess((v) => (v === undefined ? '' : String(v)), z.string())
  .transform((v, ctx) => {
    const entries = Object.entries(SHELTER_FACILITY_NAMES) as [keyof typeof SHELTER_FACILITY_NAMES, string][];
    const codes = [];
    for (const name of v.split(/[、,，;；\s]+/).filter(Boolean)) {
      const code = entries.find(([, n]) => n === name)?.[0];
      if (code) codes.push(code);
      else ctx.addIssue({ code: 'custom', message: `未知设施“${name}”，可选：${entries.map(([, n]) => n).join('、')}` });
    }
    return codes;
  });

export const SHELTER_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '名称', width: 28, example: '永和镇中心广场避难场所' },
  { key: 'type', header: '类型', width: 8, example: '室外' },
  { key: 'grade', header: '等级', width: 8, example: '固定' },
  { key: 'usableArea', header: '可用面积（平方米）', width: 14, example: 3000 },
  { key: 'facilities', header: '设施', width: 30, example: '供水、供电、厕所、医疗点、物资储备' },
  { key: 'managerName', header: '管理人', width: 10, example: '覃管理' },
  { key: 'managerPhone', header: '联系电话', width: 14, example: '13800138000' },
  { key: 'address', header: '地址', width: 28, example: '永和镇中心街 1 号' },
  { key: 'lon', header: '经度', width: 12, example: 112.09 },
  { key: 'lat', header: '纬度', width: 12, example: 24.57 },
  { key: 'note', header: '备注', width: 20, example: '' },
];

export const zShelterRow = z
  .object({
    name: text('名称'),
    type: chinese(SHELTER_TYPE_NAMES, '类型'),
    grade: chinese(SHELTER_GRADE_NAMES, '等级'),
    usableArea: num('可用面积'),
    facilities,
    managerName: text('管理人'),
    managerPhone: phone('联系电话'),
    address: optionalText,
    lon: num('经度'),
    lat: num('纬度'),
    note: optionalText,
  })
  .transform(validatedBy(zShelterCreate));

const SHELTER_EXPORT_COLUMNS: SheetColumn[] = [
  ...SHELTER_COLUMNS,
  { key: 'areaCode', header: '区划代码', width: 14 },
  { key: 'areaName', header: '所在区划', width: 14 },
  { key: 'capacity', header: '容纳人数', width: 10 },
  { key: 'occupancy', header: '在住人数', width: 10 },
  { key: 'state', header: '状态', width: 8 },
  { key: 'demo', header: '数据来源', width: 10 },
];

export const TARGET_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '名称', width: 28, example: '连山县永和中学' },
  { key: 'type', header: '类型', width: 12, example: '学校' },
  { key: 'people', header: '在场人数', width: 10, example: 1200 },
  { key: 'responsibleName', header: '责任人', width: 10, example: '莫校长' },
  { key: 'responsiblePhone', header: '联系电话', width: 14, example: '13800138001' },
  { key: 'address', header: '地址', width: 28, example: '永和镇学府路 2 号' },
  { key: 'lon', header: '经度', width: 12, example: 112.09 },
  { key: 'lat', header: '纬度', width: 12, example: 24.57 },
  { key: 'note', header: '备注', width: 20, example: '' },
];

export const zTargetRow = z
  .object({
    name: text('名称'),
    type: chinese(TARGET_TYPE_NAMES, '类型'),
    people: z.preprocess((v) => (v === undefined ? null : v), num('在场人数').nullable()),
    responsibleName: text('责任人'),
    responsiblePhone: phone('联系电话'),
    address: optionalText,
    lon: num('经度'),
    lat: num('纬度'),
    note: optionalText,
  })
  .transform(validatedBy(zTargetCreate));

const TARGET_EXPORT_COLUMNS: SheetColumn[] = [
  ...TARGET_COLUMNS,
  { key: 'areaCode', header: '区划代码', width: 14 },
  { key: 'areaName', header: '所在区划', width: 14 },
  { key: 'demo', header: '数据来源', width: 10 },
];

export const DUTY_HOLDER_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '姓名', width: 10, example: '韦三防' },
  { key: 'phone', header: '联系电话', width: 14, example: '13800138002' },
  { key: 'role', header: '责任类型', width: 12, example: '三防责任人' },
  { key: 'title', header: '职务', width: 16, example: '村委会主任' },
  { key: 'areaCode', header: '负责区划代码', width: 16, example: '441825100201' },
  { key: 'shelterName', header: '关联避难场所', width: 24, example: '' },
  { key: 'targetName', header: '关联防护目标', width: 24, example: '' },
  { key: 'note', header: '备注', width: 20, example: '' },
];

/** A duty-holder row: links are by name (people know names, not ids); the service resolves them within the area. */
export const zDutyHolderRow = z
  .object({
    name: text('姓名'),
    phone: phone('联系电话'),
    role: chinese(DUTY_ROLE_NAMES, '责任类型'),
    title: optionalText,
    areaCode: text('负责区划代码'),
    shelterName: optionalText,
    targetName: optionalText,
    note: optionalText,
  })
  .transform(
    validatedBy(
      zDutyHolderCreate
        .omit({ shelterId: true, targetId: true })
        .extend({ shelterName: z.string().max(64).nullable(), targetName: z.string().max(64).nullable() }),
    ),
  );
export type DutyHolderRow = z.infer<typeof zDutyHolderRow>;

const DUTY_HOLDER_EXPORT_COLUMNS: SheetColumn[] = [
  ...DUTY_HOLDER_COLUMNS,
  { key: 'areaName', header: '负责区划', width: 14 },
  { key: 'demo', header: '数据来源', width: 10 },
];

type AreaNames = Pick<AreasService, 'nameOf'>;

export async function shelterExport(areas: AreaNames, shelters: Shelter[]) {
  const nameOf = areaNames(areas);
  const rows = [];
  for (const s of shelters) {
    rows.push({
      ...s,
      type: SHELTER_TYPE_NAMES[s.type],
      grade: SHELTER_GRADE_NAMES[s.grade],
      facilities: s.facilities.map((f) => SHELTER_FACILITY_NAMES[f]).join('、'),
      areaName: await nameOf(s.areaCode),
      state: s.open ? '开放' : '关闭',
      demo: demoSource(s.demo),
    });
  }
  return { columns: SHELTER_EXPORT_COLUMNS, rows };
}

export async function targetExport(areas: AreaNames, targets: Target[]) {
  const nameOf = areaNames(areas);
  const rows = [];
  for (const t of targets) {
    rows.push({ ...t, type: TARGET_TYPE_NAMES[t.type], areaName: await nameOf(t.areaCode), demo: demoSource(t.demo) });
  }
  return { columns: TARGET_EXPORT_COLUMNS, rows };
}

export async function dutyHolderExport(areas: AreaNames, holders: DutyHolder[]) {
  const nameOf = areaNames(areas);
  const rows = [];
  for (const h of holders) {
    rows.push({
      ...h,
      role: DUTY_ROLE_NAMES[h.role],
      shelterName: h.shelterName ?? '',
      targetName: h.targetName ?? '',
      areaName: await nameOf(h.areaCode),
      demo: demoSource(h.demo),
    });
  }
  return { columns: DUTY_HOLDER_EXPORT_COLUMNS, rows };
}

export const COVERAGE_COLUMNS: SheetColumn[] = [
  { key: 'areaName', header: '乡镇', width: 14 },
  { key: 'areaCode', header: '区划代码', width: 12 },
  { key: 'population', header: '常住人口', width: 10 },
  { key: 'outdoorShelters', header: '室外场所数', width: 10 },
  { key: 'outdoorCapacity', header: '室外容量（人）', width: 12 },
  { key: 'outdoorPercent', header: '室外覆盖率（%）', width: 12 },
  { key: 'indoorShelters', header: '室内场所数', width: 10 },
  { key: 'indoorCapacity', header: '室内容量（人）', width: 12 },
  { key: 'indoorPercent', header: '室内覆盖率（%）', width: 12 },
  { key: 'status', header: '状态', width: 10 },
];

const percent = (ratio: number | null) => (ratio === null ? '' : Math.round(ratio * 10000) / 100);

export function coverageExport(report: CoverageReport) {
  return [...report.rows, report.total].map((r) => ({
    ...r,
    outdoorPercent: percent(r.outdoorRatio),
    indoorPercent: percent(r.indoorRatio),
    status: COVERAGE_STATUS_NAMES[r.status],
  }));
}
