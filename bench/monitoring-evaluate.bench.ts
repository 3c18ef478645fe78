// E3 rules evaluation alone, in memory: readings/s through the ReadingEvaluator (every rule judged per reading, state
// per station, only level changes reported) against a raw loop over the very same array (parse the instant, add the
// value to a per-station total) — the evaluator's share of the ≥ 50,000 readings/s HTTP ingest budget. Then the same
// storm with the real AlarmsService writing alarms to SQLite (one transaction per batch).
// Run with `node --import tsx bench/monitoring-evaluate.bench.ts` (BENCH_READINGS changes the 2,000,000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Metric } from '../packages/contracts/src/monitoring.ts';
import { createEvaluation } from '../packages/server/src/domains/monitoring/alarms.factory.ts';
import { ReadingEvaluator } from '../packages/server/src/domains/monitoring/evaluator.ts';
import { alarmsMigrations } from '../packages/server/src/domains/monitoring/migrations/alarms.migrations.ts';
import type {
  AcceptedReading,
  ConditionReport,
  StationProfile,
} from '../packages/server/src/domains/monitoring/monitoring.pipeline.ts';
import { AuditLog } from '../packages/server/src/platform/audit/audit.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import { openDatabase } from '../packages/server/src/platform/db/database.ts';
import { ALL_MIGRATIONS } from '../packages/server/src/platform/db/migrations.ts';
import { migrateToLatest } from '../packages/server/src/platform/db/migrator.ts';
import { InProcessBus } from '../packages/server/src/platform/events/bus.ts';
import { RulesService } from '../packages/server/src/platform/rules/rules.ts';

const READINGS = Number(process.env.BENCH_READINGS ?? 2_000_000);
const BATCH = 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-evaluate-'));
const db = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'yingji.sqlite') });
await migrateToLatest(db);
if (!ALL_MIGRATIONS.some((m) => m.name === alarmsMigrations[0]!.name))
  for (const m of alarmsMigrations) await m.up(db.kysely as never, db.dialect);
const audit = new AuditLog(db, systemClock);
const rules = new RulesService({ db, audit, clock: systemClock });
const noHistory = { load: async () => [] };

// 2,000 stations of a county: 1,000 rain gauges, 300 water-level, 300 geohazard, 200 hazmat, 200 forest-fire.
const kinds: [StationProfile['kind'], number, Metric[]][] = [
  ['rain_gauge', 1000, ['rainfall_mm']],
  ['water_level', 300, ['water_level_m', 'rainfall_mm']],
  ['geohazard', 300, ['displacement_mm']],
  ['hazmat', 200, ['gas_lel_pct', 'pressure_mpa']],
  ['forest_fire', 200, ['air_temperature_c', 'relative_humidity_pct', 'wind_speed_ms', 'rainfall_mm']],
];
const feeds: { station: StationProfile; metric: Metric }[] = [];
for (const [kind, count, metrics] of kinds)
  for (let i = 0; i < count; i += 1) {
    const station: StationProfile = {
      id: `${kind}-${i}`,
      code: `${kind}-${i}`,
      name: `${kind} ${i}`,
      kind,
      areaCode: `4418251${String(i % 9).padStart(2, '0')}201`,
      lon: 112,
      lat: 24.5,
      ...(kind === 'water_level' && { waterLevels: { warning: 100, guaranteed: 102, historicMax: 103.5 } }),
    };
    for (const metric of metrics) feeds.push({ station, metric });
  }

// One reading per feed per minute, the minutes of a storm: rain builds to ~40 mm/h over gauges in a band (crossing
// blue, orange and red on a tenth of them), rivers rise through 警戒 and 保证, slopes creep, gas spikes now and then.
const start = Date.parse('2026-07-01T00:00:00Z');
const readings: AcceptedReading[] = new Array(READINGS);
for (let n = 0; n < READINGS; n += 1) {
  const minute = Math.floor(n / feeds.length);
  const { station, metric } = feeds[n % feeds.length]!;
  const i = Number(station.id.slice(station.id.lastIndexOf('-') + 1));
  const storm = i % 10 === 0 ? Math.max(0, Math.sin((minute / 600) * Math.PI)) : 0.1;
  const value =
    metric === 'rainfall_mm'
      ? Math.round(storm * 0.9 * 10) / 10
      : metric === 'water_level_m'
        ? 98 + storm * 5 + (i % 7) * 0.1
        : metric === 'displacement_mm'
          ? minute * 0.005 * (i % 5)
          : metric === 'gas_lel_pct'
            ? (minute + i) % 500 === 0
              ? 30
              : 2
            : metric === 'pressure_mpa'
              ? 0.8
              : metric === 'air_temperature_c'
                ? 18 + 8 * Math.sin((minute / 1440) * 2 * Math.PI)
                : metric === 'relative_humidity_pct'
                  ? 60 - 25 * Math.sin((minute / 1440) * 2 * Math.PI)
                  : 3;
  const at = new Date(start + minute * 60_000).toISOString();
  readings[n] = { station, metric, value, at, receivedAt: at };
}

// (a) raw loop: the floor any evaluator pays (parse the instant, find the station, touch a number).
function rawLoop(): number {
  const totals = new Map<string, number>();
  const t = performance.now();
  let sink = 0;
  for (const r of readings) {
    const at = Date.parse(r.at);
    totals.set(r.station.id, (totals.get(r.station.id) ?? 0) + r.value);
    sink += at;
  }
  if (sink === 42) console.log('');
  return performance.now() - t;
}

// (b) the evaluator alone: batches of 1,000 (an HTTP batch), reports counted, not written.
async function evaluatorAlone(): Promise<{ ms: number; reports: number }> {
  let reports = 0;
  const evaluator = new ReadingEvaluator({
    db,
    rules,
    recent: noHistory,
    conditions: { report: async (c: readonly ConditionReport[]) => void (reports += c.length) },
    openLevels: async () => [],
  });
  const t = performance.now();
  for (let i = 0; i < readings.length; i += BATCH) await evaluator.accept(readings.slice(i, i + BATCH));
  return { ms: performance.now() - t, reports };
}

// (c) the evaluator with the real alarms service on SQLite (alarm rows, history, audit, events per batch).
async function withAlarms(): Promise<{ ms: number; alarms: number }> {
  await db.kysely.deleteFrom('alarm_history').execute();
  await db.kysely.deleteFrom('alarms').execute();
  const { evaluator } = createEvaluation({
    db,
    audit,
    events: new InProcessBus(systemClock),
    clock: systemClock,
    rules,
    recent: noHistory,
    stations: { profile: () => undefined },
    log: pino({ level: 'silent' }),
  });
  const t = performance.now();
  for (let i = 0; i < readings.length; i += BATCH) await evaluator.accept(readings.slice(i, i + BATCH));
  const ms = performance.now() - t;
  const { n } = await db.kysely
    .selectFrom('alarm_history')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { ms, alarms: Number(n) };
}

rawLoop(); // warm-up
const rawMs = rawLoop();
await evaluatorAlone(); // warm-up (JIT), as a long-running server is
const alone = await evaluatorAlone();
const stored = await withAlarms();
const rawRate = READINGS / (rawMs / 1000);
const aloneRate = READINGS / (alone.ms / 1000);
const storedRate = READINGS / (stored.ms / 1000);
console.log(
  `\nE3 rules evaluation: ${fmt(READINGS)} readings, ${fmt(feeds.length)} feeds of 2,000 stations, batches of ${BATCH}`,
);
console.log(`${'figure'.padEnd(48)} ${'readings/s'.padStart(12)} ${'ratio'.padStart(7)}`);
console.log(`${'raw loop over the same array (ceiling)'.padEnd(48)} ${fmt(rawRate).padStart(12)} ${'1'.padStart(7)}`);
console.log(
  `${`evaluator alone (${fmt(alone.reports)} level changes)`.padEnd(48)} ${fmt(aloneRate).padStart(12)} ${(aloneRate / rawRate).toFixed(3).padStart(7)}`,
);
console.log(
  `${`evaluator + alarms on SQLite (${fmt(stored.alarms)} changes)`.padEnd(48)} ${fmt(storedRate).padStart(12)} ${(storedRate / rawRate).toFixed(3).padStart(7)}`,
);
console.log(
  `share of a 50,000 readings/s ingest budget: evaluator alone ${((50_000 / aloneRate) * 100).toFixed(1)} %, with alarm writes ${((50_000 / storedRate) * 100).toFixed(1)} %`,
);
await db.close();
fs.rmSync(dir, { recursive: true, force: true });
