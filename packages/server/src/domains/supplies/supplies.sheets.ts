import {
  WAREHOUSE_LEVEL_NAMES,
  zContactPhone,
  zWarehouseLevel,
  type SupplyKind,
  type Warehouse,
  type WarehouseLevel,
} from '@yingji/contracts/supplies.ts';
import { z } from 'zod';
import type { SheetColumn } from '../../platform/excel.ts';

/** The three registers of this domain as Excel sheets: Chinese headers, an example row, and row schemas for import. */

const text = (max: number) =>
  z.preprocess((v) => (v === undefined ? v : String(v).trim()), z.string().min(1, '不能为空').max(max));
const optionalText = (max: number) =>
  z.preprocess((v) => (v === undefined ? null : String(v).trim()), z.string().max(max).nullable());
const optionalInt = z.preprocess(
  (v) => (v === undefined ? null : v),
  z.coerce.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负').nullable(),
);
const positiveInt = z.coerce.number({ error: '应为数字' }).int('应为整数').positive('应大于 0');

/** Excel gives dates as Date cells (read as ISO instants) or as text; both become YYYY-MM-DD. */
const excelDate = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const iso = /^(\d{4}-\d{2}-\d{2})T/.exec(v);
    if (iso) return iso[1];
    const slashed = /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/.exec(v);
    return slashed ? `${slashed[1]}-${slashed[2]!.padStart(2, '0')}-${slashed[3]!.padStart(2, '0')}` : v;
  },
  z.iso.date({ error: '日期应为 YYYY-MM-DD' }),
);

export const KIND_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '品目名称', example: '救灾帐篷', width: 18 },
  { key: 'category', header: '类别', example: '生活类物资', width: 18 },
  { key: 'unit', header: '计量单位', example: '顶', width: 10 },
  { key: 'shelfLifeDays', header: '保质期（天）', example: '', width: 12 },
  { key: 'spec', header: '规格型号', example: '单帐篷 12 m²', width: 16 },
  { key: 'standardCounty', header: '县级库储备标准', example: 200, width: 14 },
  { key: 'standardTownship', header: '乡镇库储备标准', example: 20, width: 14 },
  { key: 'standardVillage', header: '村级储存室储备标准', example: 2, width: 16 },
  { key: 'source', header: '依据', example: '县应急物资储备目录', width: 40 },
];

export const zKindRow = z
  .object({
    name: text(64),
    category: text(32),
    unit: text(8),
    shelfLifeDays: z.preprocess((v) => (v === undefined ? null : v), positiveInt.max(36_500).nullable()),
    spec: optionalText(128),
    standardCounty: optionalInt,
    standardTownship: optionalInt,
    standardVillage: optionalInt,
    source: optionalText(500),
  })
  .strict();
export type KindRow = z.infer<typeof zKindRow>;

export function kindExport(kinds: SupplyKind[]): Record<string, unknown>[] {
  return kinds.map((k) => ({
    name: k.name,
    category: k.category,
    unit: k.unit,
    shelfLifeDays: k.shelfLifeDays,
    spec: k.spec,
    standardCounty: k.reserveStandard.county,
    standardTownship: k.reserveStandard.township,
    standardVillage: k.reserveStandard.village,
    source: k.source,
  }));
}

const LEVEL_BY_NAME = new Map<string, WarehouseLevel>([
  ...(Object.entries(WAREHOUSE_LEVEL_NAMES) as [WarehouseLevel, string][]).map(([level, name]) => [name, level] as const),
  ['县级', 'county'],
  ['乡镇级', 'township'],
  ['镇级', 'township'],
  ['村级', 'village'],
  ['county', 'county'],
  ['township', 'township'],
  ['village', 'village'],
]);

export const WAREHOUSE_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '仓库名称', example: '永和镇应急物资储备库', width: 24 },
  { key: 'level', header: '层级', example: '乡镇储备库', width: 12 },
  { key: 'lon', header: '经度', example: 112.09, width: 12 },
  { key: 'lat', header: '纬度', example: 24.57, width: 12 },
  { key: 'address', header: '地址', example: '永和镇人民政府旁', width: 24 },
  { key: 'keeper', header: '保管员', example: '覃保管', width: 10 },
  { key: 'phone', header: '联系电话', example: '13800138000', width: 14 },
  { key: 'capacityM3', header: '库容（立方米）', example: 500, width: 14 },
  { key: 'note', header: '备注', example: '', width: 20 },
];

export const zWarehouseRow = z
  .object({
    name: text(64),
    level: z.preprocess(
      (v) => (typeof v === 'string' ? (LEVEL_BY_NAME.get(v.trim()) ?? v) : v),
      z.enum(zWarehouseLevel.options, { error: '层级应为 县级储备库 / 乡镇储备库 / 村级储存室' }),
    ),
    lon: z.coerce.number({ error: '应为数字' }).min(-180).max(180),
    lat: z.coerce.number({ error: '应为数字' }).min(-90).max(90),
    address: optionalText(128),
    keeper: text(32),
    phone: z.preprocess((v) => (v === undefined ? v : String(v).trim()), zContactPhone),
    capacityM3: z.preprocess(
      (v) => (v === undefined ? null : v),
      z.coerce.number({ error: '应为数字' }).positive('应大于 0').nullable(),
    ),
    note: optionalText(500),
  })
  .strict();
export type WarehouseRowInput = z.infer<typeof zWarehouseRow>;

export function warehouseExport(warehouses: Warehouse[]): Record<string, unknown>[] {
  return warehouses.map((w) => ({ ...w, level: WAREHOUSE_LEVEL_NAMES[w.level] }));
}

export const STOCK_COLUMNS: SheetColumn[] = [
  { key: 'warehouseName', header: '仓库名称', example: '永和镇应急物资储备库', width: 24 },
  { key: 'kindName', header: '物资品目', example: '方便食品', width: 16 },
  { key: 'batchNo', header: '批次号', example: 'F-2026-01', width: 14 },
  { key: 'productionDate', header: '生产日期', example: '2026-01-10', width: 12 },
  { key: 'expiryDate', header: '有效期至', example: '2027-01-10', width: 12 },
  { key: 'quantity', header: '数量', example: 40, width: 10 },
  { key: 'reference', header: '单据号', example: 'CG-2026-015', width: 16 },
];

export const zStockRow = z
  .object({
    warehouseName: text(64),
    kindName: text(64),
    batchNo: text(64),
    productionDate: excelDate,
    expiryDate: z.preprocess((v) => (v === undefined ? null : v), excelDate.nullable()),
    quantity: positiveInt.max(100_000_000),
    reference: optionalText(64),
  })
  .strict();
export type StockRowInput = z.infer<typeof zStockRow>;
