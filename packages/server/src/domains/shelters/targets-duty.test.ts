import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { pointIn, shelterBody, targetBody, YONGHE, YONGLIAN } from './shelters.test-support.ts';

describe.each(DIALECTS)('protection targets and duty-holders on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let county: ApiClient;
  let yonghe: ApiClient;
  let inYonglian: { lon: number; lat: number };
  let otherVillage: string;

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    inYonglian = await pointIn(yonghe, YONGLIAN);
    otherVillage = (await yonghe.get(`/api/areas?parentCode=${YONGHE}&limit=500`))
      .json()
      .items.find((v: { code: string }) => v.code !== YONGLIAN).code;
  });
  afterAll(() => env.close());

  const auditOf = async (entity: string, id: string) =>
    (await admin.get(`/api/audit?entity=${entity}&entityId=${id}&limit=100`))
      .json()
      .items.map((e: { action: string }) => e.action);

  it('keeps protection targets: create, read, edit, delete, audited', async () => {
    const res = await yonghe.post('/api/protection-targets', targetBody(inYonglian, { name: '永联小学', address: '永联村' }));
    expect(res.statusCode).toBe(201);
    const target = res.json();
    expect(target).toMatchObject({ name: '永联小学', type: 'school', people: 800, areaCode: YONGLIAN, demo: false });
    expect((await yonghe.get(`/api/protection-targets/${target.id}`)).json()).toEqual(target);
    const list = (await yonghe.get(`/api/protection-targets?type=school&areaCode=${YONGLIAN}`)).json();
    expect(list.items.map((t: { id: string }) => t.id)).toContain(target.id);
    env.platform.areas.forgetShapes();
    const moved = (await yonghe.patch(`/api/protection-targets/${target.id}`, await pointIn(yonghe, otherVillage))).json();
    expect(moved.areaCode).toBe(otherVillage);
    const edited = (await yonghe.patch(`/api/protection-targets/${target.id}`, { people: 950, type: 'kindergarten' })).json();
    expect(edited).toMatchObject({ people: 950, type: 'kindergarten' });
    expect((await yonghe.request({ method: 'DELETE', url: `/api/protection-targets/${target.id}` })).json()).toEqual({
      ok: true,
    });
    expect((await yonghe.get(`/api/protection-targets/${target.id}`)).json().code).toBe('TARGET_NOT_FOUND');
    expect(await auditOf('target', target.id)).toEqual(['target.delete', 'target.update', 'target.update', 'target.create']);
  });

  it('refuses bad targets, writing nothing', async () => {
    const before = (await county.get('/api/protection-targets?limit=1')).json().total;
    const cases: [Record<string, unknown>, string][] = [
      [targetBody(inYonglian, { people: -1 }), 'VALIDATION_FAILED'],
      [targetBody(inYonglian, { type: 'castle' }), 'VALIDATION_FAILED'],
      [targetBody(inYonglian, { responsiblePhone: 'abc' }), 'VALIDATION_FAILED'],
      [targetBody({ lon: 113.3, lat: 23.1 }), 'LOCATION_OUTSIDE'],
    ];
    for (const [body, code] of cases) {
      const res = await county.post('/api/protection-targets', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe(code);
    }
    expect((await county.patch(`/api/protection-targets/00000000-0000-4000-8000-000000000000`, { people: 1 })).json().code).toBe(
      'TARGET_NOT_FOUND',
    );
    expect((await county.get('/api/protection-targets?limit=1')).json().total).toBe(before);
  });

  it('keeps duty-holders per area, linked to a shelter or a target inside that area', async () => {
    const shelter = (await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '包保场所' }))).json();
    const target = (await yonghe.post('/api/protection-targets', targetBody(inYonglian, { name: '包保学校' }))).json();
    const sanfang = await yonghe.post('/api/duty-holders', {
      name: '韦三防',
      phone: '13800138002',
      role: 'sanfang',
      title: '村委会主任',
      areaCode: YONGLIAN,
    });
    expect(sanfang.statusCode).toBe(201);
    expect(sanfang.json()).toMatchObject({ role: 'sanfang', areaCode: YONGLIAN, shelterId: null, targetId: null });
    const baobao = (
      await yonghe.post('/api/duty-holders', {
        name: '蒙包保',
        phone: '13800138003',
        role: 'baobao',
        areaCode: YONGLIAN,
        targetId: target.id,
      })
    ).json();
    expect(baobao.targetId).toBe(target.id);
    const township = (
      await yonghe.post('/api/duty-holders', {
        name: '李镇长',
        phone: '0763-6612345',
        role: 'baobao',
        areaCode: YONGHE,
        shelterId: shelter.id,
      })
    ).json();
    expect(township).toMatchObject({ areaCode: YONGHE, shelterId: shelter.id, phone: '0763-6612345' });

    const perVillage = (await yonghe.get(`/api/duty-holders?areaCode=${YONGLIAN}`)).json();
    // The demo county's own duty-holders are there too; ours are the ones not marked demo.
    const ours = perVillage.items.filter((h: { demo: boolean }) => !h.demo);
    expect(ours.map((h: { name: string }) => h.name).sort()).toEqual(['蒙包保', '韦三防'].sort());
    expect(perVillage.items.every((h: { areaCode: string }) => h.areaCode === YONGLIAN)).toBe(true);
    const perTownship = (await yonghe.get(`/api/duty-holders?areaCode=${YONGHE}&role=baobao`)).json();
    expect(perTownship.items.map((h: { name: string }) => h.name)).toEqual(expect.arrayContaining(['李镇长', '蒙包保']));
    expect((await yonghe.get(`/api/duty-holders?targetId=${target.id}`)).json().items).toHaveLength(1);

    // A linked target or shelter cannot be deleted from under its duty-holder.
    expect((await yonghe.request({ method: 'DELETE', url: `/api/protection-targets/${target.id}` })).json().code).toBe(
      'TARGET_LINKED',
    );
    expect((await yonghe.request({ method: 'DELETE', url: `/api/shelters/${shelter.id}` })).json().code).toBe('SHELTER_LINKED');

    const edited = (await yonghe.patch(`/api/duty-holders/${baobao.id}`, { targetId: null, phone: '13900139000' })).json();
    expect(edited).toMatchObject({ targetId: null, phone: '13900139000' });
    expect((await yonghe.request({ method: 'DELETE', url: `/api/protection-targets/${target.id}` })).json()).toEqual({
      ok: true,
    });
    expect((await yonghe.request({ method: 'DELETE', url: `/api/duty-holders/${sanfang.json().id}` })).json()).toEqual({
      ok: true,
    });
    expect(await auditOf('duty_holder', baobao.id)).toEqual(['duty_holder.update', 'duty_holder.create']);
    expect(await auditOf('duty_holder', sanfang.json().id)).toEqual(['duty_holder.delete', 'duty_holder.create']);
  });

  it('refuses wrong assignments and bad duty-holders, writing nothing', async () => {
    const shelter = (await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '别村场所' }))).json();
    const target = (await yonghe.post('/api/protection-targets', targetBody(inYonglian, { name: '别村学校' }))).json();
    const before = (await county.get('/api/duty-holders?limit=1')).json().total;
    const base = { name: '某人', phone: '13800138004', role: 'sanfang' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, areaCode: otherVillage, shelterId: shelter.id }, 400, 'DUTY_ASSIGNMENT_INVALID'],
      [{ ...base, areaCode: otherVillage, targetId: target.id }, 400, 'DUTY_ASSIGNMENT_INVALID'],
      [{ ...base, areaCode: YONGLIAN, shelterId: shelter.id, targetId: target.id }, 400, 'DUTY_ASSIGNMENT_INVALID'],
      [{ ...base, areaCode: YONGLIAN, shelterId: '00000000-0000-4000-8000-000000000000' }, 404, 'SHELTER_NOT_FOUND'],
      [{ ...base, areaCode: '441825' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, areaCode: '441825100999' }, 404, 'AREA_NOT_FOUND'],
      [{ ...base, areaCode: YONGLIAN, role: 'boss' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, areaCode: YONGLIAN, phone: '138' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await county.post('/api/duty-holders', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await county.get('/api/duty-holders?limit=1')).json().total).toBe(before);
  });

  it('lists the villages without a 三防责任人', async () => {
    const yonghevillages = (await yonghe.get(`/api/areas?parentCode=${YONGHE}&limit=500`)).json().items as { code: string }[];
    // Clear 永和镇's 三防责任人, then appoint one in every village but two.
    const existing = (await yonghe.get(`/api/duty-holders?areaCode=${YONGHE}&role=sanfang&limit=500`)).json().items;
    for (const h of existing) await yonghe.request({ method: 'DELETE', url: `/api/duty-holders/${h.id}` });
    const uncovered = [yonghevillages[0]!.code, yonghevillages[3]!.code];
    for (const v of yonghevillages.filter((v) => !uncovered.includes(v.code))) {
      const res = await yonghe.post('/api/duty-holders', {
        name: '三防员',
        phone: '13800138005',
        role: 'sanfang',
        areaCode: v.code,
      });
      expect(res.statusCode).toBe(201);
    }
    // A 包保责任人 does not stand in for a 三防责任人.
    await yonghe.post('/api/duty-holders', { name: '包保员', phone: '13800138006', role: 'baobao', areaCode: uncovered[0] });
    const report = (await yonghe.get('/api/duty-holders/gaps')).json();
    expect(report).toMatchObject({ role: 'sanfang', villages: 10, covered: 8, ratio: 0.8 });
    expect(report.townships).toHaveLength(1);
    expect(report.townships[0]).toMatchObject({ areaCode: YONGHE, areaName: '永和镇', villages: 10, covered: 8 });
    expect(report.townships[0].missing.map((m: { areaCode: string }) => m.areaCode)).toEqual(uncovered);
    const baobao = (await yonghe.get('/api/duty-holders/gaps?role=baobao')).json();
    expect(baobao.townships[0].missing.map((m: { areaCode: string }) => m.areaCode)).not.toContain(uncovered[0]);
    expect((await yonghe.get('/api/duty-holders/gaps?role=nobody')).json().code).toBe('VALIDATION_FAILED');
    const countyWide = (await county.get('/api/duty-holders/gaps')).json();
    expect(countyWide.villages).toBe(55);
    expect(countyWide.townships.find((t: { areaCode: string }) => t.areaCode === YONGHE).covered).toBe(8);
  });
});
