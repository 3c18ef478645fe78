import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { JITIAN, YONGHE, makeWarehouse, pointIn, readWorkbook, stockOf, upload, workbook } from './supplies.test-support.ts';

const KIND_HEADERS = [
  '品目名称',
  '类别',
  '计量单位',
  '保质期（天）',
  '规格型号',
  '县级库储备标准',
  '乡镇库储备标准',
  '村级储存室储备标准',
  '依据',
];
const WAREHOUSE_HEADERS = ['仓库名称', '层级', '经度', '纬度', '地址', '保管员', '联系电话', '库容（立方米）', '备注'];
const STOCK_HEADERS = ['仓库名称', '物资品目', '批次号', '生产日期', '有效期至', '数量', '单据号'];

describe.each(DIALECTS)('supplies Excel import and export on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    admin = await env.login('admin');
  });
  afterAll(() => env.close());

  const auditTotal = async () => (await admin.get('/api/audit?limit=1')).json().total as number;

  it('serves templates with Chinese headers and an example row', async () => {
    for (const [url, headers] of [
      ['/api/supplies/kinds/template.xlsx', KIND_HEADERS],
      ['/api/supplies/warehouses/template.xlsx', WAREHOUSE_HEADERS],
      ['/api/supplies/stock/template.xlsx', STOCK_HEADERS],
    ] as const) {
      const res = await yonghe.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const rows = await readWorkbook(res.rawPayload);
      expect(rows[0]).toEqual(headers);
      expect(String(rows[1]![0])).toMatch(/^示例：/);
    }
  });

  it('imports 品目 (adding new names, updating known ones) and exports them', async () => {
    const file = await workbook(KIND_HEADERS, [
      ['应急发电车', '应急照明与动力', '辆', '', '', 1, '', '', '县储备规划'],
      ['棉被', '生活类物资', '床', '', '', 600, 60, 12, ''],
    ]);
    const res = await upload(county, '/api/supplies/kinds/import', file);
    expect(res.json()).toEqual({ created: 1, updated: 1 });
    expect((await county.get('/api/supplies/kinds/quilt')).json().reserveStandard).toEqual({
      county: 600,
      township: 60,
      village: 12,
    });
    const rows = await readWorkbook((await county.get('/api/supplies/kinds/export.xlsx')).rawPayload);
    expect(rows.some((r) => r[0] === '应急发电车' && r[2] === '辆')).toBe(true);
    expect((await upload(yonghe, '/api/supplies/kinds/import', file)).json().code).toBe('FORBIDDEN');
  });

  it('imports warehouses placed by their coordinates, all or nothing with a row-by-row list', async () => {
    const inYonghe = await pointIn(county, YONGHE);
    const inJitian = await pointIn(county, JITIAN);
    const before = (await county.get('/api/supplies/warehouses?limit=1')).json().total;
    const auditBefore = await auditTotal();
    // Rows the sheet's schema refuses are listed first, each with its column…
    const malformed = await workbook(WAREHOUSE_HEADERS, [
      ['导入仓库甲', '乡镇储备库', inYonghe.lon, inYonghe.lat, '', '覃', '13800138000', 100, ''],
      ['导入仓库乙', '省级库', inYonghe.lon, inYonghe.lat, '', '覃', '13800138000', 100, ''],
      ['导入仓库丙', '村级储存室', '东经', inYonghe.lat, '', '覃', '12345', '', ''],
    ]);
    const first = await upload(yonghe, '/api/supplies/warehouses/import', malformed);
    expect(first.statusCode).toBe(400);
    expect(first.json().code).toBe('IMPORT_INVALID');
    const schemaErrors = first.json().details.errors as { row: number; column: string | null; message: string }[];
    expect(schemaErrors.map((e) => [e.row, e.column])).toEqual([
      [3, '层级'],
      [4, '经度'],
      [4, '联系电话'],
    ]);
    // …then rows that parse but cannot be placed: outside the county, outside the importer's scope, duplicated.
    const misplaced = await workbook(WAREHOUSE_HEADERS, [
      ['导入仓库甲', '乡镇储备库', inYonghe.lon, inYonghe.lat, '', '覃', '13800138000', 100, ''],
      ['导入仓库丙', '村级储存室', 116.4, 39.9, '', '覃', '13800138000', '', ''],
      ['导入仓库甲', '村级储存室', inYonghe.lon, inYonghe.lat, '', '覃', '13800138000', '', ''],
      ['导入仓库丁', '乡镇储备库', inJitian.lon, inJitian.lat, '', '黄', '13800138001', '', ''],
    ]);
    const res = await upload(yonghe, '/api/supplies/warehouses/import', misplaced);
    expect(res.json().code).toBe('IMPORT_INVALID');
    const errors = res.json().details.errors as { row: number; column: string | null; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(errors[0]!.message).toMatch(/坐标不在/);
    expect(errors[1]!.message).toMatch(/重复/);
    expect(errors[2]!.message).toMatch(/管辖/);
    expect((await county.get('/api/supplies/warehouses?limit=1')).json().total).toBe(before);
    expect(await auditTotal()).toBe(auditBefore);

    const good = await workbook(WAREHOUSE_HEADERS, [
      ['导入仓库甲', '乡镇储备库', inYonghe.lon, inYonghe.lat, '永和镇', '覃', 13800138000, 100, ''],
      ['导入储存室乙', '村级储存室', inYonghe.lon, inYonghe.lat, '', '莫', '0763-6612345', '', '演示'],
    ]);
    expect((await upload(yonghe, '/api/supplies/warehouses/import', good)).json()).toEqual({ created: 2, updated: 0 });
    expect(await auditTotal()).toBe(auditBefore + 2);
    const exported = await readWorkbook((await yonghe.get('/api/supplies/warehouses/export.xlsx')).rawPayload);
    expect(exported.find((r) => r[0] === '导入仓库甲')!.slice(0, 2)).toEqual(['导入仓库甲', '乡镇储备库']);
  });

  it('imports inbound batches (验收入库) in one posting, audited per row; a malformed file writes nothing', async () => {
    const depot = await makeWarehouse(yonghe, YONGHE, 'township', '批次导入库');
    const jitianDepot = await makeWarehouse(county, JITIAN, 'township', '吉田批次库');
    const malformed = await workbook(STOCK_HEADERS, [
      ['批次导入库', '方便食品', 'F-1', '2026-01-10', '', 40, 'CG-1'],
      ['批次导入库', '棉被', 'Q-2', '2026-01-10', '', -3, ''],
      ['批次导入库', '棉被', 'Q-3', '十月', '', '五', ''],
    ]);
    const auditBefore = await auditTotal();
    const first = await upload(yonghe, '/api/supplies/stock/import', malformed);
    expect(first.json().code).toBe('IMPORT_INVALID');
    expect((first.json().details.errors as { row: number; column: string }[]).map((e) => [e.row, e.column])).toEqual([
      [3, '数量'],
      [4, '生产日期'],
      [4, '数量'],
    ]);
    const unknown = await workbook(STOCK_HEADERS, [
      ['批次导入库', '方便食品', 'F-1', '2026-01-10', '', 40, 'CG-1'],
      ['批次导入库', '独角兽', 'U-1', '2026-01-10', '', 1, ''],
      ['吉田批次库', '棉被', 'Q-1', '2026-01-10', '', 5, ''],
    ]);
    const res = await upload(yonghe, '/api/supplies/stock/import', unknown);
    expect(res.json().code).toBe('IMPORT_INVALID');
    expect((res.json().details.errors as { row: number; column: string }[]).map((e) => [e.row, e.column])).toEqual([
      [3, '物资品目'],
      [4, '仓库名称'],
    ]);
    expect((await upload(yonghe, '/api/supplies/stock/import', Buffer.from('not a workbook'))).json().code).toBe('EXCEL_INVALID');
    const wrongHeaders = await workbook(['名称', '数量'], [['棉被', 1]]);
    expect((await upload(yonghe, '/api/supplies/stock/import', wrongHeaders)).json().code).toBe('EXCEL_INVALID');
    expect(await auditTotal()).toBe(auditBefore);
    expect(await stockOf(yonghe, depot, 'instant-food')).toMatchObject({ onHand: 0 });

    // A batch whose dates clash with the same batch already in stock is reported against its row.
    await upload(
      yonghe,
      '/api/supplies/stock/import',
      await workbook(STOCK_HEADERS, [['批次导入库', '棉被', 'Q-9', '2026-01-10', '', 5, '']]),
    );
    const clash = await upload(
      yonghe,
      '/api/supplies/stock/import',
      await workbook(STOCK_HEADERS, [
        ['批次导入库', '棉被', 'Q-8', '2026-01-10', '', 5, ''],
        ['批次导入库', '棉被', 'Q-9', '2026-02-10', '', 5, ''],
      ]),
    );
    expect(clash.json()).toMatchObject({ code: 'IMPORT_INVALID', details: { errors: [{ row: 3 }] } });

    const good = await workbook(STOCK_HEADERS, [
      ['批次导入库', '方便食品', 'F-1', new Date(Date.UTC(2026, 0, 10)), '', 40, 'CG-1'],
      ['批次导入库', '瓶装饮用水', 'W-1', '2026/3/1', '2027-03-01', 60, 'CG-1'],
    ]);
    const auditMid = await auditTotal();
    expect((await upload(yonghe, '/api/supplies/stock/import', good)).json()).toEqual({ created: 2, updated: 0 });
    expect(await auditTotal()).toBe(auditMid + 2);
    const batches = (await yonghe.get(`/api/supplies/stock?warehouseId=${depot}&kindId=instant-food`)).json().items;
    expect(batches[0]).toMatchObject({ batchNo: 'F-1', productionDate: '2026-01-10', expiryDate: '2027-01-10', quantity: 40 });
    const exported = await readWorkbook((await yonghe.get('/api/supplies/stock/export.xlsx')).rawPayload);
    expect(exported.some((r) => r[0] === '批次导入库' && r[1] === '瓶装饮用水' && r[5] === 60)).toBe(true);
    expect(exported.some((r) => r[0] === '吉田批次库')).toBe(false);
    expect(jitianDepot).toBeTruthy();
  });
});
