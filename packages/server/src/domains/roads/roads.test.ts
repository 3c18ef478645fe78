import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { edgeBetween, testNetwork, townshipCentres, type Pos } from './roads.fixtures.ts';

const YONGHE = '441825100';
const JITIAN = '441825104';

interface RoadFeature {
  id: string;
  properties: { id: string; name: string | null; closed: boolean; demo: boolean; areaCode: string | null; label: string | null };
  geometry: { coordinates: number[][] };
}

describe.each(DIALECTS)('roads on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let zhiban: ApiClient;
  let yonghe: ApiClient;
  let yongheCentre: Pos;
  let jitianCentre: Pos;

  const network = async () => (await admin.get('/api/roads/geojson')).json().features as RoadFeature[];
  const legs = async (origin: Pos, targets: Pos[]) => {
    const current = await env.platform.roads.current();
    return current!.legsFrom(
      { lon: origin[0], lat: origin[1] },
      targets.map(([lon, lat]) => ({ lon, lat })),
    );
  };

  beforeAll(async () => {
    env = await testEnv(dialect);
    [admin, zhiban, yonghe] = await Promise.all([env.login('admin'), env.login('zhiban'), env.login('yonghe')]);
    const centres = await townshipCentres(env.platform);
    yongheCentre = centres.get(YONGHE)!;
    jitianCentre = centres.get(JITIAN)!;
  });
  afterAll(() => env.close());

  it('ships a generated demo network, labelled 演示路网, joining the townships', async () => {
    const features = await network();
    expect(features.length).toBeGreaterThan(50);
    for (const f of features) {
      expect(f.properties).toMatchObject({ demo: true, geometrySource: 'demo', label: '演示路网' });
      expect(f.properties.areaCode?.startsWith('441825')).toBe(true);
    }
    const [toJitian] = await legs(yongheCentre, [jitianCentre]);
    expect(toJitian).toMatchObject({ status: 'ok' });
    expect((await env.platform.roads.current())!.info).toEqual({ available: true, demo: true, label: '演示路网' });
  });

  it('rejects a bad file whole, listing every bad feature, and keeps the previous network', async () => {
    const before = await network();
    const file = testNetwork(yongheCentre).file;
    const bad = {
      type: 'FeatureCollection',
      features: [
        file.features[0],
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: yongheCentre } },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [24.5, 112.1],
              [24.6, 112.2],
            ],
          },
        },
        { type: 'Feature', properties: { closed: 'yes' }, geometry: { type: 'LineString', coordinates: [yongheCentre] } },
      ],
    };
    const res = await admin.post('/api/roads/import', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('GEOJSON_INVALID');
    expect(res.json().message).toBe('GeoJSON 数据有误');
    const errors = res.json().details.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([2, 3, 4, 4]);
    expect(errors[0]!.message).toContain('LineString 或 MultiLineString');
    expect(errors[1]!.message).toContain('经纬度是否写反');
    expect(errors.find((e) => e.column === 'properties.closed')!.message).toBe('closed 应为 true 或 false');

    for (const [body, problem] of [
      [{ type: 'Feature' }, '文件不是 GeoJSON FeatureCollection'],
      [{ type: 'FeatureCollection', features: [] }, '文件中没有任何道路'],
      [
        {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {},
              geometry: {
                type: 'LineString',
                coordinates: [
                  [116.3, 39.9],
                  [116.4, 39.9],
                ],
              },
            },
          ],
        },
        '没有任何道路位于本县已知的行政区划内（坐标系或经纬度顺序是否有误？）',
      ],
    ] as const) {
      const r = await admin.post('/api/roads/import', body);
      expect(r.statusCode).toBe(400);
      expect(r.json().details.errors[0].message).toBe(problem);
    }
    expect((await zhiban.post('/api/roads/import', file)).json().code).toBe('FORBIDDEN');
    expect((await admin.post('/api/roads/import?snapMetres=500', file)).json().code).toBe('VALIDATION_FAILED');

    expect((await network()).map((f) => f.id)).toEqual(before.map((f) => f.id));
    const audit = (await admin.get('/api/audit?action=roads.import')).json();
    expect(audit.total).toBe(1); // the demo network's only
  });

  it('replaces the network in one go, snapping line ends and T-junctions into nodes', async () => {
    const demoEdges = (await network()).length;
    const file = testNetwork(yongheCentre).file;
    // A second piece in 吉田镇, for the scope checks below.
    file.features.push({
      type: 'Feature',
      properties: { name: '吉田测试路', class: '乡道' },
      geometry: { type: 'LineString', coordinates: [jitianCentre, [jitianCentre[0] + 0.01, jitianCentre[1]]] },
    });
    const res = await admin.post('/api/roads/import', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ features: 7, nodes: 10, edges: 8, snapped: 1, replaced: demoEdges, demo: false });
    const features = await network();
    expect(features).toHaveLength(8);
    expect(features.every((f) => !f.properties.demo && f.properties.label === null)).toBe(true);
    expect(features.filter((f) => f.properties.name === '主路')).toHaveLength(2); // split at B by the T-junction
    expect(features.find((f) => f.properties.name === '吉田测试路')!.properties.areaCode!.startsWith(JITIAN)).toBe(true);
    expect(features.find((f) => f.properties.name === '西线')!.properties.areaCode!.startsWith(YONGHE)).toBe(true);
    expect((await env.platform.roads.current())!.info).toEqual({ available: true, demo: false, label: null });
    const audit = (await admin.get('/api/audit?action=roads.import')).json();
    expect(audit.items[0]).toMatchObject({ actorName: 'admin', before: { edges: demoEdges }, after: { edges: 8, nodes: 10 } });
  });

  it('routes with A*, detours around a closed road, and says plainly when nothing is open', async () => {
    const { points: p } = testNetwork(yongheCentre);
    const origin: Pos = [p.A[0] - 0.0005, p.A[1]];
    const target: Pos = [p.C[0], p.C[1] - 0.0005];
    const [direct] = await legs(origin, [target]);
    expect(direct!.status).toBe('ok');
    // Access legs (about 50 m each) + A–B–C (about 1 km).
    expect(direct!.distanceKm).toBeGreaterThan(1.0);
    expect(direct!.distanceKm).toBeLessThan(1.2);
    expect(direct!.route!.coordinates[0]).toEqual(origin);
    expect(direct!.route!.coordinates.at(-1)).toEqual(target);

    const features = await network();
    const bc = edgeBetween({ features }, p.B, p.C);
    const de = edgeBetween({ features }, p.D, p.E);
    const closed = await zhiban.patch(`/api/roads/edges/${bc}`, { closed: true, reason: '山洪冲毁路基' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ id: bc, closed: true, closedReason: '山洪冲毁路基', closedBy: 'zhiban' });
    const [detour] = await legs(origin, [target]);
    expect(detour!.status).toBe('ok');
    // A–D–E–C: about 1.1 + 1.0 + 1.1 km.
    expect(detour!.distanceKm).toBeGreaterThan(3.2);
    expect(detour!.distanceKm).toBeLessThan(3.5);
    const passes = (q: Pos) => detour!.route!.coordinates.some((c) => Math.hypot(c[0] - q[0], c[1] - q[1]) < 1e-6);
    expect(passes(p.D) && passes(p.E)).toBe(true);

    expect((await zhiban.patch(`/api/roads/edges/${de}`, { closed: true })).statusCode).toBe(200);
    const [none] = await legs(origin, [target]);
    expect(none).toEqual({
      status: 'unreachable',
      distanceKm: null,
      route: null,
      message: '无可通行道路（路段封闭或路网不连通）',
    });
    const [dangling] = await legs(origin, [p.G]);
    expect(dangling!.status).toBe('unreachable'); // 30 m apart is not joined
    const [farAway] = await legs(origin, [jitianCentre]);
    expect(farAway!.status).toBe('unreachable');

    await zhiban.patch(`/api/roads/edges/${bc}`, { closed: false });
    await zhiban.patch(`/api/roads/edges/${de}`, { closed: false });
    expect((await legs(origin, [target]))[0]!.distanceKm).toBe(direct!.distanceKm);
    const geo = await network();
    expect(geo.find((f) => f.id === bc)!.properties).toMatchObject({ closed: false, closedReason: null });
    const audit = (await admin.get(`/api/audit?entity=road_edge&entityId=${bc}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['road.reopen', 'road.close']);
    expect(audit.items[1]).toMatchObject({
      actorName: 'zhiban',
      before: { closed: false },
      after: { closed: true, reason: '山洪冲毁路基' },
    });
  });

  it('lets a township officer close roads of their township only', async () => {
    const features = await network();
    const own = features.find((f) => f.properties.name === '西线')!;
    const other = features.find((f) => f.properties.name === '吉田测试路')!;
    const refused = await yonghe.patch(`/api/roads/edges/${other.id}`, { closed: true, reason: '越权' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '超出您的管辖区域' });
    expect((await yonghe.patch(`/api/roads/edges/${own.id}`, { closed: true })).json().closed).toBe(true);
    expect((await yonghe.patch(`/api/roads/edges/${own.id}`, { closed: false })).json().closed).toBe(false);
    expect((await yonghe.post('/api/roads/import', testNetwork(yongheCentre).file)).json().code).toBe('FORBIDDEN');
    const readonly = await env.login('chakan');
    expect((await readonly.patch(`/api/roads/edges/${own.id}`, { closed: true })).json().code).toBe('FORBIDDEN');
    expect((await readonly.get('/api/roads/geojson')).statusCode).toBe(200);

    const bad = [
      await zhiban.patch(`/api/roads/edges/${own.id}`, { closed: 'yes' }),
      await zhiban.patch(`/api/roads/edges/${own.id}`, { closed: true, colour: 'red' }),
      await zhiban.patch('/api/roads/edges/not-a-uuid', { closed: true }),
    ];
    for (const res of bad) expect(res.json().code).toBe('VALIDATION_FAILED');
    const missing = await zhiban.patch('/api/roads/edges/00000000-0000-4000-8000-000000000000', { closed: true });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'ROAD_EDGE_NOT_FOUND', message: '路段不存在' });
    const after = await network();
    expect(after.find((f) => f.id === other.id)!.properties.closed).toBe(false);
    expect(after.find((f) => f.id === own.id)!.properties.closed).toBe(false);
  });
});
