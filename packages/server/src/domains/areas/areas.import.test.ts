import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';
import { DIALECTS, freshDb } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/access/actor.ts';
import { AuditLog } from '../../platform/audit/audit.ts';
import { ManualClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { InProcessBus } from '../../platform/events/bus.ts';
import { importAreaGeojson } from './areas.import.ts';
import { loadReferenceCounty } from './areas.reference.ts';

const YONGHE = '441825100';
const YONGLIAN = '441825100201'; // 永联村, 永和镇
const JITIAN = '441825104';
const TAIBAO = '441825105';

/** A closed square ring around (lon, lat): a valid Polygon in 连山. */
function square(lon: number, lat: number, d = 0.01) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
      ],
    ],
  };
}
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

const BAD_FILE = collection(
  feature({ code: YONGHE }, square(112.08, 24.57)), // fine on its own, but the file as a whole is rejected
  feature({ code: '441825999' }, square(112.1, 24.6)),
  feature(
    { code: JITIAN },
    {
      type: 'Polygon',
      coordinates: [
        [
          [112, 24.5],
          [112.1, 24.5],
          [112.1, 24.6],
          [112, 24.6],
        ],
      ],
    },
  ),
  feature({ code: TAIBAO }, { type: 'Point', coordinates: [112.2, 24.7] }),
  feature({ adcode: YONGHE }, square(112.09, 24.58)),
  feature({ name: '无代码的区域' }, square(112.1, 24.6)),
);

describe.each(DIALECTS)('area boundary import on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  const deps = () => ({ db: env.platform.db, audit: env.platform.audit, events: env.platform.events, clock: env.clock });
  const storedGeometry = async (code: string) => {
    const row = await env.platform.db.kysely
      .selectFrom('areas')
      .select('geometry')
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return JSON.parse(row.geometry!) as { type: string; coordinates: number[][][] };
  };
  /** Everything an import could touch: every area's shape and the audit trail. */
  const snapshot = async () => ({
    areas: await env.platform.db.kysely
      .selectFrom('areas')
      .select(['code', 'geometry', 'geometry_source', 'updated_at'])
      .orderBy('code')
      .execute(),
    audit: (await env.platform.audit.verify()).checked,
  });

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
  });
  afterAll(() => env.close());

  it('rejects a file with bad features, listing every bad row, and changes nothing', async () => {
    const before = await snapshot();
    const error = await importAreaGeojson(deps(), SYSTEM_ACTOR, BAD_FILE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('GEOJSON_INVALID');
    expect((error as AppError).details).toEqual({
      errors: [
        { row: 2, code: '441825999', problem: '该行政区划不存在，请先加载县的区划数据' },
        { row: 3, code: JITIAN, problem: '多边形的环没有闭合（首尾坐标应相同）' },
        { row: 4, code: TAIBAO, problem: '几何类型应为 Polygon 或 MultiPolygon，实际为 Point' },
        { row: 5, code: YONGHE, problem: '文件中代码重复' },
        { row: 6, code: null, problem: '属性 code（或 adcode）应为 6/9/12/15 位行政区划代码' },
      ],
    });
    expect(await snapshot()).toEqual(before);

    const notGeojson = await importAreaGeojson(deps(), SYSTEM_ACTOR, { type: 'Feature' }).catch((e: AppError) => e);
    expect(notGeojson).toMatchObject({ code: 'GEOJSON_INVALID', details: { errors: [{ row: 0 }] } });
  });

  it('replaces the demo shapes of 永和镇 with the imported ones and audits each', async () => {
    expect((await admin.get(`/api/areas/${YONGHE}`)).json().geometrySource).toBe('demo');
    env.clock.advance(60_000);
    const township = square(112.05, 24.55, 0.1);
    const village = {
      type: 'MultiPolygon',
      coordinates: [square(112.06, 24.56).coordinates, square(112.08, 24.58).coordinates],
    };
    const result = await importAreaGeojson(
      deps(),
      SYSTEM_ACTOR,
      // `adcode` (DataV style) and a numeric code are accepted as well as `code`.
      collection(feature({ adcode: Number(YONGHE), name: '永和镇' }, township), feature({ code: YONGLIAN }, village)),
    );
    expect(result).toEqual({ updated: 2 });

    for (const code of [YONGHE, YONGLIAN]) {
      expect((await admin.get(`/api/areas/${code}`)).json().geometrySource).toBe('imported');
    }
    const served = (await admin.get(`/api/areas/geojson?root=${YONGHE}&levels=township`)).json();
    expect(served.features).toHaveLength(1);
    expect(served.features[0]).toMatchObject({ properties: { code: YONGHE, geometrySource: 'imported' }, geometry: township });
    expect(await storedGeometry(YONGLIAN)).toEqual(village);
    // Neighbours keep their demo shapes.
    expect((await admin.get(`/api/areas/${JITIAN}`)).json().geometrySource).toBe('demo');

    const audit = (await admin.get('/api/audit?action=area.import_geometry')).json();
    expect(audit.items.map((e: { entityId: string }) => e.entityId).sort()).toEqual([YONGHE, YONGLIAN]);
    expect(audit.items[0]).toMatchObject({
      actorName: 'system',
      at: env.clock.now().toISOString(),
      before: { geometrySource: 'demo' },
      after: { geometrySource: 'imported', crs: 'wgs84' },
    });
    expect(await env.platform.audit.verify()).toMatchObject({ ok: true });
  });

  it('converts GCJ-02 (Gaode/Tencent) coordinates to WGS-84, leaving the input as it was', async () => {
    const input = collection(feature({ code: JITIAN }, square(112.0, 24.5, 0.05)));
    const original = structuredClone(input);
    const expected = gcoord.transform(structuredClone(square(112.0, 24.5, 0.05)) as never, gcoord.GCJ02, gcoord.WGS84);

    expect(await importAreaGeojson(deps(), SYSTEM_ACTOR, input, 'gcj02')).toEqual({ updated: 1 });
    const stored = await storedGeometry(JITIAN);
    expect(stored).toEqual(expected);
    // The GCJ-02 offset in Guangdong is a few hundred metres, to the west and north.
    const [lon, lat] = stored.coordinates[0]![0]!;
    expect(lon).toBeLessThan(112.0);
    expect(lat).toBeGreaterThan(24.5);
    expect(input).toEqual(original);
  });

  it('is for administrators only', async () => {
    const zhiban: Actor = { userId: 'u', username: 'zhiban', roles: ['duty_officer'], areaCode: '441825' };
    const attempt = importAreaGeojson(deps(), zhiban, collection(feature({ code: YONGHE }, square(112, 24.5))));
    await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('yingji import areas-geojson (CLI)', () => {
  it('exits 1 and prints every bad row for a bad file; imports a good one', async () => {
    const fresh = await freshDb('sqlite');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-import-'));
    try {
      const clock = new ManualClock();
      const deps = { db: fresh.db, audit: new AuditLog(fresh.db, clock), events: new InProcessBus(clock), clock };
      await loadReferenceCounty(deps, SYSTEM_ACTOR, '441825');
      await fresh.db.close();
      if (fresh.target.dialect !== 'sqlite') throw new Error('unreachable');
      const database = fresh.target.file;

      const bad = path.join(dir, 'bad.geojson');
      fs.writeFileSync(bad, JSON.stringify(BAD_FILE));
      const rejected = await runCli(['import', 'areas-geojson', bad, '--database-url', database]);
      expect(rejected.code).toBe(1);
      expect(rejected.stderr).toContain('GEOJSON_INVALID');
      for (const problem of ['该行政区划不存在', '没有闭合', '实际为 Point', '文件中代码重复', '属性 code（或 adcode）']) {
        expect(rejected.stderr).toContain(problem);
      }
      expect(rejected.stderr).toMatch(/"row": 6/);

      const good = path.join(dir, 'good.geojson');
      fs.writeFileSync(good, JSON.stringify(collection(feature({ code: YONGHE }, square(112.05, 24.55, 0.1)))));
      const imported = await runCli(['import', 'areas-geojson', good, '--crs', 'gcj02', '--database-url', database]);
      expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining('已导入 1 个区划的边界') });
    } finally {
      await fresh.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
