// E5 → E6: matching an incident's facts against 1,000 digital plans in force (issue 6: p99 ≤ 10 ms). Measures
// matchPlans over the in-memory index (hazard buckets, area prefix, levels highest first, ranking) against a raw
// ceiling measured in the same run: a plain loop over the same 1,000 plans' trigger arrays that only compares
// numbers (no index, no area or hazard filter, no ranking). Then the same matches through the running platform
// (PlansDomain.match, plans stored in SQLite and loaded into the index once), and the cost of that load.
// Run with `npm run bench` or `node --import tsx bench/plans-match.bench.ts` (BENCH_PLANS, BENCH_MATCHES).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ALARM_LEVELS, type AlarmLevel } from '../packages/contracts/src/monitoring.ts';
import { PLAN_HAZARDS, type PlanHazard } from '../packages/contracts/src/plans.ts';
import type {
  DigitalPlan,
  IncidentFacts,
  LevelContent,
  Trigger,
  TriggerMetric,
} from '../packages/contracts/src/plans-digital.ts';
import { buildPlanIndex, matchPlans, type IndexablePlan } from '../packages/server/src/domains/plans/index.ts';
import { LIFECYCLE_UNSTARTED, plansRepo } from '../packages/server/src/domains/plans/plans.repo.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { createPlatform } from '../packages/server/src/platform/platform.ts';

const PLANS = Number(process.env.BENCH_PLANS ?? 1000);
const MATCHES = Number(process.env.BENCH_MATCHES ?? 10_000);

let seed = 20_260_701;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

// Areas: the county, its townships, some villages (and the areas of plans elsewhere, which must never match).
const TOWNSHIPS = ['100', '104', '105', '106', '108', '109', '111', '450', '451'].map((t) => `441825${t}`);
const VILLAGES = TOWNSHIPS.flatMap((t) => ['201', '202', '203', '204'].map((v) => `${t}${v}`));
const PLAN_AREAS = ['441825', '441825', '441825', ...TOWNSHIPS, '440983', '360222'];

// Thresholds of the usual four-level plans: IV … I as contiguous ranges.
const GRADES: Record<TriggerMetric, number[]> = {
  deaths: [1, 3, 10, 30],
  missing: [1, 3, 10, 30],
  injured: [1, 10, 50, 100],
  affected: [1000, 10000, 30000, 100000],
  economicLoss: [500, 2000, 5000, 10000],
  burnedForestHa: [0, 1, 100, 1000],
};
const LEVELS = ['IV', 'III', 'II', 'I'] as const;

function digitalPlan(hazards: PlanHazard[]): DigitalPlan {
  const metrics = (Object.keys(GRADES) as TriggerMetric[]).filter(() => random() < 0.6);
  const levels: LevelContent[] = LEVELS.map((level, i) => {
    const triggers: Trigger[] = [
      ...hazards.map((hazard) => ({
        hazards: [hazard],
        warningLevel: { from: ALARM_LEVELS[i]!, to: ALARM_LEVELS[i]! },
        thresholds: [],
        description: `${hazard} ${ALARM_LEVELS[i]}`,
      })),
      ...metrics.map((metric) => ({
        hazards: [],
        warningLevel: null,
        thresholds: [
          {
            metric,
            min: { value: GRADES[metric][i]!, inclusive: true },
            max: i === 3 ? null : { value: GRADES[metric][i + 1]!, inclusive: false },
          },
        ],
        description: `${metric} ${level}`,
      })),
    ];
    return { level, commander: null, triggers, tasks: [], resources: [], warnings: [] };
  });
  return {
    command: { headquarters: { name: '', commander: '', deputyCommanders: [], office: '', memberDepartments: [] }, groups: [] },
    levels,
  };
}

const plans: IndexablePlan[] = Array.from({ length: PLANS }, (_, i) => {
  const hazards =
    random() < 0.05 ? [] : Array.from(new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(PLAN_HAZARDS))));
  return {
    id: randomUUID(),
    name: `压测预案${i}`,
    version: 1,
    category: hazards.length === 0 ? 'overall' : 'special',
    areaCode: pick(PLAN_AREAS),
    ownerDepartment: '县应急管理局',
    hazardTypes: hazards,
    digital: digitalPlan(hazards),
  };
});
const triggerCount = plans.reduce((n, p) => n + p.digital.levels.reduce((m, l) => m + l.triggers.length, 0), 0);

const facts: IncidentFacts[] = Array.from({ length: MATCHES }, () => ({
  hazard: pick(PLAN_HAZARDS),
  areaCode: pick(VILLAGES),
  ...(random() < 0.5 && { warningLevel: pick(ALARM_LEVELS) as AlarmLevel }),
  ...(random() < 0.6 && { deaths: Math.floor(random() * 40) }),
  ...(random() < 0.4 && { injured: Math.floor(random() * 120) }),
  ...(random() < 0.5 && { affected: Math.floor(random() * 150_000) }),
  ...(random() < 0.5 && { economicLoss: Math.floor(random() * 15_000) }),
}));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

async function timeEach<T>(fn: (f: IncidentFacts) => T | Promise<T>): Promise<{ samples: number[]; total: number }> {
  const samples: number[] = [];
  let total = 0;
  for (const f of facts) {
    const t = performance.now();
    const result = await fn(f);
    samples.push(performance.now() - t);
    if (result) total += 1;
  }
  return { samples: samples.sort((a, b) => a - b), total };
}

// The raw ceiling: every trigger of every plan compared with the facts, nothing else.
const WARNING_RANK: Record<string, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };
function rawLoop(f: IncidentFacts): number {
  let held = 0;
  const warning = f.warningLevel ? WARNING_RANK[f.warningLevel]! : 0;
  for (const plan of plans) {
    for (const level of plan.digital.levels) {
      for (const t of level.triggers) {
        let ok = t.warningLevel
          ? warning >= WARNING_RANK[t.warningLevel.from]! && warning <= WARNING_RANK[t.warningLevel.to]!
          : true;
        for (const x of t.thresholds) {
          const v = f[x.metric];
          ok &&= v !== undefined && (x.min === null || v >= x.min.value) && (x.max === null || v < x.max.value);
        }
        if (ok) held += 1;
      }
    }
  }
  return held;
}

console.log(`${PLANS} plans in force, ${triggerCount} triggers; ${MATCHES} incidents`);
let t = performance.now();
const index = buildPlanIndex(plans);
const buildMs = performance.now() - t;
// Warm both paths before timing them.
for (const f of facts.slice(0, 500)) {
  matchPlans(index, f);
  rawLoop(f);
}
const raw = await timeEach(rawLoop);
const pure = await timeEach((f) => matchPlans(index, f).best);
const rawP99 = percentile(raw.samples, 99);
const pureP99 = percentile(pure.samples, 99);
console.log(`index build: ${fmt(buildMs)}`);
console.log(`raw trigger loop:  p50 ${fmt(percentile(raw.samples, 50))}  p99 ${fmt(rawP99)}`);
console.log(
  `matchPlans:        p50 ${fmt(percentile(pure.samples, 50))}  p99 ${fmt(pureP99)}  max ${fmt(pure.samples.at(-1)!)}  ` +
    `(${pure.total} of ${MATCHES} incidents matched a plan)`,
);
console.log(
  `ratio p99 matchPlans / raw loop: ${(pureP99 / rawP99).toFixed(2)}  (target p99 ≤ 10 ms: ${pureP99 <= 10 ? 'met' : 'NOT met'})`,
);

// Through the platform: the plans stored in SQLite, loaded once into the matcher's index.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-plans-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Bench-admin-2026', MQTT_MODE: 'off' });
const platform = await createPlatform(config, { log: pino({ level: 'silent' }) });
const now = new Date().toISOString();
await platform.db.kysely.transaction().execute((trx) =>
  plansRepo.insertMany(
    trx,
    plans.map((p) => ({
      id: p.id,
      lineage_id: p.id,
      version: 1,
      name: p.name,
      category: p.category,
      event_class: null,
      enterprise_form: null,
      owner_department: p.ownerDepartment,
      area_code: p.areaCode,
      hazard_types: JSON.stringify(p.hazardTypes),
      public: 1,
      parent_id: null,
      related_ids: '[]',
      catalogue_mark: null,
      summary: null,
      state: 'published',
      digital: JSON.stringify(p.digital),
      level_count: p.digital.levels.length,
      ...LIFECYCLE_UNSTARTED,
      published_on: '2026-01-01',
      previous_version_id: null,
      demo: 0,
      created_at: now,
      updated_at: now,
    })),
  ),
);
t = performance.now();
await platform.plans.matcher.current();
const loadMs = performance.now() - t;
const served = await timeEach((f) => platform.plans.match(f).then((r) => r.best));
console.log(`platform index load from SQLite: ${fmt(loadMs)}`);
console.log(`PlansDomain.match: p50 ${fmt(percentile(served.samples, 50))}  p99 ${fmt(percentile(served.samples, 99))}`);
await platform.close();
fs.rmSync(dir, { recursive: true, force: true });
