import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { auditTotal, pointsOf, putRule, teamInput, YONGLIAN } from './rescue.testing.ts';

describe.each(DIALECTS)('rescue teams on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let point: Awaited<ReturnType<typeof pointsOf>>;
  const events: BusEvent[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    point = await pointsOf(county);
    env.platform.events.subscribe((e) => events.push(e));
  });
  afterAll(() => env.close());

  it('creates, reads, lists, updates and deletes a team, located in its village, audited and announced', async () => {
    const created = await yonghe.post(
      '/api/rescue/teams',
      teamInput('永联村测试救援队', point(YONGLIAN), { level: 'village', dutyPhone: '0763-6612345' }),
    );
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({
      areaCode: YONGLIAN,
      type: 'comprehensive',
      level: 'village',
      dutyState: 'standby',
      memberCount: 0,
      demo: false,
    });

    const detail = (await yonghe.get(`/api/rescue/teams/${team.id}`)).json();
    expect(detail).toMatchObject({ id: team.id, members: [], equipment: [], equipmentSummary: [] });

    const listed = (
      await yonghe.get(`/api/rescue/teams?level=village&dutyState=standby&q=${encodeURIComponent('测试救援')}`)
    ).json();
    expect(listed.items.map((t: { id: string }) => t.id)).toContain(team.id);
    expect((await yonghe.get('/api/rescue/teams?dutyState=deployed&q=测试救援')).json().items).toEqual([]);
    expect((await yonghe.get('/api/rescue/teams?type=volunteer&q=测试救援')).json().items).toEqual([]);

    const updated = await yonghe.patch(`/api/rescue/teams/${team.id}`, { dutyState: 'deployed', leaderName: '莫队长' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ dutyState: 'deployed', leaderName: '莫队长', areaCode: YONGLIAN });
    expect((await yonghe.get('/api/rescue/teams?dutyState=deployed&q=测试救援')).json().total).toBe(1);

    const audit = (await county.get(`/api/audit?entity=rescue_team&entityId=${team.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['rescue.team.update', 'rescue.team.create']);
    expect(audit.items[0]).toMatchObject({
      actorName: 'yonghe',
      before: { dutyState: 'standby' },
      after: { dutyState: 'deployed' },
    });

    expect((await yonghe.request({ method: 'DELETE', url: `/api/rescue/teams/${team.id}` })).json()).toEqual({ ok: true });
    expect((await yonghe.get(`/api/rescue/teams/${team.id}`)).json().code).toBe('RESCUE_TEAM_NOT_FOUND');
    expect(
      events
        .filter((e) => e.type === 'rescue.changed' && (e.data as { id: string }).id === team.id)
        .map((e) => (e.data as { action: string }).action),
    ).toEqual(['created', 'updated', 'deleted']);
  });

  it('moves a team to another village when its base moves, and refuses a duplicate name', async () => {
    const team = (await yonghe.post('/api/rescue/teams', teamInput('永和镇机动分队', point(YONGLIAN)))).json();
    const other = '441825100202'; // 白羊村
    const moved = await yonghe.patch(`/api/rescue/teams/${team.id}`, point(other));
    expect(moved.json().areaCode).toBe(other);
    const dup = await yonghe.post('/api/rescue/teams', teamInput('永和镇机动分队', point(YONGLIAN)));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('RESCUE_TEAM_NAME_TAKEN');
    const lonOnly = await yonghe.patch(`/api/rescue/teams/${team.id}`, { lon: 112.1 });
    expect(lonOnly.json().code).toBe('VALIDATION_FAILED');
  });

  it('keeps members with skills and certificates, and lists expired and expiring certificates by the clock', async () => {
    const team = (await yonghe.post('/api/rescue/teams', teamInput('永和镇持证测试队', point('441825100206')))).json();
    const member = await yonghe.post(`/api/rescue/teams/${team.id}/members`, {
      name: '覃一',
      gender: '男',
      phone: '13800000001',
      position: '队长',
      skills: ['水域救援', '绳索救援'],
      certificates: [
        { name: '应急救援员（四级）', number: 'A-001', expiresOn: '2026-06-30' },
        { name: '潜水员证', number: 'D-009', expiresOn: '2026-08-15' },
        { name: '红十字救护员', number: 'R-1', expiresOn: null },
      ],
    });
    expect(member.statusCode).toBe(201);
    const certs = member.json().certificates;
    // The clock says 2026-07-01 in Shanghai: the first has expired, the second is valid.
    expect(certs.find((c: { number: string }) => c.number === 'A-001').expired).toBe(true);
    expect(certs.find((c: { number: string }) => c.number === 'D-009').expired).toBe(false);
    expect(certs.find((c: { number: string }) => c.number === 'R-1')).toMatchObject({ expiresOn: null, expired: false });

    const due = (await yonghe.get('/api/rescue/certificates/due')).json();
    expect(due).toMatchObject({ today: '2026-07-01', days: 60 });
    const mine = due.items.filter((i: { teamId: string }) => i.teamId === team.id);
    expect(mine.map((i: { number: string; daysLeft: number; expired: boolean }) => [i.number, i.daysLeft, i.expired])).toEqual([
      ['A-001', -1, true],
      ['D-009', 45, false],
    ]);
    const expiredOnly = (await yonghe.get('/api/rescue/certificates/due?days=0'))
      .json()
      .items.filter((i: { teamId: string }) => i.teamId === team.id);
    expect(expiredOnly.map((i: { number: string }) => i.number)).toEqual(['A-001']);

    // Six weeks later the diving certificate has expired too (a fresh log-in: the old session would have lapsed).
    env.clock.advance(46 * 86_400_000);
    try {
      const later = await (await env.login('yonghe')).get(`/api/rescue/members/${member.json().id}`);
      const expired = later.json().certificates.filter((c: { expired: boolean }) => c.expired);
      expect(expired.map((c: { number: string }) => c.number).sort()).toEqual(['A-001', 'D-009']);
    } finally {
      env.clock.advance(-46 * 86_400_000);
    }

    const renewed = await yonghe.patch(`/api/rescue/members/${member.json().id}`, {
      certificates: [{ name: '应急救援员（四级）', number: 'A-002', expiresOn: '2029-06-30' }],
      skills: ['水域救援'],
    });
    expect(renewed.json()).toMatchObject({ skills: ['水域救援'], certificates: [{ number: 'A-002', expired: false }] });
    const detail = (await yonghe.get(`/api/rescue/teams/${team.id}`)).json();
    expect(detail.memberCount).toBe(1);
    expect(detail.members[0]).toMatchObject({ name: '覃一', teamName: '永和镇持证测试队' });
    const audit = (await county.get(`/api/audit?entity=rescue_member&entityId=${member.json().id}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'rescue.member.update', after: { certificates: [{ number: 'A-002' }] } });

    expect((await yonghe.get(`/api/rescue/members?teamId=${team.id}`)).json().total).toBe(1);
    expect((await yonghe.request({ method: 'DELETE', url: `/api/rescue/members/${member.json().id}` })).statusCode).toBe(200);
    expect((await yonghe.get(`/api/rescue/members?teamId=${team.id}`)).json().total).toBe(0);
  });

  it('reports teams below the R-08 standard, and follows the rule when an administrator changes it', async () => {
    const small = (await yonghe.post('/api/rescue/teams', teamInput('永和镇达标测试队', point('441825100204')))).json();
    const village = (
      await yonghe.post('/api/rescue/teams', teamInput('白羊村达标测试队', point('441825100202'), { level: 'village' }))
    ).json();
    const volunteers = (
      await yonghe.post('/api/rescue/teams', teamInput('永和镇志愿者测试队', point(YONGLIAN), { type: 'volunteer' }))
    ).json();
    for (let i = 0; i < 3; i += 1) await yonghe.post(`/api/rescue/teams/${small.id}/members`, { name: `队员${i}` });
    for (let i = 0; i < 10; i += 1) await yonghe.post(`/api/rescue/teams/${village.id}/members`, { name: `村队员${i}` });

    const report = (await yonghe.get('/api/rescue/teams/standards')).json();
    expect(report.minimumByLevel).toEqual({ county: 30, township: 20, village: 10, enterprise: null });
    const row = report.items.find((i: { teamId: string }) => i.teamId === small.id);
    expect(row).toMatchObject({ level: 'township', members: 3, required: 20, shortfall: 17 });
    // 10 members meet the village minimum; 志愿者 teams are not checked by default.
    expect(report.items.some((i: { teamId: string }) => i.teamId === village.id || i.teamId === volunteers.id)).toBe(false);

    const admin = await env.login('admin');
    expect((await putRule(county, 'rescue.teams.minimumMembers', {})).json().code).toBe('FORBIDDEN');
    const set = await putRule(admin, 'rescue.teams.minimumMembers', {
      minimumByLevel: { county: 30, township: 3, village: 12, enterprise: null },
      appliesToTypes: ['comprehensive', 'volunteer'],
    });
    expect(set.statusCode).toBe(200);
    try {
      const after = (await yonghe.get('/api/rescue/teams/standards')).json();
      const ids = after.items.map((i: { teamId: string }) => i.teamId);
      expect(ids).not.toContain(small.id);
      expect(after.items.find((i: { teamId: string }) => i.teamId === village.id)).toMatchObject({ required: 12, shortfall: 2 });
      expect(after.items.find((i: { teamId: string }) => i.teamId === volunteers.id)).toMatchObject({
        members: 0,
        required: 3,
        shortfall: 3,
      });
      const audit = (await admin.get('/api/audit?entity=rule&entityId=rescue.teams.minimumMembers')).json();
      expect(audit.items[0]).toMatchObject({
        action: 'rule.set',
        actorName: 'admin',
        after: { minimumByLevel: { township: 3 } },
      });

      const xlsx = await yonghe.get('/api/rescue/teams/standards.xlsx');
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    } finally {
      await putRule(admin, 'rescue.teams.minimumMembers', {
        minimumByLevel: { county: 30, township: 20, village: 10, enterprise: null },
        appliesToTypes: ['comprehensive'],
      });
    }
  });

  it('refuses bad input with a stable code and a Chinese message, writing nothing', async () => {
    const before = await auditTotal(county);
    const team = (await county.get('/api/rescue/teams?limit=1')).json().items[0] as { id: string } | undefined;
    const cases = [
      {
        res: await yonghe.post('/api/rescue/teams', teamInput('未知类型队', point(YONGLIAN), { type: 'army' })),
        code: 'VALIDATION_FAILED',
      },
      {
        res: await yonghe.post('/api/rescue/teams', teamInput('未知层级队', point(YONGLIAN), { level: 'province' })),
        code: 'VALIDATION_FAILED',
      },
      { res: await yonghe.post('/api/rescue/teams', teamInput('北京队', { lon: 116.4, lat: 39.9 })), code: 'LOCATION_OUTSIDE' },
      { res: await county.post('/api/rescue/teams', teamInput('海上队', { lon: 200, lat: 24.5 })), code: 'VALIDATION_FAILED' },
      {
        res: await yonghe.post('/api/rescue/teams', teamInput('坏电话队', point(YONGLIAN), { leaderPhone: '123' })),
        code: 'VALIDATION_FAILED',
      },
      {
        res: await yonghe.post('/api/rescue/teams', teamInput('多字段队', point(YONGLIAN), { colour: 'red' })),
        code: 'VALIDATION_FAILED',
      },
      { res: await yonghe.post('/api/rescue/teams', teamInput('', point(YONGLIAN))), code: 'VALIDATION_FAILED' },
      { res: await yonghe.get('/api/rescue/teams?dutyState=sleeping'), code: 'VALIDATION_FAILED' },
      { res: await yonghe.get('/api/rescue/teams/not-a-uuid'), code: 'VALIDATION_FAILED' },
      { res: await yonghe.get('/api/rescue/teams/00000000-0000-4000-8000-000000000000'), code: 'RESCUE_TEAM_NOT_FOUND' },
      {
        res: await yonghe.post('/api/rescue/teams/00000000-0000-4000-8000-000000000000/members', { name: '无队可归' }),
        code: 'RESCUE_TEAM_NOT_FOUND',
      },
      ...(team
        ? [
            {
              res: await county.post(`/api/rescue/teams/${team.id}/members`, {
                name: '坏证书',
                certificates: [{ name: '证', number: '1', expiresOn: '2026-13-45' }],
              }),
              code: 'VALIDATION_FAILED',
            },
          ]
        : []),
    ];
    for (const { res, code } of cases) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await auditTotal(county)).toBe(before);
  });

  it('lets a township officer see but not change the county’s own teams based in the township', async () => {
    const countyTeam = (await yonghe.get(`/api/rescue/teams?level=county&type=comprehensive`)).json().items[0];
    expect(countyTeam).toMatchObject({ name: '连山县机动综合应急救援队伍', level: 'county' });
    expect(countyTeam.areaCode.startsWith('441825100')).toBe(true);
    const before = await auditTotal(county);
    const member = (await yonghe.get(`/api/rescue/members?teamId=${countyTeam.id}&limit=1`)).json().items[0];
    const equipment = (await yonghe.get(`/api/rescue/equipment?ownerId=${countyTeam.id}&limit=1`)).json().items[0];
    const refused = [
      await yonghe.patch(`/api/rescue/teams/${countyTeam.id}`, { dutyState: 'resting' }),
      await yonghe.request({ method: 'DELETE', url: `/api/rescue/teams/${countyTeam.id}` }),
      await yonghe.post(`/api/rescue/teams/${countyTeam.id}/members`, { name: '乡镇加人' }),
      await yonghe.patch(`/api/rescue/members/${member.id}`, { position: '队长' }),
      await yonghe.request({ method: 'DELETE', url: `/api/rescue/members/${member.id}` }),
      await yonghe.post('/api/rescue/equipment', { kind: '水泵', quantity: 1, ownerType: 'team', ownerId: countyTeam.id }),
      await yonghe.patch(`/api/rescue/equipment/${equipment.id}`, { state: 'scrapped' }),
      await yonghe.post('/api/rescue/teams', teamInput('永和镇自封县级队', point(YONGLIAN), { level: 'county' })),
    ];
    for (const res of refused) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('RESCUE_COUNTY_TEAM');
    }
    expect(await auditTotal(county)).toBe(before);
    expect((await county.patch(`/api/rescue/teams/${countyTeam.id}`, { dutyState: 'on_duty' })).statusCode).toBe(200);
  });

  it('lets read-only and village users read but not write', async () => {
    const reader = await env.login('chakan');
    expect((await reader.get('/api/rescue/teams')).statusCode).toBe(200);
    const res = await reader.post('/api/rescue/teams', teamInput('只读队', point(YONGLIAN)));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const villager = await env.login('xinxiyuan');
    expect(
      (await villager.get('/api/rescue/teams')).json().items.every((t: { areaCode: string }) => t.areaCode.startsWith(YONGLIAN)),
    ).toBe(true);
  });

  it('exposes teams to the spatial search with their props', async () => {
    const team = (
      await yonghe.post('/api/rescue/teams', teamInput('永和镇索引测试队', point(YONGLIAN), { dutyState: 'on_duty' }))
    ).json();
    await yonghe.post(`/api/rescue/teams/${team.id}/members`, { name: '索引队员' });
    const located = await env.platform.rescue.allLocated();
    expect(located.find((i) => i.id === team.id)).toMatchObject({
      kind: 'team',
      name: '永和镇索引测试队',
      areaCode: YONGLIAN,
      props: { type: 'comprehensive', level: 'township', members: 1, dutyState: 'on_duty' },
    });
  });
});
