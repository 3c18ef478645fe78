import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { readWorkbook, upload, workbook } from '../shelters/shelters.test-support.ts';
import { CONTACT_COLUMNS } from './contacts.excel.ts';

const YONGLIAN = '441825100201';
const JITIAN_FIRST_VILLAGE_PARENT = '441825104';
const HEADERS = CONTACT_COLUMNS.map((c) => c.header);
const BASE = '/api/warning-contacts/excel';

describe.each(DIALECTS)('预警接收人 Excel on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let yonghe: ApiClient;
  let jitianVillage: string;

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
    yonghe = await env.login('yonghe');
    jitianVillage = (await admin.get(`/api/areas?parentCode=${JITIAN_FIRST_VILLAGE_PARENT}&limit=1`)).json().items[0].code;
  });
  afterAll(() => env.close());

  const totals = async () => ({
    contacts: (await admin.get('/api/warning-contacts?limit=1')).json().total as number,
    inVillage: (await yonghe.get(`/api/warning-contacts?areaCode=${YONGLIAN}&limit=1`)).json().total as number,
    audit: (await admin.get('/api/audit?limit=1')).json().total as number,
  });

  it('serves the template with Chinese headers and an example row; the untouched template imports nothing', async () => {
    const res = await yonghe.get(`${BASE}/template.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toEqual([
      '姓名',
      '手机号',
      '电子邮箱',
      '类别',
      '村/组代码',
      '同意接收',
      '特殊群体',
      '转移责任人',
      '责任人电话',
      '转移路线',
      '安置点',
      '备注',
    ]);
    expect(String(rows[1]![0])).toMatch(/^示例：/);
    const back = await upload(yonghe, `${BASE}/import`, res.rawPayload);
    expect(back.json()).toMatchObject({ code: 'IMPORT_INVALID', message: '文件中没有数据行' });
  });

  it('refuses a file with bad rows whole, listing each row’s errors, then takes the corrected file', async () => {
    const before = await totals();
    const good = ['覃导入', '13900005001', '', '居民', YONGLIAN, '是', '', '', '', '', '', ''];
    const special = [
      '莫阿公',
      13900005002,
      '',
      '居民',
      YONGLIAN,
      '否',
      '独居/高龄老人',
      '莫大哥',
      '13900005003',
      '沿河堤向北',
      '永联村委会会议室',
      '子女在外',
    ];
    const cadre = ['韦干部', '13900005004', 'wei@example.com', '村干部', Number(YONGLIAN), '同意', '', '', '', '', '', ''];
    const bad = await workbook(HEADERS, [
      good,
      special,
      ['黄错号', '1390000', '', '居民', YONGLIAN, '是', '', '', '', '', '', ''],
      ['陈缺同意', '13900005005', '', '村民', YONGLIAN, '', '', '', '', '', '', ''],
      ['李邮箱', '13900005006', 'not-mail', '居民', YONGLIAN, '是', '孕妇', '', '12', '', '', ''],
      cadre,
    ]);
    const refused = await upload(yonghe, `${BASE}/import`, bad);
    expect(refused.statusCode).toBe(400);
    const body = refused.json() as { code: string; details: { errors: { row: number; column: string | null }[] } };
    expect(body.code).toBe('IMPORT_INVALID');
    const cells = body.details.errors.map((e) => `${e.row}:${e.column}`).sort();
    expect(cells).toEqual(['4:手机号', '5:同意接收', '5:类别', '6:特殊群体', '6:电子邮箱', '6:责任人电话']);
    expect(await totals()).toEqual(before);

    // Rows that pass the sheet but name a village outside the officer's township: still refused whole.
    const outside = await workbook(HEADERS, [
      good,
      ['吉田人', '13900005007', '', '居民', jitianVillage, '是', '', '', '', '', '', ''],
    ]);
    const refusedScope = (await upload(yonghe, `${BASE}/import`, outside)).json();
    expect(refusedScope).toMatchObject({ code: 'IMPORT_INVALID', details: { errors: [{ row: 3, column: '村/组代码' }] } });
    expect(await totals()).toEqual(before);

    const fixed = await workbook(HEADERS, [good, special, cadre]);
    expect((await upload(yonghe, `${BASE}/import`, fixed)).json()).toEqual({ imported: 3 });
    const after = await totals();
    expect(after.inVillage).toBe(before.inVillage + 3);
    expect(after.audit).toBe(before.audit + 3);
    const imports = (await admin.get('/api/audit?action=contact.import&limit=10')).json();
    expect(imports.total).toBe(3);

    const listed = (await yonghe.get(`/api/warning-contacts?areaCode=${YONGLIAN}&q=${encodeURIComponent('莫阿公')}`)).json();
    expect(listed.items[0]).toMatchObject({
      phone: '13900005002',
      consent: false,
      specialNeed: 'elderly',
      helperName: '莫大哥',
      helperPhone: '13900005003',
      route: '沿河堤向北',
      shelterName: '永联村委会会议室',
      demo: false,
    });
    const heads = (await yonghe.get(`/api/warning-contacts?areaCode=${YONGLIAN}&q=${encodeURIComponent('韦干部')}`)).json();
    expect(heads.items[0]).toMatchObject({ group: 'village_heads', consent: true, email: 'wei@example.com' });
  });

  it('exports the officer’s contacts in the same columns, and the export imports again', async () => {
    const exported = await readWorkbook((await yonghe.get(`${BASE}/export.xlsx`)).rawPayload);
    expect(exported[0]).toEqual([...HEADERS, '所在村（组）', '数据来源']);
    expect(exported.slice(1).every((r) => String(r[4]).startsWith('441825100'))).toBe(true);
    const row = exported.find((r) => r[0] === '莫阿公')!;
    expect(row.slice(3, 7)).toEqual(['居民', YONGLIAN, '否', '独居/高龄老人']);
    expect(String(row[12])).toContain('永联');
    const demoRow = exported.find((r) => r[13] === '演示数据');
    expect(demoRow).toBeDefined();

    const again = await workbook(exported[0] as string[], [row.map((v, i) => (i === 0 ? '莫阿公二' : v))]);
    expect((await upload(yonghe, `${BASE}/import`, again)).json()).toEqual({ imported: 1 });
  });
});
