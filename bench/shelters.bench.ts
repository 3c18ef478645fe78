// 避难场所 register: paged, filtered shelter lists over 1,000,000 shelters (p99 of the service call), against the same
// filters run as raw SQL on prepared statements on the same file in the same run; and the R-09 coverage report over
// the demo county. The generated names go into the name index (platform/search) through its own `put`. Run with `npm run bench` or `node --import tsx bench/shelters.bench.ts` (BENCH_ROWS changes the
// 1,000,000, BENCH_ITERATIONS the 100 calls).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { ShelterListQuery } from '../packages/contracts/src/shelters.ts';
import { loadDemo } from '../packages/server/src/demo/demo.ts';
import type { Actor } from '../packages/server/src/platform/access/actor.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { createPlatform } from '../packages/server/src/platform/platform.ts';
import { prefixRange } from '../packages/server/src/platform/access/scope.ts';
import { nameQuery } from '../packages/server/src/platform/search/name-tokens.ts';
import { shelterNames } from '../packages/server/src/domains/shelters/shelters.repo.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 100);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-shelters-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Bench-admin-2026' });
const platform = await createPlatform(config, { log: pino({ level: 'silent' }) });
await loadDemo(platform);
const sqlite = platform.db.sqlite!;
const county: Actor = { userId: 'bench', username: 'bench', roles: ['duty_officer'], areaCode: '441825' };
const yonghe: Actor = { userId: 'bench', username: 'bench', roles: ['township_officer'], areaCode: '441825100' };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
async function time(fn: () => unknown, iterations = ITERATIONS): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

// The coverage report on the demo county as it is (9 townships, ~40 shelters), before the generated rows go in.
const coverage = await time(() => platform.shelters.coverage.report(county));

// Generated shelters spread over the county's villages, raw (the demo's own entries stay as they are).
const villages = (sqlite.prepare("select code from areas where level = 'village'").all() as { code: string }[]).map(
  (r) => r.code,
);
const insert = sqlite.prepare(
  `insert into shelters (id, name, type, grade, usable_area, facilities, manager_name, manager_phone, lon, lat, area_code,
     open, occupancy, demo, created_at, updated_at)
   values (?, ?, ?, ?, ?, '["water"]', '压测', '13800000000', 112.1, 24.6, ?, ?, 0, 1, '2026-07-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z')`,
);
let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
let started = performance.now();
const named: { id: string; text: string }[] = [];
for (let done = 0; done < ROWS;) {
  const chunk = Math.min(100_000, ROWS - done);
  sqlite.transaction(() => {
    for (let i = 0; i < chunk; i += 1) {
      const id = randomUUID();
      const name = `压测场所${done + i}`;
      named.push({ id, text: name });
      insert.run(
        id,
        name,
        pick(['indoor', 'outdoor']),
        pick(['emergency', 'fixed', 'fixed', 'central']),
        100 + Math.round(random() * 5000),
        pick(villages),
        random() < 0.05 ? 1 : 0,
      );
    }
  })();
  done += chunk;
}
const generatedS = (performance.now() - started) / 1000;
// The name index, written by the same code the repo writes it with, 100,000 names per transaction.
started = performance.now();
for (let i = 0; i < named.length; i += 100_000) {
  await platform.db.kysely.transaction().execute((trx) => shelterNames.put(trx, 'sqlite', named.slice(i, i + 100_000)));
}
const indexedS = (performance.now() - started) / 1000;
sqlite.exec('analyze');
const total = (sqlite.prepare('select count(*) as n from shelters').get() as { n: number }).n;

// The raw SQL of each filter as the repo builds it: the scope as a range (inScope), the filter columns hidden with
// unary + unless type, grade and open drive the kind index, the name through the name index when it matches few.
const range = (code: string) => `likely(area_code >= '${code}') and likely(area_code < '${prefixRange(code).upper}')`;
const byName = `name like ? and id in (select k.row_id from shelters_name_fts cross join shelters_name_keys as k
  on k.key = shelters_name_fts.rowid where shelters_name_fts match ?)`;
const scenarios: { name: string; actor: Actor; query: Partial<ShelterListQuery>; where: string; args: unknown[] }[] = [
  { name: 'county, no filter', actor: county, query: {}, where: range('441825'), args: [] },
  { name: 'county, page 101 (offset 5,000)', actor: county, query: { offset: 5000 }, where: range('441825'), args: [] },
  { name: 'county, type', actor: county, query: { type: 'indoor' }, where: `${range('441825')} and +type = ?`, args: ['indoor'] },
  {
    name: 'county, type + grade + open',
    actor: county,
    query: { type: 'outdoor', grade: 'central', open: true },
    where: `${range('441825')} and type = ? and grade = ? and open = ?`,
    args: ['outdoor', 'central', 1],
  },
  {
    name: 'county, name contains',
    actor: county,
    query: { q: '场所12345' },
    where: `${range('441825')} and ${byName}`,
    args: ['%场所12345%', nameQuery('场所12345')!.fts5],
  },
  {
    name: 'county, name contains 场所 (every row)',
    actor: county,
    query: { q: '场所' },
    where: `${range('441825')} and name like ?`,
    args: ['%场所%'],
  },
  { name: '永和镇 scope, no filter', actor: yonghe, query: {}, where: range('441825100'), args: [] },
  {
    name: '永和镇 scope, one village, open',
    actor: yonghe,
    query: { areaCode: '441825100201', open: true },
    where: `${range('441825100201')} and +open = ?`,
    args: [1],
  },
];

console.log(
  `避难场所 list over ${total.toLocaleString('en')} shelters (generated raw in ${generatedS.toFixed(1)} s, names indexed in ${indexedS.toFixed(1)} s), limit 50, count capped at 1,000, ${ITERATIONS} calls each`,
);
console.log(
  `${'filter'.padEnd(36)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'raw p99'.padStart(8)} ${'ratio'.padStart(6)}   total`,
);
let worst = 0;
for (const s of scenarios) {
  const query = { limit: 50, offset: 0, ...s.query } as ShelterListQuery;
  let found = '';
  const service = await time(async () => {
    const page = await platform.shelters.shelters.list(s.actor, query);
    found = page.totalCapped ? `${page.total}+` : String(page.total);
  });
  // The raw ceiling: the same filters, page and count, on prepared statements without the service or Kysely.
  const page = sqlite.prepare(
    `select * from shelters where ${s.where} order by area_code, name, id limit 51 offset ${query.offset}`,
  );
  const count = sqlite.prepare(`select count(*) as n from (select 1 from shelters where ${s.where} limit 1001)`);
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
console.log(
  `R-09 coverage report, demo county before the generated rows: p50 ${percentile(coverage, 50).toFixed(2)} ms, p99 ${percentile(coverage, 99).toFixed(2)} ms`,
);
started = performance.now();
await platform.close();
fs.rmSync(dir, { recursive: true, force: true });
