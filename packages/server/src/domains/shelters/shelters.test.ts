import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { pointIn, putRule, shelterBody, YONGHE, YONGLIAN } from './shelters.test-support.ts';

describe.each(DIALECTS)('shelters on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let yonghe: ApiClient;
  let chakan: ApiClient;
  let inYonglian: { lon: number; lat: number };
  const events: BusEvent[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
    yonghe = await env.login('yonghe');
    chakan = await env.login('chakan');
    inYonglian = await pointIn(yonghe, YONGLIAN);
    env.platform.events.subscribe((event) => events.push(event));
  });
  afterAll(() => env.close());

  async function auditOf(id: string) {
    return (await admin.get(`/api/audit?entity=shelter&entityId=${id}&limit=100`)).json().items as {
      action: string;
      actorName: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
  }

  it('creates a shelter, places it by its coordinates and derives its capacity from the area norm', async () => {
    const res = await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '永联村文化广场', address: '永联村委会旁' }));
    expect(res.statusCode).toBe(201);
    const shelter = res.json();
    expect(shelter).toMatchObject({
      name: '永联村文化广场',
      type: 'outdoor',
      grade: 'fixed',
      usableArea: 3000,
      areaPerPerson: 1.5,
      capacity: 2000,
      occupancy: 0,
      freeCapacity: 2000,
      open: false,
      facilities: ['water', 'power', 'toilet'],
      areaCode: YONGLIAN,
      demo: false,
    });
    expect((await yonghe.get(`/api/shelters/${shelter.id}`)).json()).toEqual(shelter);
    const list = (await yonghe.get(`/api/shelters?areaCode=${YONGLIAN}&q=${encodeURIComponent('文化广场')}`)).json();
    expect(list.items.map((s: { id: string }) => s.id)).toContain(shelter.id);
    expect((await auditOf(shelter.id))[0]).toMatchObject({ action: 'shelter.create', actorName: 'yonghe' });
  });

  it('edits a shelter and re-derives its area when it moves', async () => {
    const { id } = (await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '待修改场所' }))).json();
    const elsewhere = await pointIn(yonghe, YONGHE);
    // With the shapes forgotten the locator must read them again: never from inside a write transaction (SQLite has
    // one connection, so that would wait for ever).
    env.platform.areas.forgetShapes();
    const res = await yonghe.patch(`/api/shelters/${id}`, {
      name: '已修改场所',
      usableArea: 4500,
      grade: 'central',
      ...elsewhere,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '已修改场所', capacity: 3000, grade: 'central' });
    expect(res.json().areaCode.startsWith(YONGHE)).toBe(true);
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ action: 'shelter.update', before: { name: '待修改场所' }, after: { name: '已修改场所' } });
    const deleted = await yonghe.request({ method: 'DELETE', url: `/api/shelters/${id}` });
    expect(deleted.json()).toEqual({ ok: true });
    expect((await yonghe.get(`/api/shelters/${id}`)).json().code).toBe('SHELTER_NOT_FOUND');
    expect((await auditOf(id))[0]).toMatchObject({ action: 'shelter.delete', before: { name: '已修改场所' } });
  });

  it('follows the area-per-person rule when an administrator changes it', async () => {
    const { id } = (
      await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '规则测试', grade: 'emergency', usableArea: 1000 }))
    ).json();
    expect((await yonghe.get(`/api/shelters/${id}`)).json().capacity).toBe(666);
    const refused = await putRule(yonghe, 'shelters.area_per_person', { emergency: 1, fixed: 2, central: 4.5 });
    expect(refused.json().code).toBe('FORBIDDEN');
    const set = await putRule(admin, 'shelters.area_per_person', { emergency: 1, fixed: 2, central: 4.5 });
    expect(set.statusCode).toBe(200);
    expect((await yonghe.get(`/api/shelters/${id}`)).json()).toMatchObject({ capacity: 1000, areaPerPerson: 1 });
    const fixed = (await yonghe.patch(`/api/shelters/${id}`, { grade: 'fixed' })).json();
    expect(fixed).toMatchObject({ capacity: 500, areaPerPerson: 2 });
    const bad = await putRule(admin, 'shelters.area_per_person', { emergency: -1 });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    await putRule(admin, 'shelters.area_per_person', { emergency: 1.5, fixed: 1.5, central: 1.5 });
    expect((await yonghe.get(`/api/shelters/${id}`)).json().capacity).toBe(666);
  });

  it('opens, counts occupants within capacity, and closes only when empty, all audited', async () => {
    const { id } = (await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '人数测试', usableArea: 150 }))).json();
    expect((await yonghe.post(`/api/shelters/${id}/occupancy`, { occupancy: 10 })).json().code).toBe('SHELTER_CLOSED');
    const opened = (await yonghe.post(`/api/shelters/${id}/open`)).json();
    expect(opened).toMatchObject({ open: true, capacity: 100, openedAt: env.clock.now().toISOString() });
    expect((await yonghe.post(`/api/shelters/${id}/occupancy`, { occupancy: 60 })).json()).toMatchObject({
      occupancy: 60,
      freeCapacity: 40,
    });
    expect((await yonghe.post(`/api/shelters/${id}/occupancy`, { delta: 40 })).json()).toMatchObject({
      occupancy: 100,
      freeCapacity: 0,
    });

    const over = await yonghe.post(`/api/shelters/${id}/occupancy`, { delta: 1 });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'SHELTER_OVER_CAPACITY', message: '在住人数不能超过避难场所的容纳人数' });
    expect((await yonghe.post(`/api/shelters/${id}/occupancy`, { occupancy: 101 })).json().code).toBe('SHELTER_OVER_CAPACITY');
    expect((await yonghe.post(`/api/shelters/${id}/occupancy`, { delta: -101 })).json().code).toBe('SHELTER_OCCUPANCY_NEGATIVE');
    expect((await yonghe.post(`/api/shelters/${id}/occupancy`, { occupancy: -1 })).json().code).toBe('VALIDATION_FAILED');
    expect((await yonghe.post(`/api/shelters/${id}/occupancy`, { occupancy: 1.5 })).json().code).toBe('VALIDATION_FAILED');
    // Shrinking the shelter below its head count is refused too.
    expect((await yonghe.patch(`/api/shelters/${id}`, { usableArea: 100 })).json().code).toBe('SHELTER_OVER_CAPACITY');
    expect((await yonghe.post(`/api/shelters/${id}/close`)).json().code).toBe('SHELTER_NOT_EMPTY');
    expect((await yonghe.request({ method: 'DELETE', url: `/api/shelters/${id}` })).json().code).toBe('SHELTER_NOT_EMPTY');
    expect((await yonghe.get(`/api/shelters/${id}`)).json()).toMatchObject({ occupancy: 100, open: true, usableArea: 150 });

    expect((await yonghe.post(`/api/shelters/${id}/occupancy`, { delta: -100 })).json().occupancy).toBe(0);
    expect((await yonghe.post(`/api/shelters/${id}/close`)).json()).toMatchObject({ open: false, occupancy: 0 });
    // Closing a closed shelter changes nothing and writes nothing.
    expect((await yonghe.post(`/api/shelters/${id}/close`)).json().open).toBe(false);

    const trail = (await auditOf(id)).map((e) => [e.action, e.before?.occupancy, e.after?.occupancy]);
    expect(trail).toEqual([
      ['shelter.close', 0, 0],
      ['shelter.occupancy', 100, 0],
      ['shelter.occupancy', 60, 100],
      ['shelter.occupancy', 0, 60],
      ['shelter.open', 0, 0],
      ['shelter.create', undefined, 0],
    ]);
  });

  it('never oversells places under concurrent arrivals', async () => {
    const { id } = (await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '并发测试', usableArea: 15 }))).json();
    await yonghe.post(`/api/shelters/${id}/open`);
    const results = await Promise.all(
      Array.from({ length: 25 }, () => yonghe.post(`/api/shelters/${id}/occupancy`, { delta: 1 })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode !== 200).every((r) => r.json().code === 'SHELTER_OVER_CAPACITY')).toBe(true);
    expect((await yonghe.get(`/api/shelters/${id}`)).json().occupancy).toBe(10);
  });

  it('refuses bad input with a stable code and a Chinese message, writing nothing', async () => {
    const before = (await admin.get('/api/shelters?limit=1')).json().total;
    const auditBefore = (await admin.get('/api/audit?entity=shelter&limit=1')).json().total;
    const cases: [Record<string, unknown>, string][] = [
      [shelterBody(inYonglian, { usableArea: -5 }), 'VALIDATION_FAILED'],
      [shelterBody(inYonglian, { usableArea: 0 }), 'VALIDATION_FAILED'],
      [shelterBody(inYonglian, { usableArea: '很大' }), 'VALIDATION_FAILED'],
      [shelterBody(inYonglian, { type: 'tent' }), 'VALIDATION_FAILED'],
      [shelterBody(inYonglian, { managerPhone: '12345' }), 'VALIDATION_FAILED'],
      [shelterBody(inYonglian, { facilities: ['spa'] }), 'VALIDATION_FAILED'],
      [shelterBody(inYonglian, { capacity: 99999 }), 'VALIDATION_FAILED'],
      [shelterBody({ lon: 116.4, lat: 39.9 }), 'LOCATION_OUTSIDE'],
      [shelterBody({ lon: 200, lat: 24 }), 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await admin.post('/api/shelters', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await admin.post('/api/shelters', shelterBody(inYonglian, { usableArea: -5 }))).json().message).toContain(
      '可用面积必须大于 0',
    );
    expect((await admin.get('/api/shelters/not-a-uuid')).json().code).toBe('VALIDATION_FAILED');
    expect((await admin.get('/api/shelters/00000000-0000-4000-8000-000000000000')).json().code).toBe('SHELTER_NOT_FOUND');
    expect((await chakan.post('/api/shelters', shelterBody(inYonglian))).json().code).toBe('FORBIDDEN');
    expect((await admin.get('/api/shelters?limit=1')).json().total).toBe(before);
    expect((await admin.get('/api/audit?entity=shelter&limit=1')).json().total).toBe(auditBefore);
  });

  it('lets every reading role see shelters but only editors change them', async () => {
    const { id } = (await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '只读测试' }))).json();
    expect((await chakan.get(`/api/shelters/${id}`)).statusCode).toBe(200);
    expect((await chakan.patch(`/api/shelters/${id}`, { name: 'x' })).json().code).toBe('FORBIDDEN');
    expect((await chakan.post(`/api/shelters/${id}/open`)).json().code).toBe('FORBIDDEN');
    const reporter = await env.login('xinxiyuan');
    expect((await reporter.get(`/api/shelters/${id}`)).json().areaCode).toBe(YONGLIAN);
    expect((await reporter.post(`/api/shelters/${id}/occupancy`, { delta: 1 })).json().code).toBe('FORBIDDEN');
  });

  it('offers every shelter and target to the spatial search, and says when they change', async () => {
    events.length = 0;
    const { id } = (await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '检索测试', usableArea: 300 }))).json();
    await yonghe.post(`/api/shelters/${id}/open`);
    await yonghe.post(`/api/shelters/${id}/occupancy`, { occupancy: 50 });
    const target = (
      await yonghe.post('/api/protection-targets', {
        ...inYonglian,
        name: '检索学校',
        type: 'school',
        people: 300,
        responsibleName: '莫',
        responsiblePhone: '13800138001',
      })
    ).json();
    const located = await env.platform.shelters.allLocated();
    expect(located.find((i) => i.id === id)).toEqual({
      kind: 'shelter',
      id,
      name: '检索测试',
      lon: inYonglian.lon,
      lat: inYonglian.lat,
      areaCode: YONGLIAN,
      props: { type: 'outdoor', grade: 'fixed', capacity: 200, occupancy: 50, freeCapacity: 150, open: true },
    });
    expect(located.find((i) => i.id === target.id)).toMatchObject({ kind: 'target', props: { type: 'school', people: 300 } });
    const changes = events
      .filter((e) => e.type === 'shelters.changed')
      .map((e) => [e.areaCode, (e.data as { action: string }).action]);
    expect(changes).toEqual([
      [YONGLIAN, 'created'],
      [YONGLIAN, 'opened'],
      [YONGLIAN, 'occupancy'],
      [YONGLIAN, 'created'],
    ]);
  });
});
