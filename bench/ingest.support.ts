// Shared set-up of the ingest benches: a platform on a fresh SQLite file with the demo county's areas (no other demo
// registers), N simulator stations with credentials, and the sink that evaluates readings: the rules + alarms
// evaluator of domains/monitoring when it can be wired, otherwise a sink that only counts (the bench says which).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Metric } from '../packages/contracts/src/monitoring.ts';
import { generateDemoGeometry } from '../packages/server/src/domains/areas/areas.demo.ts';
import { loadReferenceCounty } from '../packages/server/src/domains/areas/areas.reference.ts';
import type { ReadingSink } from '../packages/server/src/domains/monitoring/monitoring.pipeline.ts';
import { provisionSimStations } from '../packages/server/src/domains/monitoring/simulator.ts';
import { simReadings } from '../packages/server/src/domains/monitoring/simulator.values.ts';
import { SYSTEM_ACTOR } from '../packages/server/src/platform/access/actor.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { createPlatform, type Platform } from '../packages/server/src/platform/platform.ts';

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function benchPlatform(name: string, stationCount: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yingji-bench-${name}-`));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Bench-admin-2026', MQTT_MODE: 'off' });
  const platform = await createPlatform(config, { log: pino({ level: 'silent' }) });
  const deps = { db: platform.db, audit: platform.audit, events: platform.events, clock: platform.clock };
  await loadReferenceCounty(deps, SYSTEM_ACTOR, '441825');
  await generateDemoGeometry(deps, SYSTEM_ACTOR, '441825');
  const stations = await provisionSimStations(platform, '441825', stationCount);
  const sink = await evaluatingSink(platform);
  platform.monitoring.ingest.setSink(sink.sink);
  return { dir, platform, stations, sinkName: sink.name, counted: sink.counted };
}

/** The platform's own rules + alarms evaluator (wired by MonitoringDomain), counted; BENCH_SINK=count: a counter only. */
async function evaluatingSink(platform: Platform): Promise<{ sink: ReadingSink; name: string; counted: () => number }> {
  let n = 0;
  if (process.env.BENCH_SINK === 'count') {
    return {
      name: 'counting sink only (BENCH_SINK=count)',
      sink: { accept: async (batch) => void (n += batch.length) },
      counted: () => n,
    };
  }
  const evaluator = platform.monitoring.evaluation.evaluator;
  return {
    name: 'rules + alarms evaluator (domains/monitoring/evaluator.ts, as wired by the platform)',
    sink: {
      accept: async (batch) => {
        n += batch.length;
        await evaluator.accept(batch);
      },
    },
    counted: () => n,
  };
}

/**
 * Batches of readings per station (all metrics of its kind at each instant), one minute apart, ending now, so no
 * reading is in the future and none repeats. Each batch holds about `size` readings.
 */
export function batchesFor(
  stations: Awaited<ReturnType<typeof benchPlatform>>['stations'],
  total: number,
  size: number,
): { stationIndex: number; readings: { metric: Metric; value: number; at: string }[] }[] {
  const random = (() => {
    let s = 7;
    return () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
  })();
  const out: { stationIndex: number; readings: { metric: Metric; value: number; at: string }[] }[] = [];
  const perStation = Math.ceil(total / stations.length);
  const now = Date.now();
  for (let i = 0; i < stations.length; i += 1) {
    const s = stations[i]!.station;
    const rows: { metric: Metric; value: number; at: string }[] = [];
    const metrics = simReadings(s, now, 60_000, null, random).length;
    const instants = Math.ceil(perStation / metrics);
    for (let k = instants; k > 0; k -= 1) rows.push(...simReadings(s, now - k * 60_000, 60_000, null, random));
    for (let j = 0; j < rows.length; j += size) out.push({ stationIndex: i, readings: rows.slice(j, j + size) });
  }
  // Interleave stations, as concurrent devices would arrive.
  return out.sort((a, b) => a.readings[0]!.at.localeCompare(b.readings[0]!.at) || a.stationIndex - b.stationIndex);
}

export function cleanup(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
