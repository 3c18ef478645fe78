import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { isWithin } from '../../platform/access/scope.ts';
import type { WarehouseDirectory } from './rescue.deps.ts';
import { RescueService } from './rescue.service.ts';
import { auditTotal, pointsOf, putRule, teamInput, YONGHE, YONGLIAN } from './rescue.testing.ts';

/** A stand-in for the supplies domain: one warehouse in 永和镇. */
const WAREHOUSE = 'wh-yonghe-1';
const fakeWarehouses: WarehouseDirectory = {
  exists: async (actor, id) => id === WAREHOUSE && isWithin(YONGHE, actor.areaCode),
  areaOf: async (id) => (id === WAREHOUSE ? YONGHE : null),
};
const YONGHE_OFFICER: Actor = { userId: 'y', username: 'yonghe', roles: ['township_officer'], areaCode: YONGHE };
const JITIAN_OFFICER: Actor = { userId: 'j', username: 'jitian', roles: ['township_officer'], areaCode: '441825104' };

describe.each(DIALECTS)('rescue equipment on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let teamId: string;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    const point = await pointsOf(county);
    teamId = (await yonghe.post('/api/rescue/teams', teamInput('永和镇装备测试队', point(YONGLIAN)))).json().id;
  });
  afterAll(() => env.close());

  it('registers a team’s equipment, summarises it on the team and lists maintenance due under the rule', async () => {
    const add = (body: Record<string, unknown>) =>
      yonghe.post('/api/rescue/equipment', { ownerType: 'team', ownerId: teamId, ...body });
    const pump = await add({ kind: '水泵', quantity: 4, maintenanceDue: '2026-06-20' });
    expect(pump.statusCode).toBe(201);
    expect(pump.json()).toMatchObject({ unit: '台', state: 'good', ownerName: '永和镇装备测试队', areaCode: YONGLIAN });
    const drone = (await add({ kind: '无人机', quantity: 2, unit: '架', maintenanceDue: '2026-07-20' })).json();
    await add({ kind: '水泵', quantity: 1, state: 'repair', maintenanceDue: '2026-09-30' });
    await add({ kind: '应急指挥车', quantity: 1, state: 'scrapped', maintenanceDue: '2026-06-01' });

    const detail = (await yonghe.get(`/api/rescue/teams/${teamId}`)).json();
    expect(detail.equipmentCount).toBe(7);
    expect(detail.equipmentSummary).toEqual(
      expect.arrayContaining([
        { kind: '水泵', unit: '台', quantity: 5, good: 4 },
        { kind: '无人机', unit: '架', quantity: 2, good: 2 },
      ]),
    );
    expect(detail.equipment).toHaveLength(4);

    type DueItem = { ownerId: string; kind: string; daysLeft: number };
    const mine = (report: { items: DueItem[] }) => report.items.filter((i) => i.ownerId === teamId);
    const due = (await yonghe.get('/api/rescue/equipment/maintenance-due')).json();
    expect(due).toMatchObject({ today: '2026-07-01', days: 30 });
    // Scrapped equipment is never due; the pump is overdue, the drone due in 19 days, the repair pump beyond 30.
    expect(mine(due).map((i) => [i.kind, i.daysLeft])).toEqual([
      ['水泵', -11],
      ['无人机', 19],
    ]);
    expect(mine((await yonghe.get('/api/rescue/equipment/maintenance-due?days=0')).json())).toHaveLength(1);

    const admin = await env.login('admin');
    expect((await putRule(admin, 'rescue.equipment.maintenanceDueDays', 120)).statusCode).toBe(200);
    expect(mine((await yonghe.get('/api/rescue/equipment/maintenance-due')).json())).toHaveLength(3);
    await putRule(admin, 'rescue.equipment.maintenanceDueDays', 30);

    const serviced = await yonghe.patch(`/api/rescue/equipment/${drone.id}`, {
      lastMaintained: '2026-07-01',
      maintenanceDue: '2027-01-01',
    });
    expect(serviced.json()).toMatchObject({ lastMaintained: '2026-07-01', maintenanceDue: '2027-01-01' });
    const audit = (await county.get(`/api/audit?entity=rescue_equipment&entityId=${drone.id}`)).json();
    expect(audit.items[0]).toMatchObject({
      action: 'rescue.equipment.update',
      before: { maintenanceDue: '2026-07-20' },
      after: { maintenanceDue: '2027-01-01' },
    });

    // A team holding equipment is not deleted until the equipment is handed over.
    const refused = await yonghe.request({ method: 'DELETE', url: `/api/rescue/teams/${teamId}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('RESCUE_TEAM_HAS_EQUIPMENT');
    expect((await yonghe.get(`/api/rescue/equipment?ownerId=${teamId}&kind=${encodeURIComponent('水泵')}`)).json().total).toBe(2);
  });

  it('follows its team when the team moves', async () => {
    const point = await pointsOf(county);
    const team = (await yonghe.post('/api/rescue/teams', teamInput('永和镇搬迁测试队', point(YONGLIAN)))).json();
    const item = (
      await yonghe.post('/api/rescue/equipment', { kind: '发电机', quantity: 1, ownerType: 'team', ownerId: team.id })
    ).json();
    await yonghe.patch(`/api/rescue/teams/${team.id}`, point('441825100214'));
    expect((await yonghe.get(`/api/rescue/equipment/${item.id}`)).json().areaCode).toBe('441825100214');
  });

  it('validates warehouse owners through the injected directory', async () => {
    const { db, audit, events, clock, rules, areas } = env.platform;
    const rescue = new RescueService({ db, audit, events, clock, rules, areas, warehouses: fakeWarehouses });
    const create = (actor: Actor, ownerId: string) =>
      rescue.equipment.create(actor, {
        kind: '冲锋舟',
        model: null,
        quantity: 3,
        unit: '艘',
        ownerType: 'warehouse',
        ownerId,
        state: 'good',
        maintenanceDue: null,
        lastMaintained: null,
        remarks: null,
      });
    const stored = await create(YONGHE_OFFICER, WAREHOUSE);
    expect(stored).toMatchObject({ ownerType: 'warehouse', ownerId: WAREHOUSE, ownerName: null, areaCode: YONGHE });
    await expect(create(YONGHE_OFFICER, 'wh-unknown')).rejects.toMatchObject({ code: 'RESCUE_OWNER_NOT_FOUND' });
    await expect(create(JITIAN_OFFICER, WAREHOUSE)).rejects.toMatchObject({ code: 'RESCUE_OWNER_NOT_FOUND' });
    await expect(rescue.equipment.get(JITIAN_OFFICER, stored.id)).rejects.toMatchObject({ code: 'RESCUE_EQUIPMENT_NOT_FOUND' });
    // Through the platform, the directory is the supplies domain: a demo warehouse of 永和镇 holds equipment; an
    // unknown id, or a warehouse outside the actor's scope, does not.
    const warehouse = (await yonghe.get('/api/supplies/warehouses?limit=1')).json().items[0] as { id: string };
    const body = { kind: '冲锋舟', quantity: 1, ownerType: 'warehouse', ownerId: warehouse.id };
    const held = await yonghe.post('/api/rescue/equipment', body);
    expect(held.statusCode, held.body).toBe(201);
    expect(held.json()).toMatchObject({ ownerType: 'warehouse', ownerId: warehouse.id, areaCode: YONGHE });
    const jitian = await env.login('jitian');
    expect((await jitian.post('/api/rescue/equipment', body)).json().code).toBe('RESCUE_OWNER_NOT_FOUND');
    expect((await yonghe.post('/api/rescue/equipment', { ...body, ownerId: WAREHOUSE })).json().code).toBe(
      'RESCUE_OWNER_NOT_FOUND',
    );
  });

  it('refuses bad input with a stable code and a Chinese message, writing nothing', async () => {
    const before = await auditTotal(county);
    const base = { kind: '水泵', quantity: 1, ownerType: 'team', ownerId: teamId };
    const cases = [
      { res: await yonghe.post('/api/rescue/equipment', { ...base, quantity: -3 }), code: 'VALIDATION_FAILED' },
      { res: await yonghe.post('/api/rescue/equipment', { ...base, quantity: 0 }), code: 'VALIDATION_FAILED' },
      { res: await yonghe.post('/api/rescue/equipment', { ...base, quantity: 1.5 }), code: 'VALIDATION_FAILED' },
      { res: await yonghe.post('/api/rescue/equipment', { ...base, quantity: '很多' }), code: 'VALIDATION_FAILED' },
      { res: await yonghe.post('/api/rescue/equipment', { ...base, state: 'lost' }), code: 'VALIDATION_FAILED' },
      { res: await yonghe.post('/api/rescue/equipment', { ...base, ownerType: 'person' }), code: 'VALIDATION_FAILED' },
      { res: await yonghe.post('/api/rescue/equipment', { ...base, maintenanceDue: '明年' }), code: 'VALIDATION_FAILED' },
      {
        res: await yonghe.post('/api/rescue/equipment', { ...base, ownerId: '00000000-0000-4000-8000-000000000000' }),
        code: 'RESCUE_OWNER_NOT_FOUND',
      },
      {
        res: await yonghe.patch(`/api/rescue/equipment/00000000-0000-4000-8000-000000000000`, { quantity: 2 }),
        code: 'RESCUE_EQUIPMENT_NOT_FOUND',
      },
      { res: await yonghe.get('/api/rescue/equipment?state=lost'), code: 'VALIDATION_FAILED' },
    ];
    for (const { res, code } of cases) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await auditTotal(county)).toBe(before);
  });
});
