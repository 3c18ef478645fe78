import { booleanPointInPolygon, centroid } from '@turf/turf';
import type { Feature } from 'geojson';
import type { LocatedItem, LocatedKind } from '@yingji/contracts/located.ts';
import type { NearbyFilter, Polygon } from '@yingji/contracts/nearby.ts';
import { distance } from 'geokdbush';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { edgeBetween, testNetwork, townshipCentres, type Pos } from '../roads/roads.fixtures.ts';
import { compileFilter } from './nearby.filters.ts';
import { NearbyService, type LocatedSource } from './nearby.service.ts';

const COUNTY = '441825';
const YONGHE = '441825100';
const JITIAN = '441825104';
const YONGLIAN = '441825100201';
const CHANGED = 'test.nearby.changed';

const actor = (username: string, roles: Actor['roles'], areaCode: string): Actor => ({
  userId: username,
  username,
  roles,
  areaCode,
});
const county = actor('zhiban', ['duty_officer'], COUNTY);
const yonghe = actor('yonghe', ['township_officer'], YONGHE);
const yonglian = actor('xinxiyuan', ['village_reporter'], YONGLIAN);

/** Deterministic fake register entries: a few of each kind around every village centre of the county. */
function fakeItems(villages: { code: string; at: Pos }[]): LocatedItem[] {
  const items: LocatedItem[] = [];
  villages.forEach(({ code, at }, v) => {
    for (let j = 0; j < 4; j += 1) {
      const i = v * 4 + j;
      const base = { name: `测试${i}`, lon: at[0] + (j - 1.5) * 0.004, lat: at[1] + ((i * 7) % 5) * 0.002, areaCode: code };
      items.push(
        { ...base, kind: 'warehouse', id: `wh-${i}`, props: { stock: { 'fake-tent': (i % 4) * 50, 'fake-rice': 10 } } },
        { ...base, kind: 'shelter', id: `sh-${i}`, props: { freeCapacity: (i % 6) * 40, open: i % 2 === 0 } },
        {
          ...base,
          kind: 'expert',
          id: `ex-${i}`,
          props: { fields: i % 3 === 0 ? ['防汛抗旱', '地质灾害'] : ['消防'], available: i % 4 !== 1 },
        },
        {
          ...base,
          kind: 'team',
          id: `tm-${i}`,
          props: { type: i % 2 ? 'fake-forest' : 'fake-general', dutyState: i % 3 ? 'standby' : 'on_duty' },
        },
      );
    }
  });
  return items;
}

/** The oracle: every item sorted by distance, by brute force. */
function bruteNearest(items: LocatedItem[], at: Pos, kind: LocatedKind, k: number, scope: string, filter: NearbyFilter = {}) {
  const predicate = compileFilter(kind, filter);
  return items
    .filter((i) => i.kind === kind && i.areaCode.startsWith(scope) && (!predicate || predicate(i)))
    .map((i) => ({ id: i.id, d: distance(at[0], at[1], i.lon, i.lat) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, k)
    .map((i) => i.id);
}

describe.each(DIALECTS)('nearby search on %s', (dialect) => {
  let env: TestEnv;
  let items: LocatedItem[];
  let nearby: NearbyService;
  let centres: Map<string, Pos>;
  const sourceOf = (kind: LocatedKind): LocatedSource => ({
    load: async () => items.filter((i) => i.kind === kind),
    invalidatedBy: [CHANGED],
  });
  const ids = (result: { items: { id: string }[] }) => result.items.map((i) => i.id);

  beforeAll(async () => {
    env = await testEnv(dialect);
    centres = await townshipCentres(env.platform);
    const villages = await env.platform.areas.geojson(SYSTEM_ACTOR, COUNTY, ['village']);
    items = fakeItems(
      villages.features.map((f) => ({
        code: String(f.properties!.code),
        at: centroid(f as unknown as Feature<Polygon>).geometry.coordinates as Pos,
      })),
    );
    // Searches without roads first; the roads test at the end hands in the platform's road network.
    nearby = new NearbyService({ events: env.platform.events, log: pino({ level: 'silent' }), rebuildDelayMs: 20 });
    for (const kind of ['warehouse', 'shelter', 'expert', 'team'] as const) nearby.registerSource(kind, sourceOf(kind));
  });
  afterAll(async () => {
    nearby.close();
    await env.close();
  });

  it('finds the k nearest in a straight line, nearest first, with distances', async () => {
    const at = centres.get(JITIAN)!;
    const result = await nearby.nearest(county, { lon: at[0], lat: at[1], kind: 'warehouse', k: 5 });
    expect(result).toMatchObject({ kind: 'warehouse', sourceAvailable: true, rankedBy: 'straight', roads: { available: false } });
    expect(ids(result)).toEqual(bruteNearest(items, at, 'warehouse', 5, COUNTY));
    expect(result.items[0]!.areaCode.startsWith(JITIAN)).toBe(true);
    const d = result.items.map((i) => i.distanceKm);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(result.items.every((i) => i.road === null)).toBe(true);
    const capped = await nearby.nearest(county, { lon: at[0], lat: at[1], kind: 'warehouse', k: 50, maxDistanceKm: 2 });
    expect(capped.items.every((i) => i.distanceKm <= 2)).toBe(true);
  });

  it('never gives a 永和镇 officer anything of 吉田镇, even searching from inside 吉田镇', async () => {
    for (const kind of ['warehouse', 'shelter', 'expert', 'team'] as const) {
      const at = centres.get(JITIAN)!;
      const result = await nearby.nearest(yonghe, { lon: at[0], lat: at[1], kind, k: 10 });
      expect(result.items).toHaveLength(10);
      expect(result.items.every((i) => i.areaCode.startsWith(YONGHE))).toBe(true);
      expect(ids(result)).toEqual(bruteNearest(items, at, kind, 10, YONGHE));
      const village = await nearby.nearest(yonglian, { lon: at[0], lat: at[1], kind, k: 10 });
      expect(ids(village)).toEqual(bruteNearest(items, at, kind, 10, YONGLIAN));
      expect(village.items.length).toBe(4);
    }
  });

  it('filters by kind-specific conditions given as data', async () => {
    const at = centres.get(YONGHE)!;
    const cases: [LocatedKind, NearbyFilter][] = [
      ['warehouse', { supplyKindId: 'fake-tent' }],
      ['warehouse', { supplyKindId: 'fake-tent', minQuantity: 150 }],
      ['warehouse', { supplyKindId: 'fake-unknown' }],
      ['shelter', { minFreeCapacity: 120, openOnly: true }],
      ['expert', { field: '防汛抗旱' }],
      ['expert', { field: '防汛抗旱', availableOnly: true }],
      ['team', { teamType: 'fake-forest', dutyState: 'on_duty' }],
    ];
    for (const [kind, filter] of cases) {
      const result = await nearby.nearest(county, { lon: at[0], lat: at[1], kind, k: 8, filter });
      expect(ids(result)).toEqual(bruteNearest(items, at, kind, 8, COUNTY, filter));
    }
    const tents = await nearby.nearest(county, {
      lon: at[0],
      lat: at[1],
      kind: 'warehouse',
      k: 8,
      filter: { supplyKindId: 'fake-tent', minQuantity: 150 },
    });
    expect(tents.items.every((i) => (i.props.stock as Record<string, number>)['fake-tent']! >= 150)).toBe(true);
    const wrongKind = nearby.nearest(county, { lon: at[0], lat: at[1], kind: 'warehouse', k: 8, filter: { field: '消防' } });
    await expect(wrongKind).rejects.toMatchObject({ code: 'NEARBY_FILTER_INVALID', message: '筛选条件「专业领域」只适用于专家' });
    const noKind = nearby.nearest(county, { lon: at[0], lat: at[1], kind: 'warehouse', k: 8, filter: { minQuantity: 1 } });
    await expect(noKind).rejects.toBeInstanceOf(AppError);
  });

  it('answers "what is inside" an area or a drawn polygon, within the scope', async () => {
    const inYonglian = await nearby.within(yonghe, { kind: 'shelter', areaCode: YONGLIAN });
    expect(inYonglian.total).toBe(4);
    expect(inYonglian.items.every((i) => i.areaCode === YONGLIAN)).toBe(true);
    const wide = await nearby.within(yonghe, { kind: 'shelter', areaCode: COUNTY });
    expect(wide.total).toBe(items.filter((i) => i.kind === 'shelter' && i.areaCode.startsWith(YONGHE)).length);
    await expect(nearby.within(yonghe, { kind: 'shelter', areaCode: JITIAN })).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    const open = await nearby.within(county, { kind: 'shelter', areaCode: JITIAN, filter: { openOnly: true } });
    expect(open.items.every((i) => i.props.open === true && i.areaCode.startsWith(JITIAN))).toBe(true);

    const [x, y] = centres.get(JITIAN)!;
    const r = 0.03;
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [x - r, y - r],
          [x + r, y - r],
          [x + r, y + r],
          [x - r, y + r],
          [x - r, y - r],
        ],
      ],
    };
    const inside = await nearby.within(county, { kind: 'team', polygon });
    const expected = items.filter((i) => i.kind === 'team' && booleanPointInPolygon([i.lon, i.lat], polygon)).map((i) => i.id);
    expect(inside.total).toBeGreaterThan(0);
    expect(ids(inside).sort()).toEqual(expected.sort());
    expect((await nearby.within(yonghe, { kind: 'team', polygon })).items.every((i) => i.areaCode.startsWith(YONGHE))).toBe(true);
  });

  it('rebuilds a kind after its change event, and not before', async () => {
    const at = centres.get(YONGHE)!;
    const query = { lon: at[0], lat: at[1], kind: 'expert' as const, k: 1 };
    expect((await nearby.nearest(county, query)).items[0]!.id).not.toBe('ex-new');
    items.push({
      kind: 'expert',
      id: 'ex-new',
      name: '新专家',
      lon: at[0],
      lat: at[1],
      areaCode: YONGHE,
      props: { fields: ['地震'] },
    });
    expect((await nearby.nearest(county, query)).items[0]!.id).not.toBe('ex-new');
    await env.platform.events.publish(CHANGED as never, null, {} as never);
    await vi.waitFor(async () => {
      await nearby.settled();
      expect((await nearby.nearest(county, query)).items[0]!.id).toBe('ex-new');
    });
    items.pop();
  });

  it('keeps answering from the old index while a rebuild runs, then swaps in the new one whole', async () => {
    let release!: () => void;
    let loads = 0;
    let data: LocatedItem[] = [{ kind: 'target', id: 'old', name: '旧', lon: 112, lat: 24.5, areaCode: YONGHE, props: {} }];
    const own = new NearbyService({ events: env.platform.events, log: pino({ level: 'silent' }), rebuildDelayMs: 0 });
    own.registerSource('target', {
      invalidatedBy: [CHANGED],
      load: async () => {
        loads += 1;
        if (loads > 1) await new Promise<void>((resolve) => (release = resolve));
        return data;
      },
    });
    const query = { lon: 112, lat: 24.5, kind: 'target' as const, k: 5 };
    expect(ids(await own.nearest(county, query))).toEqual(['old']);
    data = [{ ...data[0]!, id: 'new' }];
    await env.platform.events.publish(CHANGED as never, null, {} as never);
    await vi.waitFor(() => expect(loads).toBe(2));
    expect(ids(await own.nearest(county, query))).toEqual(['old']);
    release();
    await own.settled();
    expect(ids(await own.nearest(county, query))).toEqual(['new']);
    expect((await own.nearest(county, { ...query, kind: 'shelter' })).sourceAvailable).toBe(false);
    own.close();
  });

  it('reads a register serving several kinds once per rebuild round', async () => {
    let calls = 0;
    const own = new NearbyService({ events: env.platform.events, log: pino({ level: 'silent' }), rebuildDelayMs: 0 });
    own.registerService({
      kinds: ['team', 'expert', 'equipment'],
      invalidatedBy: [CHANGED],
      allLocated: async () => {
        calls += 1;
        return items.filter((i) => i.kind === 'team' || i.kind === 'expert');
      },
    });
    const at = centres.get(YONGHE)!;
    const [teams, experts, equipment] = await Promise.all(
      (['team', 'expert', 'equipment'] as const).map((kind) => own.nearest(county, { lon: at[0], lat: at[1], kind, k: 3 })),
    );
    expect(calls).toBe(1);
    expect(teams!.items.every((i) => i.kind === 'team')).toBe(true);
    expect(ids(experts!)).toEqual(bruteNearest(items, at, 'expert', 3, COUNTY));
    expect(equipment).toMatchObject({ sourceAvailable: true, items: [] });
    own.close();
  });

  it('checks the search permission and the register’s own read permission', async () => {
    const own = new NearbyService({ events: env.platform.events, log: pino({ level: 'silent' }) });
    own.registerSource('target', { invalidatedBy: [], load: async () => [], permission: 'users:manage' });
    await expect(own.nearest(county, { lon: 112, lat: 24.5, kind: 'target', k: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = actor('admin', ['admin'], '');
    expect((await own.nearest(admin, { lon: 112, lat: 24.5, kind: 'target', k: 1 })).items).toEqual([]);
    own.close();
  });

  it('re-ranks the straight-line candidates by road distance when a road graph exists', async () => {
    const admin = await env.login('admin');
    const o = centres.get(YONGHE)!;
    const { points: p, file } = testNetwork(o);
    expect((await admin.post('/api/roads/import', file)).statusCode).toBe(200);
    // R1 is nearer in a straight line (about 1.0 km, by A–B–C); R2 is farther (about 1.2 km, by A–B–H).
    const r1: LocatedItem = { kind: 'target', id: 'r1', name: '靠近C', lon: p.C[0], lat: p.C[1], areaCode: YONGHE, props: {} };
    const r2: LocatedItem = { kind: 'target', id: 'r2', name: '靠近H', lon: p.H[0], lat: p.H[1], areaCode: YONGHE, props: {} };
    const withRoads = new NearbyService({
      events: env.platform.events,
      log: pino({ level: 'silent' }),
      roads: env.platform.roads,
    });
    withRoads.registerSource('target', { invalidatedBy: [], load: async () => [r1, r2] });
    const query = { lon: p.A[0], lat: p.A[1], kind: 'target' as const, k: 2 };

    const open = await withRoads.nearest(county, query);
    expect(open).toMatchObject({ rankedBy: 'road', roads: { available: true, demo: false, label: null } });
    expect(ids(open)).toEqual(['r1', 'r2']);
    expect(open.items[0]!.road).toMatchObject({ status: 'ok', route: { type: 'LineString' } });

    const fc = (await admin.get('/api/roads/geojson')).json();
    const bc = edgeBetween(fc, p.B, p.C);
    await admin.patch(`/api/roads/edges/${bc}`, { closed: true });
    const detour = await withRoads.nearest(county, query);
    expect(ids(detour)).toEqual(['r2', 'r1']);
    expect(detour.items[1]!.distanceKm).toBeLessThan(detour.items[0]!.distanceKm);
    expect(detour.items[1]!.road!.distanceKm!).toBeGreaterThan(detour.items[0]!.road!.distanceKm!);

    const de = edgeBetween(fc, p.D, p.E);
    await admin.patch(`/api/roads/edges/${de}`, { closed: true });
    const cut = await withRoads.nearest(county, query);
    expect(ids(cut)).toEqual(['r2', 'r1']);
    expect(cut.items[1]!.road).toEqual({
      status: 'unreachable',
      distanceKm: null,
      route: null,
      message: '无可通行道路（路段封闭或路网不连通）',
    });

    const far = await withRoads.nearest(county, { ...query, lon: centres.get(JITIAN)![0], lat: centres.get(JITIAN)![1] });
    expect(far.items[0]!.road!.status).toBe('off_network');
    expect(far.items[0]!.road!.message).toContain('搜索点距最近道路超过 5 公里');
    withRoads.close();
  });
});

describe.each(DIALECTS)('nearby routes on %s', (dialect) => {
  let env: TestEnv;
  let yonghe: ApiClient;
  let zhiban: ApiClient;
  const at: Pos = [112.08, 24.57];
  // Unusual kinds and values, so entries the real registers add to these kinds cannot change the answers.
  const fake = (id: string, areaCode: string, dx: number): LocatedItem => ({
    kind: 'team',
    id,
    name: id,
    lon: at[0] + dx,
    lat: at[1],
    areaCode,
    props: { type: 'fake-route-type', dutyState: 'on_duty' },
  });

  beforeAll(async () => {
    env = await testEnv(dialect);
    [yonghe, zhiban] = await Promise.all([env.login('yonghe'), env.login('zhiban')]);
    env.platform.nearby.registerSource('team', {
      invalidatedBy: [],
      load: async () => [fake('t-jitian', `${JITIAN}201`, 0.00001), fake('t-yonghe', `${YONGHE}201`, 0.00002)],
    });
  });
  afterAll(() => env.close());

  it('searches through GET /api/nearby within the caller’s scope, with road legs from the demo network', async () => {
    const url = `/api/nearby?lon=${at[0]}&lat=${at[1]}&kind=team&k=2&teamType=fake-route-type&dutyState=on_duty`;
    const county = (await zhiban.get(url)).json();
    // Both, in whichever order the road legs give (the two are a metre apart).
    expect(county.items.map((i: { id: string }) => i.id).sort()).toEqual(['t-jitian', 't-yonghe']);
    expect(county.roads).toEqual({ available: true, demo: true, label: '演示路网' });
    expect(county.rankedBy).toBe('road');
    const own = (await yonghe.get(url)).json();
    expect(own.items.map((i: { id: string }) => i.id)).toEqual(['t-yonghe']);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    for (const path of [
      '/api/nearby',
      '/api/nearby/within',
      '/api/roads/geojson',
      '/api/roads/import',
      '/api/roads/edges/{id}',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('refuses bad queries with a stable code and a Chinese message', async () => {
    const base = `/api/nearby?lon=${at[0]}&lat=${at[1]}`;
    for (const url of [
      `/api/nearby?lat=${at[1]}&kind=team`,
      `${base}&kind=team&k=0`,
      `${base}&kind=team&k=abc`,
      `${base}&kind=bridge`,
      `/api/nearby?lon=200&lat=24&kind=team`,
      `${base}&kind=shelter&openOnly=yes`,
      `${base}&kind=team&colour=red`,
      '/api/nearby/within?kind=team',
      '/api/nearby/within?kind=team&polygon=notjson',
      `/api/nearby/within?kind=team&polygon=${encodeURIComponent('{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}')}`,
    ]) {
      const res = await zhiban.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('VALIDATION_FAILED');
      expect(res.json().message).toMatch(/^请求参数不合法/);
    }
    const wrong = await zhiban.get(`${base}&kind=team&supplyKindId=tent`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'NEARBY_FILTER_INVALID', message: '筛选条件「物资品目」只适用于物资仓库' });
    const outside = await yonghe.get(`/api/nearby/within?kind=team&areaCode=${JITIAN}`);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('OUT_OF_SCOPE');
    const within = (await yonghe.get(`/api/nearby/within?kind=team&areaCode=${COUNTY}&teamType=fake-route-type`)).json();
    expect(within.items.map((i: { id: string }) => i.id)).toEqual(['t-yonghe']);
    const anonymous = await env.app.inject({ method: 'GET', url: `${base}&kind=team` });
    expect(anonymous.statusCode).toBe(401);
  });
});
