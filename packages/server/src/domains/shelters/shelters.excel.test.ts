import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { DUTY_HOLDER_COLUMNS, SHELTER_COLUMNS, TARGET_COLUMNS } from './shelters.excel.ts';
import { pointIn, readWorkbook, upload, workbook, YONGHE, YONGLIAN } from './shelters.test-support.ts';

const SHELTER_HEADERS = SHELTER_COLUMNS.map((c) => c.header);
const TARGET_HEADERS = TARGET_COLUMNS.map((c) => c.header);
const HOLDER_HEADERS = DUTY_HOLDER_COLUMNS.map((c) => c.header);

describe.each(DIALECTS)('shelters domain Excel on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let yonghe: ApiClient;
  let p: { lon: number; lat: number };

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
    yonghe = await env.login('yonghe');
    p = await pointIn(yonghe, YONGLIAN);
  });
  afterAll(() => env.close());

  const totals = async () => ({
    shelters: (await admin.get('/api/shelters?limit=1')).json().total,
    targets: (await admin.get('/api/protection-targets?limit=1')).json().total,
    holders: (await admin.get('/api/duty-holders?limit=1')).json().total,
    audit: (await admin.get('/api/audit?limit=1')).json().total,
  });

  it('serves templates with Chinese headers and an example row', async () => {
    for (const [url, headers] of [
      ['/api/shelters/template.xlsx', SHELTER_HEADERS],
      ['/api/protection-targets/template.xlsx', TARGET_HEADERS],
      ['/api/duty-holders/template.xlsx', HOLDER_HEADERS],
    ] as const) {
      const res = await yonghe.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
      const rows = await readWorkbook(res.rawPayload);
      expect(rows[0]).toEqual(headers);
      expect(String(rows[1]![0])).toMatch(/^示例：/);
      // The untouched template has no data rows: refused, with a clear message.
      const back = await upload(yonghe, url.replace('template.xlsx', 'import'), res.rawPayload);
      expect(back.json()).toMatchObject({ code: 'IMPORT_INVALID', message: '文件中没有数据行' });
    }
  });

  it('imports shelters all together, each audited, and exports them again', async () => {
    const file = await workbook(SHELTER_HEADERS, [
      ['导入广场', '室外', '中心', 6000, '供水、供电；厕所', '覃一', 13800138000, '永联村', p.lon, p.lat, ''],
      ['导入礼堂', '室内', '固定', '300', '', '覃二', '0763-6612345', '', String(p.lon), String(p.lat), '学校礼堂'],
    ]);
    const res = await upload(yonghe, '/api/shelters/import', file);
    expect(res.json()).toEqual({ imported: 2 });
    const list = (await yonghe.get(`/api/shelters?q=${encodeURIComponent('导入')}`)).json().items;
    expect(list.map((s: { name: string; capacity: number }) => [s.name, s.capacity]).sort()).toEqual([
      ['导入广场', 4000],
      ['导入礼堂', 200],
    ]);
    const plaza = list.find((s: { name: string }) => s.name === '导入广场');
    expect(plaza).toMatchObject({
      type: 'outdoor',
      grade: 'central',
      facilities: ['water', 'power', 'toilet'],
      managerPhone: '13800138000',
      areaCode: YONGLIAN,
    });
    const audit = (await admin.get(`/api/audit?action=shelter.import&limit=10`)).json();
    expect(audit.total).toBe(2);

    const exported = await readWorkbook((await yonghe.get('/api/shelters/export.xlsx')).rawPayload);
    expect(exported[0]).toEqual([...SHELTER_HEADERS, '区划代码', '所在区划', '容纳人数', '在住人数', '状态', '数据来源']);
    const row = exported.find((r) => r[0] === '导入广场')!;
    expect(row.slice(0, 5)).toEqual(['导入广场', '室外', '中心', 6000, '供水、供电、厕所']);
    expect(row.slice(11, 16)).toEqual([YONGLIAN, '永联村委会', 4000, 0, '关闭']);
    // The export is a valid import: the derived columns are ignored.
    const onlyOurs = await workbook(exported[0] as string[], [row]);
    expect((await upload(yonghe, '/api/shelters/import', onlyOurs)).json()).toEqual({ imported: 1 });
  });

  it('rejects a file with bad rows as a whole, listing every error by row and column', async () => {
    const before = await totals();
    const file = await workbook(SHELTER_HEADERS, [
      ['好的一行', '室外', '固定', 1000, '供水', '覃', '13800138000', '', p.lon, p.lat, ''],
      ['负面积', '室外', '固定', -10, '', '覃', '13800138000', '', p.lon, p.lat, ''],
      ['怪类型', '帐篷', '特级', 1000, '温泉', '覃', '123', '', p.lon, p.lat, ''],
      ['', '室内', '固定', '很大', '', '覃', '13800138000', '', p.lon, p.lat, ''],
      ['县外', '室内', '固定', 100, '', '覃', '13800138000', '', 116.4, 39.9, ''],
    ]);
    const res = await upload(yonghe, '/api/shelters/import', file);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMPORT_INVALID', message: '导入数据有误，整个文件未导入' });
    const errors = res.json().details.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '可用面积（平方米）'],
      [4, '类型'],
      [4, '等级'],
      [4, '设施'],
      [4, '联系电话'],
      [5, '名称'],
      [5, '可用面积（平方米）'],
    ]);
    expect(errors.find((e) => e.row === 4 && e.column === '类型')!.message).toBe('类型应为：室内、室外');
    expect(errors.find((e) => e.row === 3)!.message).toBe('可用面积必须大于 0');
    // Rows that pass the sheet's checks are still located before anything is written.
    const located = await upload(
      yonghe,
      '/api/shelters/import',
      await workbook(SHELTER_HEADERS, [
        ['好的一行', '室外', '固定', 1000, '供水', '覃', '13800138000', '', p.lon, p.lat, ''],
        ['县外', '室内', '固定', 100, '', '覃', '13800138000', '', 116.4, 39.9, ''],
      ]),
    );
    expect(located.json().details.errors).toEqual([{ row: 3, column: '经度', message: '坐标不在本县已知的行政区划范围内' }]);
    expect(await totals()).toEqual(before);
  });

  it('refuses malformed files and non-Excel bodies, writing nothing', async () => {
    const before = await totals();
    for (const url of ['/api/shelters/import', '/api/protection-targets/import', '/api/duty-holders/import']) {
      const garbage = await upload(yonghe, url, Buffer.from('PK\u0003\u0004 this is not a workbook'));
      expect(garbage.statusCode).toBe(400);
      expect(garbage.json()).toMatchObject({ code: 'EXCEL_INVALID', message: '无法读取 Excel 文件（请使用 .xlsx 模板）' });
      const missing = await upload(yonghe, url, await workbook(['名称'], [['某']]));
      expect(missing.json().code).toBe('EXCEL_INVALID');
      expect(missing.json().message).toMatch(/^缺少列：/);
      const json = await yonghe.post(url, { rows: [] });
      expect(json.statusCode).toBe(415);
      expect(json.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await totals()).toEqual(before);
  });

  it('imports and exports protection targets', async () => {
    const file = await workbook(TARGET_HEADERS, [
      ['导入卫生院', '医院', 60, '黄院长', '13800138020', '永联村', p.lon, p.lat, ''],
      ['导入水库', '水库', '', '陆站长', '13800138021', '', p.lon, p.lat, '小（二）型'],
    ]);
    expect((await upload(yonghe, '/api/protection-targets/import', file)).json()).toEqual({ imported: 2 });
    const list = (await yonghe.get(`/api/protection-targets?q=${encodeURIComponent('导入')}`)).json().items;
    expect(list.map((t: { name: string; type: string; people: number | null }) => [t.name, t.type, t.people]).sort()).toEqual([
      ['导入卫生院', 'hospital', 60],
      ['导入水库', 'reservoir', null],
    ]);
    const bad = await upload(
      yonghe,
      '/api/protection-targets/import',
      await workbook(TARGET_HEADERS, [['坏人数', '学校', -3, '某', '13800138020', '', p.lon, p.lat, '']]),
    );
    expect(bad.json().details.errors).toEqual([{ row: 2, column: '在场人数', message: '人数不能为负' }]);
    const exported = await readWorkbook((await yonghe.get('/api/protection-targets/export.xlsx')).rawPayload);
    expect(exported.find((r) => r[0] === '导入卫生院')!.slice(0, 3)).toEqual(['导入卫生院', '医院', 60]);
  });

  it('imports duty-holders, linking shelters and targets by name within their area', async () => {
    await upload(
      yonghe,
      '/api/shelters/import',
      await workbook(SHELTER_HEADERS, [['包保广场', '室外', '固定', 900, '', '覃', '13800138000', '', p.lon, p.lat, '']]),
    );
    const file = await workbook(HOLDER_HEADERS, [
      ['韦导入', 13800138030, '三防责任人', '村主任', Number(YONGLIAN), '', '', ''],
      ['蒙导入', '13800138031', '包保责任人', '', YONGLIAN, '包保广场', '', ''],
      ['李导入', '13800138032', '包保责任人', '副镇长', YONGHE, '', '导入卫生院', ''],
    ]);
    expect((await upload(yonghe, '/api/duty-holders/import', file)).json()).toEqual({ imported: 3 });
    const holders = (await yonghe.get(`/api/duty-holders?q=${encodeURIComponent('导入')}`)).json().items;
    expect(holders.find((h: { name: string }) => h.name === '韦导入')).toMatchObject({
      role: 'sanfang',
      phone: '13800138030',
      areaCode: YONGLIAN,
    });
    expect(holders.find((h: { name: string }) => h.name === '蒙导入').shelterId).not.toBeNull();
    expect(holders.find((h: { name: string }) => h.name === '李导入').targetId).not.toBeNull();

    const before = await totals();
    const bad = await upload(
      yonghe,
      '/api/duty-holders/import',
      await workbook(HOLDER_HEADERS, [
        ['甲', '13800138033', '三防责任人', '', YONGLIAN, '没有这个场所', '', ''],
        ['乙', '13800138034', '班长', '', YONGLIAN, '', '', ''],
        ['丙', '13800138035', '三防责任人', '', '441825', '', '', ''],
        ['丁', '13800138036', '三防责任人', '', '441825100999', '', '', ''],
      ]),
    );
    expect(bad.json().code).toBe('IMPORT_INVALID');
    expect(bad.json().details.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '责任类型'],
      [4, '负责区划代码'],
    ]);
    // With the sheet's checks passed, the links and areas are checked, still before anything is written.
    const links = await upload(
      yonghe,
      '/api/duty-holders/import',
      await workbook(HOLDER_HEADERS, [
        ['甲', '13800138033', '三防责任人', '', YONGLIAN, '没有这个场所', '', ''],
        ['丁', '13800138036', '三防责任人', '', '441825100999', '', '', ''],
      ]),
    );
    expect(links.json().details.errors).toEqual([
      { row: 2, column: '关联避难场所', message: '负责区划内没有名为“没有这个场所”的避难场所' },
      { row: 3, column: '负责区划代码', message: '行政区划不存在' },
    ]);
    expect(await totals()).toEqual(before);
    const exported = await readWorkbook((await yonghe.get('/api/duty-holders/export.xlsx')).rawPayload);
    expect(exported.find((r) => r[0] === '蒙导入')!.slice(0, 6)).toEqual([
      '蒙导入',
      '13800138031',
      '包保责任人',
      undefined,
      YONGLIAN,
      '包保广场',
    ]);
  });
});
