import { pointOnFeature } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';

const YONGHE = '441825100';
const JITIAN = '441825104';
const YONGLIAN = '441825100201'; // 永联村, 永和镇
const JITIAN_VILLAGE_PREFIX = '441825104';

describe.each(DIALECTS)('areas on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
  });
  afterAll(() => env.close());

  it('loads the real tree of 连山 with GB/T 2260 codes and real tier names', async () => {
    const res = await county.get('/api/areas/tree?depth=2');
    expect(res.statusCode).toBe(200);
    const [root] = res.json();
    expect(root).toMatchObject({ code: '441825', name: '连山壮族瑶族自治县', level: 'county', levelName: '县' });
    expect(root.children.map((t: { name: string }) => t.name)).toEqual([
      '永和镇',
      '吉田镇',
      '太保镇',
      '禾洞镇',
      '福堂镇',
      '小三江镇',
      '上帅镇',
      '连山林场',
      '禾洞农林场',
    ]);
    const villages = root.children.flatMap((t: { children: unknown[] }) => t.children);
    expect(villages).toHaveLength(55);
    expect(root.children[0].children.find((v: { code: string }) => v.code === YONGLIAN)).toMatchObject({
      name: '永联村委会',
      levelName: '村',
    });
  });

  it('shows a township officer only their township', async () => {
    const tree = (await yonghe.get('/api/areas/tree?depth=1')).json();
    expect(tree.map((n: { code: string }) => n.code)).toEqual([YONGHE]);
    const list = (await yonghe.get('/api/areas?level=village&limit=500')).json();
    expect(list.total).toBe(10);
    expect(list.items.every((a: { code: string }) => a.code.startsWith(YONGHE))).toBe(true);
    const search = (await yonghe.get(`/api/areas?q=${encodeURIComponent('村')}&limit=500`)).json();
    expect(search.items.every((a: { code: string }) => a.code.startsWith(YONGHE))).toBe(true);
  });

  it('never lets 永和镇 read or change 吉田镇 through any area route', async () => {
    const villageOfJitian = (await county.get(`/api/areas?parentCode=${JITIAN}&limit=1`)).json().items[0].code as string;
    expect(villageOfJitian.startsWith(JITIAN_VILLAGE_PREFIX)).toBe(true);
    const attempts = [
      yonghe.get(`/api/areas/${JITIAN}`),
      yonghe.get(`/api/areas/tree?root=${JITIAN}`),
      yonghe.get(`/api/areas?parentCode=${JITIAN}`),
      yonghe.get(`/api/areas/geojson?root=${JITIAN}&levels=township,village`),
      yonghe.get('/api/areas/441825'),
      yonghe.patch(`/api/areas/${JITIAN}`, { population: 1 }),
      yonghe.patch(`/api/areas/${villageOfJitian}`, { name: '改名' }),
      yonghe.post(`/api/areas/${villageOfJitian}/grids`, { name: '越权网格' }),
    ];
    for (const res of await Promise.all(attempts)) {
      if (res.statusCode === 200) {
        // A scoped list may answer, but with nothing from outside the scope.
        expect(res.json().items ?? res.json().features).toEqual([]);
      } else {
        expect([403, 404]).toContain(res.statusCode);
        expect(['OUT_OF_SCOPE', 'AREA_NOT_FOUND']).toContain(res.json().code);
      }
    }
    const jitian = (await county.get(`/api/areas/${JITIAN}`)).json();
    expect(jitian.name).toBe('吉田镇');
    expect((await county.get(`/api/areas/${villageOfJitian}`)).json().childCount).toBe(0);
  });

  it('edits a population and records it in the audit trail', async () => {
    const res = await yonghe.patch(`/api/areas/${YONGLIAN}`, { population: 2345 });
    expect(res.statusCode).toBe(200);
    expect(res.json().population).toBe(2345);
    const audit = (await county.get(`/api/audit?entity=area&entityId=${YONGLIAN}`)).json();
    expect(audit.items[0]).toMatchObject({ action: 'area.update', actorName: 'yonghe', after: { population: 2345 } });
  });

  it('creates a grid under a village and gives it a 网格员', async () => {
    const res = await yonghe.post(`/api/areas/${YONGLIAN}/grids`, {
      name: '永联村第一网格',
      gridOfficerName: '覃网格',
      gridOfficerPhone: '13800138000',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: `${YONGLIAN}001`,
      level: 'grid',
      levelName: '网格',
      gridOfficerName: '覃网格',
      parentCode: YONGLIAN,
    });
    const second = await yonghe.post(`/api/areas/${YONGLIAN}/grids`, { name: '永联村第二网格' });
    expect(second.json().code).toBe(`${YONGLIAN}002`);
    const officer = await yonghe.patch(`/api/areas/${YONGLIAN}002`, {
      gridOfficerName: '蒙网格',
      gridOfficerPhone: '13900139000',
    });
    expect(officer.json().gridOfficerName).toBe('蒙网格');
    expect((await yonghe.post(`/api/areas/${YONGHE}/grids`, { name: '镇级网格' })).json().code).toBe('AREA_LEVEL_INVALID');
    expect((await yonghe.patch(`/api/areas/${YONGLIAN}`, { gridOfficerName: '某人' })).json().code).toBe('AREA_LEVEL_INVALID');
  });

  it('serves shapes as GeoJSON, demo shapes labelled as such', async () => {
    const fc = (await county.get('/api/areas/geojson?levels=county,township')).json();
    expect(fc.type).toBe('FeatureCollection');
    const countyFeature = fc.features.find((f: { properties: { code: string } }) => f.properties.code === '441825');
    expect(countyFeature.properties.geometrySource).toBe('reference');
    expect(countyFeature.geometry.type).toBe('MultiPolygon');
    const townships = fc.features.filter((f: { properties: { level: string } }) => f.properties.level === 'township');
    expect(townships).toHaveLength(9);
    expect(townships.every((f: { properties: { geometrySource: string } }) => f.properties.geometrySource === 'demo')).toBe(true);
  });

  it('refuses bad input with a stable code and a Chinese message, writing nothing', async () => {
    const before = (await county.get('/api/audit?limit=1')).json().total;
    const cases = [
      { res: await county.patch(`/api/areas/${YONGLIAN}`, { population: -5 }), code: 'VALIDATION_FAILED' },
      { res: await county.patch(`/api/areas/${YONGLIAN}`, { population: '很多' }), code: 'VALIDATION_FAILED' },
      { res: await county.patch(`/api/areas/${YONGLIAN}`, { colour: 'red' }), code: 'VALIDATION_FAILED' },
      { res: await county.patch('/api/areas/441825999', { population: 1 }), code: 'AREA_NOT_FOUND' },
      { res: await county.get('/api/areas/abc'), code: 'VALIDATION_FAILED' },
      { res: await county.get('/api/areas?level=planet'), code: 'VALIDATION_FAILED' },
      {
        res: await county.request({
          method: 'PATCH',
          url: `/api/areas/${YONGLIAN}`,
          body: '{"population": 1',
          headers: { 'content-type': 'application/json' },
        }),
        code: 'MALFORMED_JSON',
      },
      {
        res: await county.request({
          method: 'PATCH',
          url: `/api/areas/${YONGLIAN}`,
          body: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
          headers: { 'content-type': 'application/json' },
        }),
        code: 'PAYLOAD_TOO_LARGE',
      },
    ];
    for (const { res, code } of cases) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await county.get('/api/audit?limit=1')).json().total).toBe(before);
  });

  it('locates a point in the deepest area containing it, within the scope', async () => {
    const fc = (await county.get('/api/areas/geojson?levels=village')).json();
    const inside = (code: string) => {
      const feature = fc.features.find((f: { properties: { code: string } }) => f.properties.code === code);
      return pointOnFeature(feature).geometry.coordinates as [number, number];
    };
    const [lon, lat] = inside(YONGLIAN);
    const actors = { county: { userId: 'c', username: 'c', roles: ['duty_officer' as const], areaCode: '441825' } };
    expect(await env.platform.areas.locate(actors.county, lon, lat)).toBe(YONGLIAN);
    await expect(env.platform.areas.locate(actors.county, 116.4, 39.9)).rejects.toMatchObject({ code: 'LOCATION_OUTSIDE' });
    const jitianVillage = (await county.get(`/api/areas?parentCode=${JITIAN}&limit=1`)).json().items[0].code as string;
    const [jLon, jLat] = inside(jitianVillage);
    const yongheActor = { userId: 'y', username: 'y', roles: ['township_officer' as const], areaCode: YONGHE };
    await expect(env.platform.areas.locate(yongheActor, jLon, jLat)).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('lets a read-only user read but not write', async () => {
    const reader = await env.login('chakan');
    expect((await reader.get(`/api/areas/${YONGLIAN}`)).statusCode).toBe(200);
    const res = await reader.patch(`/api/areas/${YONGLIAN}`, { population: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });
});
