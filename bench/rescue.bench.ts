// 救援队伍 register: paged, filtered team lists over 1,000,000 teams (p99 of the service call), against the same
// filters run as raw SQL on the same file in the same run. The generated names go into the name index
// (platform/search) through its own `put`. Run with `npm run bench` or
// `node --import tsx bench/rescue.bench.ts` (BENCH_ROWS changes the 1,000,000, BENCH_ITERATIONS the 100 calls).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadDemo } from '../packages/server/src/demo/demo.ts';
import type { Actor } from '../packages/server/src/platform/access/actor.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { createPlatform } from '../packages/server/src/platform/platform.ts';
import { prefixRange } from '../packages/server/src/platform/access/scope.ts';
import { nameQuery } from '../packages/server/src/platform/search/name-tokens.ts';
import { teamNames } from '../packages/server/src/domains/rescue/teams.repo.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-rescue-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Bench-admin-2026' });
const platform = await createPlatform(config, { log: pino({ level: 'silent' }) });
await loadDemo(platform);
const sqlite = platform.db.sqlite!;

// Generated teams spread over the county's villages, raw (the demo's own teams stay as they are).
const villages = (sqlite.prepare("select code from areas where level = 'village'").all() as { code: string }[]).map(
  (r) => r.code,
);
const types = ['comprehensive', 'professional', 'forest_fire', 'social', 'volunteer', 'enterprise'];
const levels = ['county', 'township', 'village', 'enterprise'];
const states = ['on_duty', 'standby', 'standby', 'standby', 'deployed', 'resting'];
const insert = sqlite.prepare(
  `insert into rescue_teams (id, name, type, level, lon, lat, area_code, leader_name, leader_phone, duty_state, is_demo, created_at, updated_at)
   values (?, ?, ?, ?, 112.1, 24.6, ?, '压测', '13800000000', ?, 1, '2026-07-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z')`,
);
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
let started = performance.now();
const named: { id: string; text: string }[] = [];
for (let done = 0; done < ROWS;) {
  const chunk = Math.min(100_000, ROWS - done);
  sqlite.transaction(() => {
    for (let i = 0; i < chunk; i += 1) {
      const id = randomUUID();
      named.push({ id, text: `压测队伍${done + i}` });
      insert.run(id, `压测队伍${done + i}`, pick(types), pick(levels), pick(villages), pick(states));
    }
  })();
  done += chunk;
}
const generatedS = (performance.now() - started) / 1000;
// The name index, written by the same code the repo writes it with, 100,000 names per transaction.
started = performance.now();
for (let i = 0; i < named.length; i += 100_000) {
  await platform.db.kysely.transaction().execute((trx) => teamNames.put(trx, 'sqlite', named.slice(i, i + 100_000)));
}
const indexedS = (performance.now() - started) / 1000;
const total = (sqlite.prepare('select count(*) as n from rescue_teams').get() as { n: number }).n;

const county: Actor = { userId: 'bench', username: 'bench', roles: ['duty_officer'], areaCode: '441825' };
const yonghe: Actor = { userId: 'bench', username: 'bench', roles: ['township_officer'], areaCode: '441825100' };
// The raw SQL of each filter as the repo builds it: the scope as a range (inScope), the filter columns hidden with
// unary + unless type, level and duty state drive the kind index, the name through the name index when it matches few.
const range = (code: string) => `likely(area_code >= '${code}') and likely(area_code < '${prefixRange(code).upper}')`;
const byName = `name like ? and id in (select k.row_id from rescue_teams_name_fts cross join rescue_teams_name_keys as k
  on k.key = rescue_teams_name_fts.rowid where rescue_teams_name_fts match ?)`;
const scenarios: { name: string; actor: Actor; query: Record<string, string>; where: string; args: unknown[] }[] = [
  { name: 'county, no filter', actor: county, query: {}, where: range('441825'), args: [] },
  { name: 'county, page 101 (offset 5,000)', actor: county, query: { offset: '5000' }, where: range('441825'), args: [] },
  {
    name: 'county, type',
    actor: county,
    query: { type: 'forest_fire' },
    where: `${range('441825')} and +type = ?`,
    args: ['forest_fire'],
  },
  {
    name: 'county, type + level + duty state',
    actor: county,
    query: { type: 'comprehensive', level: 'township', dutyState: 'deployed' },
    where: `${range('441825')} and type = ? and level = ? and duty_state = ?`,
    args: ['comprehensive', 'township', 'deployed'],
  },
  {
    name: 'county, name contains',
    actor: county,
    query: { q: '队伍12345' },
    where: `${range('441825')} and ${byName}`,
    args: ['%队伍12345%', nameQuery('队伍12345')!.fts5],
  },
  {
    name: 'county, name contains 队伍 (every row)',
    actor: county,
    query: { q: '队伍' },
    where: `${range('441825')} and name like ?`,
    args: ['%队伍%'],
  },
  { name: '永和镇 scope, no filter', actor: yonghe, query: {}, where: range('441825100'), args: [] },
  {
    name: '永和镇 scope, duty state',
    actor: yonghe,
    query: { dutyState: 'deployed' },
    where: `${range('441825100')} and +duty_state = ?`,
    args: ['deployed'],
  },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const time = async (fn: () => unknown) => {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
};

console.log(
  `救援队伍 list over ${total.toLocaleString('en')} teams (generated raw in ${generatedS.toFixed(1)} s, names indexed in ${indexedS.toFixed(1)} s), limit 50, count capped at 1,000, ${ITERATIONS} calls each`,
);
console.log(
  `${'filter'.padEnd(36)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'raw p99'.padStart(8)} ${'ratio'.padStart(6)}   total`,
);
let worst = 0;
for (const s of scenarios) {
  const query = {
    limit: 50,
    offset: Number(s.query.offset ?? 0),
    ...s.query,
    ...(s.query.offset ? { offset: Number(s.query.offset) } : {}),
  };
  let found = '';
  const service = await time(async () => {
    const page = await platform.rescue.teams.list(s.actor, query as never);
    found = page.totalCapped ? `${page.total}+` : String(page.total);
  });
  // The raw ceiling: the same filters, page and count, on prepared statements without the service or Kysely.
  const page = sqlite.prepare(
    `select * from rescue_teams where ${s.where} order by area_code, name limit 51 offset ${query.offset}`,
  );
  const count = sqlite.prepare(`select count(*) as n from (select 1 from rescue_teams where ${s.where} limit 1001)`);
  const raw = await time(() => {
    page.all(...s.args);
    count.get(...s.args);
  });
  const p99 = percentile(service, 99);
  worst = Math.max(worst, p99);
  console.log(
    `${s.name.padEnd(36)} ${percentile(service, 50).toFixed(2).padStart(7)} ${p99.toFixed(2).padStart(7)} ${percentile(raw, 99).toFixed(2).padStart(8)} ${(percentile(raw, 99) / p99).toFixed(2).padStart(6)}   ${found}`,
  );
}
console.log(`worst p99 ${worst.toFixed(2)} ms (target ≤ 50 ms); ratio = raw SQL p99 / service p99`);
started = performance.now();
await platform.close();
fs.rmSync(dir, { recursive: true, force: true });
