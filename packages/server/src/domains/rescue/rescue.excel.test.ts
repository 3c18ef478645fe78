import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { EQUIPMENT_COLUMNS, EXPERT_COLUMNS, MEMBER_COLUMNS, TEAM_COLUMNS } from './rescue.sheets.ts';
import { auditTotal, pointsOf, sheetText, workbook, XLSX_HEADERS, YONGHE, YONGLIAN } from './rescue.testing.ts';

const headers = (columns: { header: string }[]) => columns.map((c) => c.header);

describe.each(DIALECTS)('rescue Excel on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let point: Awaited<ReturnType<typeof pointsOf>>;
  const upload = (client: ApiClient, register: string, body: Buffer) =>
    client.request({ method: 'POST', url: `/api/rescue/${register}/import`, body, headers: XLSX_HEADERS });

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    point = await pointsOf(county);
  });
  afterAll(() => env.close());

  it('serves a template per register with Chinese headers; an untouched template imports nothing', async () => {
    for (const [register, columns] of [
      ['teams', TEAM_COLUMNS],
      ['members', MEMBER_COLUMNS],
      ['experts', EXPERT_COLUMNS],
      ['equipment', EQUIPMENT_COLUMNS],
    ] as const) {
      const res = await yonghe.get(`/api/rescue/${register}/template.xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('.xlsx');
      const [head, example] = await sheetText(res.rawPayload);
      expect(head).toEqual(headers(columns));
      expect(example![0]).toMatch(/^示例：/);
      expect((await upload(yonghe, register, res.rawPayload)).json()).toEqual({ imported: 0 });
    }
  });

  it('imports teams, members, experts and equipment, each file in one transaction with an audit entry per row', async () => {
    const before = await auditTotal(county);
    const at = point(YONGLIAN);
    const teams = await workbook(headers(TEAM_COLUMNS), [
      ['永和镇导入一队', '综合', '镇级', null, '永和镇政府', at.lon, at.lat, '韦队长', 13800138011, '0763-6612345', '值守'],
      ['永联村导入二队', '志愿者', '村级', '水域救援', null, at.lon, at.lat, '莫队长', '13800138012'],
    ]);
    expect((await upload(yonghe, 'teams', teams)).json()).toEqual({ imported: 2 });
    const listed = (await yonghe.get(`/api/rescue/teams?q=${encodeURIComponent('导入')}`)).json().items;
    expect(
      listed.map((t: { name: string; type: string; level: string; dutyState: string; areaCode: string }) => [
        t.name,
        t.type,
        t.level,
        t.dutyState,
        t.areaCode,
      ]),
    ).toEqual(
      // Order by name differs between the dialects' collations; compare as a set.
      expect.arrayContaining([
        ['永联村导入二队', 'volunteer', 'village', 'standby', YONGLIAN],
        ['永和镇导入一队', 'comprehensive', 'township', 'on_duty', YONGLIAN],
      ]),
    );
    expect(listed).toHaveLength(2);
    const first = listed.find((t: { name: string }) => t.name === '永和镇导入一队');
    expect(first.leaderPhone).toBe('13800138011');

    const members = await workbook(headers(MEMBER_COLUMNS), [
      [
        '永和镇导入一队',
        '蓝一',
        '男',
        '13800000011',
        '队长',
        '水域救援、绳索救援',
        '应急救援员（四级）,A-1,2026-06-30；潜水员,D-2,2027-01-01',
      ],
      [first.id, '蓝二', '女', null, '队员', null, null],
    ]);
    expect((await upload(yonghe, 'members', members)).json()).toEqual({ imported: 2 });
    const detail = (await yonghe.get(`/api/rescue/teams/${first.id}`)).json();
    expect(detail.memberCount).toBe(2);
    const lan = detail.members.find((m: { name: string }) => m.name === '蓝一');
    expect(lan.skills).toEqual(['水域救援', '绳索救援']);
    expect(lan.certificates.map((c: { number: string; expired: boolean }) => [c.number, c.expired])).toEqual([
      ['A-1', true],
      ['D-2', false],
    ]);

    const experts = await workbook(headers(EXPERT_COLUMNS), [
      ['导入专家甲', '防汛抗旱、地质灾害', '高级工程师', '连山县水利局', '13900000001', '否', '借调市局', at.lon, at.lat],
    ]);
    expect((await upload(yonghe, 'experts', experts)).json()).toEqual({ imported: 1 });
    const expert = (await yonghe.get(`/api/rescue/experts?q=${encodeURIComponent('导入专家')}`)).json().items[0];
    expect(expert).toMatchObject({
      fields: ['防汛抗旱', '地质灾害'],
      available: false,
      availabilityNote: '借调市局',
      areaCode: YONGLIAN,
    });

    // A warehouse of the supplies domain may hold equipment too (its demo storage point of 永和镇).
    const warehouse = (await yonghe.get('/api/supplies/warehouses?limit=1')).json().items[0] as { id: string };
    const equipment = await workbook(headers(EQUIPMENT_COLUMNS), [
      ['森林消防水罐车', 'EQ5160', 1, '台', '队伍', '永和镇导入一队', '完好', new Date(Date.UTC(2026, 6, 15)), '2026-01-15'],
      ['风力灭火机', null, '6', null, '队伍', first.id, '维修'],
      ['冲锋舟', null, 2, '艘', '仓库', warehouse.id],
    ]);
    expect((await upload(yonghe, 'equipment', equipment)).json()).toEqual({ imported: 3 });
    const boats = (await yonghe.get(`/api/rescue/equipment?ownerId=${warehouse.id}`)).json().items;
    expect(boats).toMatchObject([{ kind: '冲锋舟', quantity: 2, ownerType: 'warehouse', areaCode: YONGHE }]);
    const held = (await yonghe.get(`/api/rescue/equipment?ownerId=${first.id}`)).json().items;
    expect(
      held.map((e: { kind: string; quantity: number; state: string; maintenanceDue: string | null }) => [
        e.kind,
        e.quantity,
        e.state,
        e.maintenanceDue,
      ]),
    ).toEqual([
      ['森林消防水罐车', 1, 'good', '2026-07-15'],
      ['风力灭火机', 6, 'repair', null],
    ]);
    expect(await auditTotal(county)).toBe(before + 2 + 2 + 1 + 3);
    const audit = (await county.get('/api/audit?action=rescue.member.import')).json();
    expect(audit.items[0]).toMatchObject({ actorName: 'yonghe', areaCode: YONGLIAN });
  });

  it('exports each register in a form that imports again', async () => {
    // The county's officer: a township officer may not re-import the county's own teams (rescue.policy.ts).
    const teams = await county.get('/api/rescue/teams/export.xlsx');
    expect(teams.statusCode).toBe(200);
    const rows = await sheetText(teams.rawPayload);
    expect(rows[0]).toEqual(expect.arrayContaining(['队伍名称', '类型', '所在区划（只读）', '队员人数（只读）']));
    expect(rows.flat()).toEqual(expect.arrayContaining(['永和镇导入一队', '综合', '镇级', '值守', '永联村委会']));
    // Renamed, the exported teams import again as new teams.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(teams.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    for (let r = 2; r <= sheet.rowCount; r += 1) sheet.getRow(r).getCell(1).value = `${sheet.getRow(r).getCell(1).text}（复制）`;
    const copied = await upload(county, 'teams', Buffer.from(await book.xlsx.writeBuffer()));
    expect(copied.json()).toEqual({ imported: rows.length - 1 });

    for (const register of ['members', 'experts', 'equipment']) {
      const res = await county.get(`/api/rescue/${register}/export.xlsx`);
      const exported = await sheetText(res.rawPayload);
      expect(exported.length).toBeGreaterThan(1);
      expect((await upload(county, register, res.rawPayload)).json()).toEqual({ imported: exported.length - 1 });
    }
    const members = (await sheetText((await county.get('/api/rescue/members/export.xlsx')).rawPayload)).flat().join('|');
    expect(members).toContain('应急救援员（四级）,A-1,2026-06-30；潜水员,D-2,2027-01-01');
  });

  it('rejects malformed files and bad rows with a row-by-row list, writing nothing', async () => {
    const before = await auditTotal(county);
    const at = point(YONGLIAN);
    const notExcel = await upload(yonghe, 'teams', Buffer.from('这不是 Excel 文件'));
    expect(notExcel.json().code).toBe('EXCEL_INVALID');
    const json = await yonghe.post('/api/rescue/teams/import', { rows: [] });
    expect(json.json().code).toBe('EXCEL_INVALID');
    const missing = await upload(yonghe, 'experts', await workbook(['姓名'], [['某专家']]));
    expect(missing.json()).toMatchObject({ code: 'EXCEL_INVALID' });
    expect(missing.json().message).toContain('工作单位');

    const badTeams = await upload(
      yonghe,
      'teams',
      await workbook(headers(TEAM_COLUMNS), [
        ['坏队一', '军队', '镇级', null, null, at.lon, at.lat, '某', '13800138000'],
        ['坏队二', '综合', '镇级', null, null, 116.4, 39.9, '某', '13800138000'],
        ['好队', '综合', '镇级', null, null, at.lon, at.lat, '某', '13800138000'],
        ['好队', '综合', '镇级', null, null, at.lon, at.lat, '某', '13800138000'],
      ]),
    );
    expect(badTeams.statusCode).toBe(400);
    expect(badTeams.json().code).toBe('IMPORT_INVALID');
    // The sheet's own checks come first; positions and names are checked once every row reads well.
    expect(badTeams.json().details.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[2, '类型']]);
    const outside = await upload(
      yonghe,
      'teams',
      await workbook(headers(TEAM_COLUMNS), [
        ['好队', '综合', '镇级', null, null, at.lon, at.lat, '某', '13800138000'],
        ['县外队', '综合', '镇级', null, null, 116.4, 39.9, '某', '13800138000'],
      ]),
    );
    expect(outside.json().details.errors).toEqual([{ row: 3, column: '经度', message: '坐标不在本县已知的行政区划范围内' }]);
    const dupes = await upload(
      yonghe,
      'teams',
      await workbook(headers(TEAM_COLUMNS), [
        ['好队', '综合', '镇级', null, null, at.lon, at.lat, '某', '13800138000'],
        ['好队', '综合', '镇级', null, null, at.lon, at.lat, '某', '13800138000'],
      ]),
    );
    expect(dupes.json().details.errors).toEqual([{ row: 3, column: '队伍名称', message: '队伍名称「好队」已存在' }]);

    const badEquipment = await upload(
      yonghe,
      'equipment',
      await workbook(headers(EQUIPMENT_COLUMNS), [
        ['水泵', null, -2, '台', '队伍', '永和镇导入一队'],
        ['水泵', null, '很多', '台', '队伍', '永和镇导入一队'],
        ['水泵', null, 1, '台', '个人', '永和镇导入一队'],
        ['水泵', null, 1, '台', '队伍', '永和镇导入一队', '完好', '下个月'],
      ]),
    );
    expect(badEquipment.json().details.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, '数量'],
      [3, '数量'],
      [4, '归属类型（队伍/仓库）'],
      [5, '下次维护日期'],
    ]);

    const badMembers = await upload(
      yonghe,
      'members',
      await workbook(headers(MEMBER_COLUMNS), [
        ['永和镇导入一队', '好人'],
        ['没有这支队', '某人'],
        ['永和镇导入一队', '坏证书', null, null, null, null, '只有名称'],
      ]),
    );
    expect(badMembers.json().details.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, '证书（名称,编号,有效期至；多个用；分隔）'],
    ]);
    // The certificate error is found first (the sheet's own check); once fixed, the unknown team is reported.
    const unknownTeam = await upload(
      yonghe,
      'members',
      await workbook(headers(MEMBER_COLUMNS), [
        ['永和镇导入一队', '好人'],
        ['没有这支队', '某人'],
      ]),
    );
    expect(unknownTeam.json().details.errors).toEqual([
      { row: 3, column: '所属队伍（名称或编号）', message: '队伍「没有这支队」不存在或不在您的辖区内' },
    ]);

    for (const res of [badTeams, outside, dupes, badEquipment, badMembers, unknownTeam])
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await auditTotal(county)).toBe(before);
    expect((await yonghe.get(`/api/rescue/teams?q=${encodeURIComponent('好队')}`)).json().total).toBe(0);
    expect((await yonghe.get(`/api/rescue/members?q=${encodeURIComponent('好人')}`)).json().total).toBe(0);

    const reader = await env.login('chakan');
    expect((await upload(reader, 'teams', Buffer.from('x'))).json().code).toBe('FORBIDDEN');
  });
});
