import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { SHELTER_COLUMNS, TARGET_COLUMNS, DUTY_HOLDER_COLUMNS } from './shelters.excel.ts';
import {
  firstVillage,
  pointIn,
  readWorkbook,
  shelterBody,
  targetBody,
  upload,
  workbook,
  JITIAN,
  YONGHE,
  YONGLIAN,
} from './shelters.test-support.ts';

describe.each(DIALECTS)('shelters domain scope on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let jitianVillage: string;
  let inJitian: { lon: number; lat: number };
  let inYonglian: { lon: number; lat: number };
  let shelter: { id: string };
  let target: { id: string };
  let holder: { id: string };

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    jitianVillage = await firstVillage(county, JITIAN);
    inJitian = await pointIn(county, jitianVillage);
    inYonglian = await pointIn(county, YONGLIAN);
    // 吉田镇's entries, made by the county.
    shelter = (await county.post('/api/shelters', shelterBody(inJitian, { name: '吉田镇避难场所' }))).json();
    await county.post(`/api/shelters/${shelter.id}/open`);
    target = (await county.post('/api/protection-targets', targetBody(inJitian, { name: '吉田镇学校' }))).json();
    holder = (
      await county.post('/api/duty-holders', {
        name: '吉田三防',
        phone: '13800138009',
        role: 'sanfang',
        areaCode: jitianVillage,
        shelterId: shelter.id,
      })
    ).json();
  });
  afterAll(() => env.close());

  /** Refused, or answered with nothing from 吉田镇. */
  function expectNothingOfJitian(res: LightMyRequestResponse) {
    if (res.statusCode === 200) {
      const body = res.json();
      const items = body.items ?? body.rows ?? body.townships;
      expect(items, res.body).toBeDefined();
      expect(JSON.stringify(items)).not.toContain(JITIAN);
    } else {
      expect([403, 404], res.body).toContain(res.statusCode);
      expect(['OUT_OF_SCOPE', 'SHELTER_NOT_FOUND', 'TARGET_NOT_FOUND', 'DUTY_HOLDER_NOT_FOUND', 'AREA_NOT_FOUND']).toContain(
        res.json().code,
      );
    }
  }

  it('never lets 永和镇 read 吉田镇 entries', async () => {
    const reads = [
      yonghe.get('/api/shelters?limit=500'),
      yonghe.get(`/api/shelters?areaCode=${JITIAN}`),
      yonghe.get(`/api/shelters/${shelter.id}`),
      yonghe.get('/api/shelters/coverage'),
      yonghe.get('/api/protection-targets?limit=500'),
      yonghe.get(`/api/protection-targets?areaCode=${JITIAN}`),
      yonghe.get(`/api/protection-targets/${target.id}`),
      yonghe.get('/api/duty-holders?limit=500'),
      yonghe.get(`/api/duty-holders?areaCode=${JITIAN}`),
      yonghe.get(`/api/duty-holders?shelterId=${shelter.id}`),
      yonghe.get(`/api/duty-holders/${holder.id}`),
      yonghe.get('/api/duty-holders/gaps'),
    ];
    for (const res of await Promise.all(reads)) expectNothingOfJitian(res);
    for (const url of [
      '/api/shelters/export.xlsx',
      '/api/protection-targets/export.xlsx',
      '/api/duty-holders/export.xlsx',
      '/api/shelters/coverage.xlsx',
    ]) {
      const rows = await readWorkbook((await yonghe.get(url)).rawPayload);
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows), url).not.toMatch(new RegExp(`${JITIAN}|吉田`));
    }
    expect((await county.get(`/api/shelters/${shelter.id}`)).statusCode).toBe(200);
  });

  it('never lets 永和镇 change 吉田镇 entries or put entries there', async () => {
    const own = (await yonghe.post('/api/shelters', shelterBody(inYonglian, { name: '永和自己的' }))).json();
    const ownTarget = (await yonghe.post('/api/protection-targets', targetBody(inYonglian, { name: '永和学校' }))).json();
    const ownHolder = (
      await yonghe.post('/api/duty-holders', { name: '永和三防', phone: '13800138010', role: 'sanfang', areaCode: YONGLIAN })
    ).json();
    const del = (url: string) => yonghe.request({ method: 'DELETE', url });
    const writes = [
      yonghe.patch(`/api/shelters/${shelter.id}`, { name: '越权' }),
      del(`/api/shelters/${shelter.id}`),
      yonghe.post(`/api/shelters/${shelter.id}/close`),
      yonghe.post(`/api/shelters/${shelter.id}/open`),
      yonghe.post(`/api/shelters/${shelter.id}/occupancy`, { delta: 1 }),
      yonghe.post('/api/shelters', shelterBody(inJitian)),
      yonghe.patch(`/api/shelters/${own.id}`, inJitian),
      yonghe.patch(`/api/protection-targets/${target.id}`, { people: 1 }),
      del(`/api/protection-targets/${target.id}`),
      yonghe.post('/api/protection-targets', targetBody(inJitian)),
      yonghe.patch(`/api/protection-targets/${ownTarget.id}`, inJitian),
      yonghe.patch(`/api/duty-holders/${holder.id}`, { name: '越权' }),
      del(`/api/duty-holders/${holder.id}`),
      yonghe.post('/api/duty-holders', { name: '越权', phone: '13800138011', role: 'sanfang', areaCode: jitianVillage }),
      yonghe.post('/api/duty-holders', { name: '越权', phone: '13800138011', role: 'sanfang', areaCode: JITIAN }),
      yonghe.patch(`/api/duty-holders/${ownHolder.id}`, { areaCode: jitianVillage }),
      yonghe.patch(`/api/duty-holders/${ownHolder.id}`, { shelterId: shelter.id }),
      yonghe.patch(`/api/duty-holders/${ownHolder.id}`, { targetId: target.id }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.statusCode, res.body).not.toBe(200);
      expect(res.statusCode, res.body).not.toBe(201);
      expectNothingOfJitian(res);
    }
    const imports = [
      upload(
        yonghe,
        '/api/shelters/import',
        await workbook(
          SHELTER_COLUMNS.map((c) => c.header),
          [['越权场所', '室外', '固定', 1000, '', '某', '13800138000', '', inJitian.lon, inJitian.lat, '']],
        ),
      ),
      upload(
        yonghe,
        '/api/protection-targets/import',
        await workbook(
          TARGET_COLUMNS.map((c) => c.header),
          [['越权学校', '学校', 10, '某', '13800138000', '', inJitian.lon, inJitian.lat, '']],
        ),
      ),
      upload(
        yonghe,
        '/api/duty-holders/import',
        await workbook(
          DUTY_HOLDER_COLUMNS.map((c) => c.header),
          [['越权', '13800138000', '三防责任人', '', jitianVillage, '', '', '']],
        ),
      ),
    ];
    for (const res of await Promise.all(imports)) {
      expect(res.json().code).toBe('IMPORT_INVALID');
      expect(res.json().details.errors[0]).toMatchObject({ row: 2, message: '超出您的管辖区域' });
    }
    // 吉田镇's entries are untouched.
    expect((await county.get(`/api/shelters/${shelter.id}`)).json()).toMatchObject({
      name: '吉田镇避难场所',
      open: true,
      occupancy: 0,
    });
    expect((await county.get(`/api/protection-targets/${target.id}`)).json()).toMatchObject({ name: '吉田镇学校', people: 800 });
    expect((await county.get(`/api/duty-holders/${holder.id}`)).json()).toMatchObject({
      name: '吉田三防',
      shelterId: shelter.id,
    });
    expect((await county.get(`/api/shelters?areaCode=${JITIAN}&q=${encodeURIComponent('越权')}`)).json().total).toBe(0);
    expect((await county.get(`/api/duty-holders?areaCode=${JITIAN}&q=${encodeURIComponent('越权')}`)).json().total).toBe(0);
    expect((await county.get(`/api/shelters/${own.id}`)).json().areaCode).toBe(YONGLIAN);
    expect((await county.get(`/api/duty-holders/${ownHolder.id}`)).json()).toMatchObject({
      areaCode: YONGLIAN,
      shelterId: null,
      targetId: null,
    });
    expect(YONGHE.length).toBe(9);
  });
});
