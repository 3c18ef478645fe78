import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { COUNTY, JITIAN, YONGHE, makeWarehouse, pointIn, receive } from './supplies.test-support.ts';

describe.each(DIALECTS)('supplies catalogue and warehouses on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let jitian: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    jitian = await env.login('jitian');
  });
  afterAll(() => env.close());

  it('ships a catalogue taken from the seed plans, each kind citing its seed', async () => {
    const kinds = (await yonghe.get('/api/supplies/kinds?limit=500')).json();
    const names = kinds.items.map((k: { name: string }) => k.name);
    for (const name of [
      '救灾帐篷',
      '折叠床',
      '棉被',
      '救生衣',
      '冲锋舟',
      '汽柴油发电机',
      '应急照明灯',
      '方便食品',
      '瓶装饮用水',
      '风力灭火机',
    ]) {
      expect(names).toContain(name);
    }
    expect(kinds.items.every((k: { source: string }) => /^00[0-4]_[0-9a-f]{16}「/.test(k.source))).toBe(true);
    const tent = (await yonghe.get('/api/supplies/kinds/relief-tent')).json();
    expect(tent).toMatchObject({
      unit: '顶',
      category: '生活类物资',
      reserveStandard: { county: 200, township: 20, village: 2 },
    });
    expect(
      (await yonghe.get(`/api/supplies/kinds?category=${encodeURIComponent('防汛抗洪物资')}`)).json().items.length,
    ).toBeGreaterThan(4);
  });

  it('lets the county edit the catalogue and its 储备标准, audited; not a township', async () => {
    const created = await county.post('/api/supplies/kinds', {
      name: '应急手电筒',
      category: '应急照明与动力',
      unit: '支',
      shelfLifeDays: 1095,
      reserveStandard: { county: 100, township: 20, village: null },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().source).toBe('zhiban 添加');
    const updated = await county.patch(`/api/supplies/kinds/${created.json().id}`, {
      reserveStandard: { county: 150, township: 30, village: 5 },
    });
    expect(updated.json().reserveStandard).toEqual({ county: 150, township: 30, village: 5 });
    const audit = (await county.get(`/api/audit?entity=supply_kind&entityId=${created.json().id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['supply_kind.update', 'supply_kind.create']);
    expect((await yonghe.patch('/api/supplies/kinds/quilt', { unit: '条' })).json().code).toBe('FORBIDDEN');
    expect((await county.post('/api/supplies/kinds', { name: '棉被', category: '生活类物资', unit: '床' })).json().code).toBe(
      'SUPPLY_KIND_EXISTS',
    );
    expect((await county.patch('/api/supplies/kinds/nope', { unit: '条' })).json().code).toBe('SUPPLY_KIND_NOT_FOUND');
    expect((await county.post('/api/supplies/kinds', { name: '', category: '生活类物资', unit: '床' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('places warehouses of the three tiers and manages each from the area its tier points to', async () => {
    const events: BusEvent[] = [];
    const unsubscribe = env.platform.events.subscribe((e) => events.push(e));
    const point = await pointIn(county, JITIAN);
    const countyDepot = await county.post('/api/supplies/warehouses', {
      name: '连山县应急物资储备库（测试）',
      level: 'county',
      ...point,
      address: '吉田镇',
      keeper: '覃保管',
      phone: '0763-6612345',
      capacityM3: 3000,
    });
    expect(countyDepot.statusCode).toBe(201);
    expect(countyDepot.json()).toMatchObject({ level: 'county', areaCode: COUNTY, areaName: '连山壮族瑶族自治县' });
    expect(countyDepot.json().locationAreaCode.startsWith(JITIAN)).toBe(true);
    const village = await jitian.post('/api/supplies/warehouses', {
      name: '吉田村储存室（测试）',
      level: 'village',
      ...point,
      keeper: '莫村',
      phone: '13800138001',
    });
    expect(village.json().areaCode).toBe(village.json().locationAreaCode);
    expect(village.json().areaCode).toHaveLength(12);
    unsubscribe();
    expect(events.filter((e) => e.type === 'supplies.changed').map((e) => e.areaCode)).toEqual([COUNTY, village.json().areaCode]);
    // The county's reserve stands in 吉田镇 but is not 吉田镇's: the township sees only its own.
    const seen = (await jitian.get('/api/supplies/warehouses?limit=500')).json().items.map((w: { id: string }) => w.id);
    expect(seen).toContain(village.json().id);
    expect(seen).not.toContain(countyDepot.json().id);
    expect((await jitian.get(`/api/supplies/warehouses/${countyDepot.json().id}`)).json().code).toBe('WAREHOUSE_NOT_FOUND');
    // A township cannot create a county warehouse, even on its own ground.
    const refused = await jitian.post('/api/supplies/warehouses', {
      name: '越级仓库',
      level: 'county',
      ...point,
      keeper: '黄',
      phone: '13800138002',
    });
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
  });

  it('refuses bad warehouse input with a stable code, writing nothing', async () => {
    const before = (await county.get('/api/supplies/warehouses?limit=1')).json().total;
    const point = await pointIn(county, YONGHE);
    const base = { name: '坏数据仓库', level: 'township', ...point, keeper: '覃', phone: '13800138000' };
    const cases = [
      { res: await county.post('/api/supplies/warehouses', { ...base, lon: 116.4, lat: 39.9 }), code: 'LOCATION_OUTSIDE' },
      { res: await county.post('/api/supplies/warehouses', { ...base, level: 'province' }), code: 'VALIDATION_FAILED' },
      { res: await county.post('/api/supplies/warehouses', { ...base, phone: '12345' }), code: 'VALIDATION_FAILED' },
      { res: await county.post('/api/supplies/warehouses', { ...base, lon: '东经' }), code: 'VALIDATION_FAILED' },
      { res: await county.post('/api/supplies/warehouses', { ...base, capacityM3: -1 }), code: 'VALIDATION_FAILED' },
      {
        res: await yonghe.post('/api/supplies/warehouses', { ...base, ...(await pointIn(county, JITIAN)) }),
        code: 'OUT_OF_SCOPE',
      },
    ];
    for (const { res, code } of cases) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await county.get('/api/supplies/warehouses?limit=1')).json().total).toBe(before);
    await makeWarehouse(county, YONGHE, 'township', '重名仓库');
    expect((await county.post('/api/supplies/warehouses', { ...base, name: '重名仓库' })).json().code).toBe('WAREHOUSE_EXISTS');
  });

  it('never lets 永和镇 read or change 吉田镇 warehouses through any route', async () => {
    const theirs = await makeWarehouse(jitian, JITIAN, 'township');
    const attempts = [
      yonghe.get(`/api/supplies/warehouses/${theirs}`),
      yonghe.patch(`/api/supplies/warehouses/${theirs}`, { keeper: '越权' }),
      yonghe.get(`/api/supplies/warehouses/${theirs}/stock`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('WAREHOUSE_NOT_FOUND');
    }
    const list = (await yonghe.get(`/api/supplies/warehouses?areaCode=${JITIAN}`)).json();
    expect(list.items).toEqual([]);
    const all = (await yonghe.get('/api/supplies/warehouses?limit=500')).json().items;
    expect(all.every((w: { areaCode: string }) => w.areaCode.startsWith(YONGHE))).toBe(true);
    expect((await jitian.get(`/api/supplies/warehouses/${theirs}`)).json().keeper).toBe('覃保管');
  });

  it('moves a warehouse and its ledger to another managing area when its tier changes', async () => {
    const id = await makeWarehouse(yonghe, YONGHE, 'township');
    await receive(yonghe, id, 'quilt', 'Q-1', 5);
    const raised = await county.patch(`/api/supplies/warehouses/${id}`, { level: 'county', keeper: '县局保管员' });
    expect(raised.json()).toMatchObject({ level: 'county', areaCode: COUNTY, keeper: '县局保管员' });
    expect((await yonghe.get(`/api/supplies/movements?warehouseId=${id}`)).json().items).toEqual([]);
    expect((await county.get(`/api/supplies/movements?warehouseId=${id}`)).json().total).toBe(1);
  });

  it('gives the spatial search every warehouse with its available stock per kind', async () => {
    const id = await makeWarehouse(county, YONGHE, 'township', '空间检索测试库');
    await receive(county, id, 'life-jacket', 'LJ-1', 30);
    await receive(county, id, 'life-jacket', 'LJ-0', 7, { productionDate: '2020-01-01', expiryDate: '2025-01-01' });
    const items = await env.platform.supplies.allLocated();
    const item = items.find((i) => i.id === id)!;
    expect(item).toMatchObject({
      kind: 'warehouse',
      name: '空间检索测试库',
      areaCode: YONGHE,
      props: { level: 'township', stock: { 'life-jacket': 30 } },
    });
    expect(typeof item.lon).toBe('number');
    const actor = { userId: 'u', username: 'yonghe', roles: ['township_officer' as const], areaCode: YONGHE };
    expect((await env.platform.supplies.getWarehouse(actor, id)).name).toBe('空间检索测试库');
    await expect(env.platform.supplies.getWarehouse({ ...actor, areaCode: JITIAN }, id)).rejects.toMatchObject({
      code: 'WAREHOUSE_NOT_FOUND',
    });
  });
});
