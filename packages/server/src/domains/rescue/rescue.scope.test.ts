import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import {
  auditTotal,
  expertInput,
  JITIAN,
  pointsOf,
  SHIXI,
  sheetText,
  teamInput,
  workbook,
  XLSX_HEADERS,
  YONGLIAN,
} from './rescue.testing.ts';

/** 永和镇's officer can neither read nor change 吉田镇's rescue entries through any route of this domain. */
describe.each(DIALECTS)('rescue scope on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let jitian: ApiClient;
  let point: Awaited<ReturnType<typeof pointsOf>>;
  const J = { team: '', member: '', expert: '', equipment: '' };
  const TEAM_NAME = '石溪村越权测试队';
  const EXPERT_NAME = '吉田越权测试专家';

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    jitian = await env.login('jitian');
    point = await pointsOf(county);
    J.team = (await jitian.post('/api/rescue/teams', teamInput(TEAM_NAME, point(SHIXI), { level: 'village' }))).json().id;
    J.member = (
      await jitian.post(`/api/rescue/teams/${J.team}/members`, {
        name: '吉田队员',
        certificates: [{ name: '应急救援员', number: 'J-1', expiresOn: '2026-07-10' }],
      })
    ).json().id;
    J.expert = (await jitian.post('/api/rescue/experts', expertInput(EXPERT_NAME, point(SHIXI)))).json().id;
    J.equipment = (
      await jitian.post('/api/rescue/equipment', {
        kind: '越权测试水泵',
        quantity: 2,
        ownerType: 'team',
        ownerId: J.team,
        maintenanceDue: '2026-07-05',
      })
    ).json().id;
    expect(Object.values(J).every(Boolean)).toBe(true);
  });
  afterAll(() => env.close());

  const isDenied = (res: { statusCode: number; json(): { code: string } }) => {
    expect([400, 403, 404]).toContain(res.statusCode);
    expect([
      'OUT_OF_SCOPE',
      'RESCUE_TEAM_NOT_FOUND',
      'RESCUE_MEMBER_NOT_FOUND',
      'RESCUE_EXPERT_NOT_FOUND',
      'RESCUE_EQUIPMENT_NOT_FOUND',
      'RESCUE_OWNER_NOT_FOUND',
      'IMPORT_INVALID',
    ]).toContain(res.json().code);
  };

  it('refuses every read and write of another township’s entries by id', async () => {
    const before = await auditTotal(county);
    const own = (
      await yonghe.post('/api/rescue/teams', teamInput('永联村越权测试本队', point(YONGLIAN), { level: 'village' }))
    ).json();
    const ownEquipment = (
      await yonghe.post('/api/rescue/equipment', { kind: '本队水泵', quantity: 1, ownerType: 'team', ownerId: own.id })
    ).json();
    const denied = [
      await yonghe.get(`/api/rescue/teams/${J.team}`),
      await yonghe.patch(`/api/rescue/teams/${J.team}`, { dutyState: 'deployed' }),
      await yonghe.request({ method: 'DELETE', url: `/api/rescue/teams/${J.team}` }),
      await yonghe.post(`/api/rescue/teams/${J.team}/members`, { name: '混入者' }),
      await yonghe.get(`/api/rescue/members/${J.member}`),
      await yonghe.patch(`/api/rescue/members/${J.member}`, { name: '改名' }),
      await yonghe.request({ method: 'DELETE', url: `/api/rescue/members/${J.member}` }),
      await yonghe.get(`/api/rescue/experts/${J.expert}`),
      await yonghe.patch(`/api/rescue/experts/${J.expert}`, { available: false }),
      await yonghe.request({ method: 'DELETE', url: `/api/rescue/experts/${J.expert}` }),
      await yonghe.get(`/api/rescue/equipment/${J.equipment}`),
      await yonghe.patch(`/api/rescue/equipment/${J.equipment}`, { state: 'scrapped' }),
      await yonghe.request({ method: 'DELETE', url: `/api/rescue/equipment/${J.equipment}` }),
      // Creating or moving into 吉田镇, or handing equipment to its team.
      await yonghe.post('/api/rescue/teams', teamInput('越界新建队', point(SHIXI))),
      await yonghe.patch(`/api/rescue/teams/${own.id}`, point(SHIXI)),
      await yonghe.post('/api/rescue/experts', expertInput('越界专家', point(SHIXI))),
      await yonghe.patch(`/api/rescue/experts/${J.expert}`, point(YONGLIAN)),
      await yonghe.post('/api/rescue/equipment', { kind: '越界装备', quantity: 1, ownerType: 'team', ownerId: J.team }),
      await yonghe.patch(`/api/rescue/equipment/${ownEquipment.id}`, { ownerType: 'team', ownerId: J.team }),
    ];
    denied.forEach(isDenied);
    // Only the two own entries made above were written.
    expect(await auditTotal(county)).toBe(before + 2);
  });

  it('leaves another township’s entries out of every list, report and export', async () => {
    const lists = [
      await yonghe.get('/api/rescue/teams?limit=500'),
      await yonghe.get(`/api/rescue/teams?areaCode=${JITIAN}`),
      await yonghe.get(`/api/rescue/members?teamId=${J.team}`),
      await yonghe.get('/api/rescue/members?limit=500'),
      await yonghe.get('/api/rescue/experts?limit=500'),
      await yonghe.get(`/api/rescue/experts?areaCode=${JITIAN}&field=${encodeURIComponent('防汛抗旱')}`),
      await yonghe.get('/api/rescue/equipment?limit=500'),
      await yonghe.get(`/api/rescue/equipment?ownerId=${J.team}`),
    ];
    for (const res of lists) {
      expect(res.statusCode).toBe(200);
      expect(res.json().items.every((i: { areaCode: string }) => !i.areaCode.startsWith(JITIAN))).toBe(true);
    }
    expect((await yonghe.get(`/api/rescue/teams?areaCode=${JITIAN}`)).json().total).toBe(0);
    const reports = [
      (await yonghe.get('/api/rescue/teams/standards')).json(),
      (await yonghe.get('/api/rescue/certificates/due')).json(),
      (await yonghe.get('/api/rescue/equipment/maintenance-due')).json(),
    ];
    for (const report of reports)
      expect(report.items.every((i: { areaCode: string }) => !i.areaCode.startsWith(JITIAN))).toBe(true);
    // 吉田镇's own officer sees them.
    expect((await jitian.get('/api/rescue/certificates/due')).json().items.map((i: { number: string }) => i.number)).toContain(
      'J-1',
    );
    expect((await jitian.get('/api/rescue/equipment/maintenance-due')).json().items.map((i: { id: string }) => i.id)).toContain(
      J.equipment,
    );

    for (const register of ['teams', 'members', 'experts', 'equipment']) {
      const res = await yonghe.get(`/api/rescue/${register}/export.xlsx`);
      expect(res.statusCode).toBe(200);
      const text = (await sheetText(res.rawPayload)).flat().join('|');
      for (const foreign of [TEAM_NAME, EXPERT_NAME, '越权测试水泵', '吉田队员', J.team]) expect(text).not.toContain(foreign);
    }
    const mine = (await sheetText((await jitian.get('/api/rescue/teams/export.xlsx')).rawPayload)).flat().join('|');
    expect(mine).toContain(TEAM_NAME);
  });

  it('rejects imports that reach into another township, writing nothing', async () => {
    const before = await auditTotal(county);
    const members = await workbook(
      ['所属队伍（名称或编号）', '姓名', '性别', '手机', '职务', '技能（用、分隔）', '证书（名称,编号,有效期至；多个用；分隔）'],
      [[TEAM_NAME, '混入者']],
    );
    const teams = await workbook(
      ['队伍名称', '类型', '层级', '专业方向', '驻地', '经度', '纬度', '负责人', '负责人电话', '值班电话', '值守状态', '备注'],
      [['越界导入队', '综合', '村级', null, null, point(SHIXI).lon, point(SHIXI).lat, '某人', '13800138000']],
    );
    const equipment = await workbook(
      [
        '装备种类',
        '型号',
        '数量',
        '单位',
        '归属类型（队伍/仓库）',
        '归属（队伍名称或编号、仓库编号）',
        '状态',
        '下次维护日期',
        '上次维护日期',
        '备注',
      ],
      [['越界装备', null, 1, '台', '队伍', TEAM_NAME]],
    );
    for (const [register, body] of [
      ['members', members],
      ['teams', teams],
      ['equipment', equipment],
    ] as const) {
      const res = await yonghe.request({ method: 'POST', url: `/api/rescue/${register}/import`, body, headers: XLSX_HEADERS });
      isDenied(res);
      expect(res.json().code).toBe('IMPORT_INVALID');
      const [error] = res.json().details.errors;
      expect(error.row).toBe(2);
      expect(error.message).toMatch(/不在您的辖区内|超出您的管辖区域/);
    }
    expect(await auditTotal(county)).toBe(before);
    const team = (await county.get(`/api/rescue/teams/${J.team}`)).json();
    expect(team).toMatchObject({ name: TEAM_NAME, dutyState: 'standby', memberCount: 1, equipmentCount: 2 });
  });
});
