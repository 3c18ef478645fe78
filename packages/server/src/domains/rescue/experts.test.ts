import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { auditTotal, expertInput, JITIAN, pointsOf, SHIXI, YONGHE, YONGLIAN } from './rescue.testing.ts';

describe.each(DIALECTS)('rescue experts on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let point: Awaited<ReturnType<typeof pointsOf>>;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    point = await pointsOf(county);
  });
  afterAll(() => env.close());

  it('registers experts at their organisation and finds them by field, area and availability', async () => {
    const flood = await county.post(
      '/api/rescue/experts',
      expertInput('测试防汛专家', point(YONGLIAN), { fields: ['防汛抗旱', '地质灾害'] }),
    );
    expect(flood.statusCode).toBe(201);
    expect(flood.json()).toMatchObject({ areaCode: YONGLIAN, available: true, fields: ['防汛抗旱', '地质灾害'], demo: false });
    const chem = (
      await county.post(
        '/api/rescue/experts',
        expertInput('测试危化专家', point(SHIXI), { fields: ['危险化学品'], organisation: '某化工企业', phone: '0763-6612345' }),
      )
    ).json();
    const q = encodeURIComponent('测试');
    const byField = (field: string, extra = '') =>
      county
        .get(`/api/rescue/experts?q=${q}&field=${encodeURIComponent(field)}${extra}`)
        .then((r) => r.json().items.map((e: { name: string }) => e.name));
    expect(await byField('地质灾害')).toEqual(['测试防汛专家']);
    expect(await byField('危险化学品')).toEqual(['测试危化专家']);
    expect(await byField('危险化学品', `&areaCode=${YONGHE}`)).toEqual([]);
    expect(await byField('防汛抗旱', `&areaCode=${YONGHE}`)).toEqual(['测试防汛专家']);
    // The organisation is searched too.
    expect(
      (await county.get(`/api/rescue/experts?q=${encodeURIComponent('化工')}`)).json().items.map((e: { id: string }) => e.id),
    ).toEqual([chem.id]);

    const away = await county.patch(`/api/rescue/experts/${chem.id}`, {
      available: false,
      availabilityNote: '出差至 7 月 10 日',
    });
    expect(away.json()).toMatchObject({ available: false, availabilityNote: '出差至 7 月 10 日', areaCode: chem.areaCode });
    expect(await byField('危险化学品', '&available=true')).toEqual([]);
    expect(await byField('危险化学品', '&available=false')).toEqual(['测试危化专家']);

    const located = await env.platform.rescue.allLocated();
    expect(located.find((i) => i.id === chem.id)).toMatchObject({
      kind: 'expert',
      areaCode: chem.areaCode,
      props: { fields: ['危险化学品'], available: false },
    });
    expect(chem.areaCode.startsWith(JITIAN)).toBe(true);

    const audit = (await county.get(`/api/audit?entity=rescue_expert&entityId=${chem.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['rescue.expert.update', 'rescue.expert.create']);
    expect((await county.request({ method: 'DELETE', url: `/api/rescue/experts/${chem.id}` })).statusCode).toBe(200);
    expect((await county.get(`/api/rescue/experts/${chem.id}`)).json().code).toBe('RESCUE_EXPERT_NOT_FOUND');
  });

  it('refuses bad input with a stable code and a Chinese message, writing nothing', async () => {
    const before = await auditTotal(county);
    const cases = [
      {
        res: await yonghe.post('/api/rescue/experts', expertInput('无领域', point(YONGLIAN), { fields: [] })),
        code: 'VALIDATION_FAILED',
      },
      {
        res: await yonghe.post('/api/rescue/experts', expertInput('怪领域', point(YONGLIAN), { fields: ['占卜'] })),
        code: 'VALIDATION_FAILED',
      },
      {
        res: await yonghe.post('/api/rescue/experts', expertInput('坏电话', point(YONGLIAN), { phone: '12' })),
        code: 'VALIDATION_FAILED',
      },
      { res: await yonghe.post('/api/rescue/experts', expertInput('县外', { lon: 113.3, lat: 23.1 })), code: 'LOCATION_OUTSIDE' },
      { res: await yonghe.get(`/api/rescue/experts?field=${encodeURIComponent('占卜')}`), code: 'VALIDATION_FAILED' },
      { res: await yonghe.get('/api/rescue/experts?available=maybe'), code: 'VALIDATION_FAILED' },
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
