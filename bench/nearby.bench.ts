// k=10 nearest among 1,000,000 located items through NearbyService.nearest (scope filter included), against the raw
// geokdbush `around` on a kd-tree of the same points (the ceiling) and a brute-force scan (for scale), in the same run.
// Run with `npm run bench` (or `node --import tsx bench/nearby.bench.ts`). BENCH_POINTS and BENCH_QUERIES change the size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocatedItem } from '@yingji/contracts/located.ts';
import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';
import pino from 'pino';
import { loadDemo } from '../packages/server/src/demo/demo.ts';
import { LocatedIndex } from '../packages/server/src/domains/nearby/nearby.index.ts';
import { NearbyService } from '../packages/server/src/domains/nearby/nearby.service.ts';
import type { Actor } from '../packages/server/src/platform/access/actor.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { InProcessBus } from '../packages/server/src/platform/events/bus.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import { createPlatform } from '../packages/server/src/platform/platform.ts';

const POINTS = Number(process.env.BENCH_POINTS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20_000);
const K = 10;
// 连山's extent, roughly; townships are the real codes, villages six per township.
const [MIN_LON, MAX_LON, MIN_LAT, MAX_LAT] = [111.95, 112.3, 24.3, 24.85];
const TOWNSHIPS = ['100', '101', '102', '103', '104', '105', '106', '450', '451'].map((t) => `441825${t}`);

let seed = 2026;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const randomPoint = () => [MIN_LON + random() * (MAX_LON - MIN_LON), MIN_LAT + random() * (MAX_LAT - MIN_LAT)] as const;

// Village seeds; every point belongs to the village of its nearest seed, so areas are contiguous as real ones are.
const seeds = TOWNSHIPS.flatMap((t) =>
  Array.from({ length: 6 }, (_, v) => ({ code: `${t}2${String(v).padStart(2, '0')}`, at: randomPoint() })),
);
const seedTree = new KDBush(seeds.length);
for (const s of seeds) seedTree.add(s.at[0], s.at[1]);
seedTree.finish();

const PROPS = ['comprehensive', 'professional', 'forest_fire', 'volunteer'].map((type) => ({ type, dutyState: 'on_duty' }));
const items: LocatedItem[] = new Array(POINTS);
for (let i = 0; i < POINTS; i += 1) {
  const [lon, lat] = randomPoint();
  const village = seeds[around(seedTree, lon, lat, 1)[0]!]!;
  items[i] = { kind: 'team', id: `t${i}`, name: `队伍${i}`, lon, lat, areaCode: village.code, props: PROPS[i % 4]! };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeEach(count: number, run: (i: number) => unknown): Promise<{ p50: number; p99: number }> {
  // Warm-up (JIT) on other queries than the measured ones' order, not counted.
  for (let i = 0; i < Math.min(count, 500); i += 1) await run(count - 1 - i);
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const queries = Array.from({ length: QUERIES }, () => randomPoint());
const county: Actor = { userId: 'b', username: 'bench', roles: ['duty_officer'], areaCode: '441825' };
const townshipActor = (i: number): Actor => ({
  ...county,
  roles: ['township_officer'],
  areaCode: TOWNSHIPS[i % TOWNSHIPS.length]!,
});

// Index build: the kd-trees of one kind (whole county and per township), as a rebuild after a change event makes them.
let started = performance.now();
const index = LocatedIndex.build(items);
const buildMs = performance.now() - started;

const nearby = new NearbyService({ events: new InProcessBus(systemClock), log: pino({ level: 'silent' }) });
nearby.registerSource('team', { load: async () => items, invalidatedBy: [] });
started = performance.now();
await nearby.nearest(county, { lon: queries[0]![0], lat: queries[0]![1], kind: 'team', k: K });
const firstSearchMs = performance.now() - started;

// The ceiling: the bare kd-tree search on the same index (the county tree), no scope, no filter, no service.
const tree = index.treeFor('441825')!;
const ceiling = await timeEach(QUERIES, (i) => around(tree, queries[i]![0], queries[i]![1], K));
const countyFig = await timeEach(QUERIES, (i) =>
  nearby.nearest(county, { lon: queries[i]![0], lat: queries[i]![1], kind: 'team', k: K }),
);
const townshipFig = await timeEach(QUERIES, (i) =>
  nearby.nearest(townshipActor(i), { lon: queries[i]![0], lat: queries[i]![1], kind: 'team', k: K }),
);
// The everyday case: an officer searching around a point of their own township.
const homeFig = await timeEach(QUERIES, (i) => {
  const home = items[(i * 7919) % POINTS]!;
  const actor = { ...county, roles: ['township_officer' as const], areaCode: home.areaCode.slice(0, 9) };
  return nearby.nearest(actor, { lon: home.lon + 0.001, lat: home.lat, kind: 'team', k: K });
});
const filteredFig = await timeEach(QUERIES, (i) =>
  nearby.nearest(townshipActor(i), {
    lon: queries[i]![0],
    lat: queries[i]![1],
    kind: 'team',
    k: K,
    filter: { teamType: 'forest_fire' },
  }),
);
// What the township partitions save: the same township search as a predicate on the county tree.
const NAIVE = Math.min(QUERIES, 200);
const naiveScope = await timeEach(NAIVE, (i) => {
  const scope = townshipActor(i).areaCode;
  return around(tree, queries[i]![0], queries[i]![1], K, Infinity, (id) => items[id]!.areaCode.startsWith(scope));
});
const BRUTE = 50;
const brute = await timeEach(BRUTE, (i) => {
  const [lon, lat] = queries[i]!;
  const best: { i: number; d: number }[] = [];
  for (let j = 0; j < POINTS; j += 1) {
    const d = distance(lon, lat, items[j]!.lon, items[j]!.lat);
    if (best.length < K || d < best[best.length - 1]!.d) {
      best.push({ i: j, d });
      best.sort((a, b) => a.d - b.d);
      if (best.length > K) best.pop();
    }
  }
  return best;
});

// With the demo road network: the 20 straight-line candidates re-ranked by A* road distance.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-'));
const platform = await createPlatform(
  loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Bench-admin-2026' }),
  {
    log: pino({ level: 'silent' }),
  },
);
await loadDemo(platform);
const withRoads = new NearbyService({ events: platform.events, log: pino({ level: 'silent' }), roads: platform.roads });
withRoads.registerSource('team', { load: async () => items, invalidatedBy: [] });
const ROAD_QUERIES = Math.min(QUERIES, 2000);
await withRoads.nearest(county, { lon: queries[0]![0], lat: queries[0]![1], kind: 'team', k: K });
const roadFig = await timeEach(ROAD_QUERIES, (i) =>
  withRoads.nearest(county, { lon: queries[i]![0], lat: queries[i]![1], kind: 'team', k: K }),
);

const ms = (v: number) => `${v.toFixed(3).padStart(8)} ms`;
const line = (name: string, f: { p50: number; p99: number }) =>
  console.log(
    `${name.padEnd(58)} p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  ratio p50 ${(f.p50 / ceiling.p50).toFixed(1).padStart(6)}×  p99 ${(f.p99 / ceiling.p99).toFixed(1).padStart(6)}× of around()`,
  );
console.log(`${POINTS.toLocaleString('en')} points, ${QUERIES.toLocaleString('en')} queries, k=${K}`);
console.log(`index build (county tree + ${TOWNSHIPS.length} township trees)                 ${ms(buildMs)}`);
console.log(`first search (lazy build through the source)                ${ms(firstSearchMs)}`);
line('geokdbush around() on the same points (ceiling)', ceiling);
line('NearbyService.nearest, county officer (scope 441825)', countyFig);
line('NearbyService.nearest, township officer (scope 9 digits)', townshipFig);
line('NearbyService.nearest, township officer, point in own township', homeFig);
line('NearbyService.nearest, township officer + teamType filter', filteredFig);
line(`around() with a scope predicate on the county tree (${NAIVE} q)`, naiveScope);
line(`brute-force scan of every point (${BRUTE} queries)`, brute);
line(`NearbyService.nearest + demo road re-ranking (${ROAD_QUERIES} q)`, roadFig);
console.log(`figure: p99 ${countyFig.p99.toFixed(3)} ms (county), ${townshipFig.p99.toFixed(3)} ms (township) — target ≤ 5 ms`);

nearby.close();
withRoads.close();
await platform.close();
fs.rmSync(dir, { recursive: true, force: true });
