import { bbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { StationCreate, StationKind } from '@yingji/contracts/monitoring.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import type { Platform } from '../../platform/platform.ts';

/*
 * Demo 监测站点 for 连山 (441825): a rain gauge in every township, water-level gauges on the 连江/小三江 reaches,
 * 地质灾害 points, a 森林火险 station in the 林场 and one enterprise 危化品 source. Invented for the demo: demo = 1,
 * the note says 演示数据, and their credentials are discarded (rotate them to connect a simulator or a device).
 */

const NOTE = '演示数据（非真实）';
const KIND_CODES: Record<StationKind, string> = {
  rain_gauge: 'RG',
  water_level: 'WL',
  geohazard: 'GH',
  forest_fire: 'FF',
  hazmat: 'HZ',
};

type Shape = Feature<Polygon | MultiPolygon, { code: string; name: string; parentCode: string | null }>;

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function loadMonitoringDemo(platform: Platform, countyCode: string): Promise<{ loaded: boolean }> {
  const { db } = platform;
  const existing = await db.kysely
    .selectFrom('monitoring_stations')
    .select('id')
    .where('demo', '=', 1)
    .limit(1)
    .executeTakeFirst();
  if (existing) return { loaded: false };
  const random = seededRandom(Number(countyCode) + 3301);
  const fc = await platform.areas.geojson(SYSTEM_ACTOR, countyCode, ['township']);
  const townships = (fc.features as unknown as Shape[]).filter((f) => f.properties.code.length === 9);

  const used = new Set<string>();
  const placeIn = (shape: Shape) => {
    if (!used.has(shape.properties.code)) {
      used.add(shape.properties.code);
      const [lon, lat] = pointOnFeature(shape).geometry.coordinates as [number, number];
      return { lon, lat };
    }
    const [minX, minY, maxX, maxY] = bbox(shape);
    for (let tries = 0; tries < 1000; tries += 1) {
      const p: [number, number] = [minX + random() * (maxX - minX), minY + random() * (maxY - minY)];
      if (booleanPointInPolygon(p, shape)) return { lon: p[0], lat: p[1] };
    }
    throw new Error(`no point found in ${shape.properties.code}`);
  };

  const inputs: StationCreate[] = [];
  let seq = 0;
  const add = (
    shape: Shape,
    kind: StationKind,
    name: string,
    owner: Pick<StationCreate, 'ownerType' | 'ownerName'>,
    extra: Partial<StationCreate> = {},
  ) => {
    seq += 1;
    const code = `DEMO-${KIND_CODES[kind]}-${String(seq).padStart(2, '0')}`;
    inputs.push({
      code,
      name,
      kind,
      ...owner,
      deviceIds: [`RTU-${countyCode}-${String(seq).padStart(3, '0')}`],
      waterLevels: null,
      note: NOTE,
      ...placeIn(shape),
      ...extra,
    });
  };

  const water = { ownerType: 'department' as const, ownerName: '连山县水利局' };
  townships.forEach((t) => add(t, 'rain_gauge', `${t.properties.name}雨量站`, water));
  const byName = (name: string) => townships.find((t) => t.properties.name === name) ?? townships[0]!;
  // Levels in metres above datum: 警戒 below 保证 below the historic maximum, as a gauge's 特征水位 are.
  const gauges: [string, string, number][] = [
    ['永和镇', '连江永和水位站', 212],
    ['吉田镇', '吉田河吉田水位站', 236],
    ['小三江镇', '小三江水位站', 188],
  ];
  for (const [town, name, base] of gauges) {
    add(byName(town), 'water_level', name, water, {
      waterLevels: { warning: base + 3.5, guaranteed: base + 5, historicMax: base + 6.2 },
    });
  }
  const geo = { ownerType: 'department' as const, ownerName: '连山县自然资源局' };
  add(byName('太保镇'), 'geohazard', '太保镇滑坡监测点', geo);
  add(byName('上帅镇'), 'geohazard', '上帅镇崩塌监测点', geo);
  add(byName('连山林场'), 'forest_fire', '连山林场森林火险综合监测站', { ownerType: 'department', ownerName: '连山县林业局' });
  add(byName('永和镇'), 'hazmat', '永和加油站储罐区', { ownerType: 'enterprise', ownerName: '永和加油站（演示）' });

  await platform.monitoring.stations.createMany(
    SYSTEM_ACTOR,
    inputs.map((value, i) => ({ row: i + 2, value })),
    { demo: true },
  );
  return { loaded: true };
}
