import {
  STATION_KIND_LABELS,
  STATION_OWNER_TYPE_LABELS,
  STATION_STATE_LABELS,
  zStationCreate,
  type Station,
} from '@yingji/contracts/monitoring.ts';
import { z } from 'zod';
import type { AreasService } from '../areas/areas.service.ts';
import type { SheetColumn } from '../../platform/excel.ts';

/*
 * The 监测站点 sheet. Import columns are keyed by the create contract's fields, so a row error names its Chinese
 * header; the export adds derived columns after them and can be filled in and imported again (extras ignored).
 * Credentials are never in a sheet: an import answers with them once, as JSON, like a single create.
 */

function chinese<T extends string>(names: Record<T, string>, label: string) {
  const entries = Object.entries(names) as [T, string][];
  return z
    .string(`${label}不能为空`)
    .refine((v) => entries.some(([, name]) => name === v), `${label}应为：${entries.map(([, n]) => n).join('、')}`)
    .transform((v) => entries.find(([, name]) => name === v)![0]);
}
const num = (label: string) =>
  z.preprocess((v) => (typeof v === 'string' ? Number(v.replace(/[,，\s]/g, '')) : v), z.number(`${label}应为数字`));
const optionalNum = (label: string) => z.preprocess((v) => (v === undefined || v === '' ? null : v), num(label).nullable());
const text = (label: string) => z.preprocess((v) => (v === undefined ? v : String(v)), z.string(`${label}不能为空`));
const optionalText = z.preprocess((v) => (v === undefined ? null : String(v)), z.string().nullable());
const list = z.preprocess(
  (v) => (v === undefined ? '' : String(v)),
  z.string().transform((v) => v.split(/[、,，;；\s]+/).filter(Boolean)),
);

export const STATION_COLUMNS: SheetColumn[] = [
  { key: 'code', header: '站点编码', width: 14, example: 'YH-RG-01' },
  { key: 'name', header: '站点名称', width: 26, example: '永和镇雨量站' },
  { key: 'kind', header: '站点类型', width: 16, example: '雨量站' },
  { key: 'ownerType', header: '权属类型', width: 10, example: '部门' },
  { key: 'ownerName', header: '权属单位', width: 20, example: '县水利局' },
  { key: 'deviceIds', header: '设备编号', width: 24, example: 'RTU-0001、RG-0001' },
  { key: 'lon', header: '经度', width: 12, example: 112.09 },
  { key: 'lat', header: '纬度', width: 12, example: 24.57 },
  { key: 'waterWarning', header: '警戒水位（米）', width: 12, example: '' },
  { key: 'waterGuaranteed', header: '保证水位（米）', width: 12, example: '' },
  { key: 'waterHistoricMax', header: '历史最高水位（米）', width: 14, example: '' },
  { key: 'note', header: '备注', width: 20, example: '' },
];

export const zStationRow = z
  .object({
    code: text('站点编码'),
    name: text('站点名称'),
    kind: chinese(STATION_KIND_LABELS, '站点类型'),
    ownerType: chinese(STATION_OWNER_TYPE_LABELS, '权属类型'),
    ownerName: text('权属单位'),
    deviceIds: list,
    lon: num('经度'),
    lat: num('纬度'),
    waterWarning: optionalNum('警戒水位'),
    waterGuaranteed: optionalNum('保证水位'),
    waterHistoricMax: optionalNum('历史最高水位'),
    note: optionalText,
  })
  .transform(({ waterWarning, waterGuaranteed, waterHistoricMax, ...rest }, ctx) => {
    const anyLevel = waterWarning !== null || waterGuaranteed !== null || waterHistoricMax !== null;
    const value = {
      ...rest,
      waterLevels: anyLevel ? { warning: waterWarning, guaranteed: waterGuaranteed, historicMax: waterHistoricMax } : null,
    };
    const result = zStationCreate.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });

const EXPORT_COLUMNS: SheetColumn[] = [
  ...STATION_COLUMNS,
  { key: 'areaCode', header: '区划代码', width: 14 },
  { key: 'areaName', header: '所在区划', width: 14 },
  { key: 'state', header: '状态', width: 8 },
  { key: 'lastReadingAt', header: '最近数据时间', width: 22 },
  { key: 'rejected', header: '拒收读数', width: 10 },
  { key: 'demo', header: '数据来源', width: 10 },
];

export async function stationExport(areas: Pick<AreasService, 'nameOf'>, stations: Station[]) {
  const names = new Map<string, string | null>();
  const rows = [];
  for (const s of stations) {
    if (!names.has(s.areaCode)) names.set(s.areaCode, await areas.nameOf(s.areaCode));
    rows.push({
      ...s,
      kind: STATION_KIND_LABELS[s.kind],
      ownerType: STATION_OWNER_TYPE_LABELS[s.ownerType],
      deviceIds: s.deviceIds.join('、'),
      waterWarning: s.waterLevels?.warning ?? '',
      waterGuaranteed: s.waterLevels?.guaranteed ?? '',
      waterHistoricMax: s.waterLevels?.historicMax ?? '',
      note: s.note ?? '',
      areaName: names.get(s.areaCode) ?? '',
      state: STATION_STATE_LABELS[s.state],
      lastReadingAt: s.lastReadingAt ?? '',
      rejected: s.counters.rejected,
      demo: s.demo ? '演示数据' : '',
    });
  }
  return { columns: EXPORT_COLUMNS, rows };
}
