import mqtt from 'mqtt';
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { StationCreate, StationCredentials, StationKind } from '@yingji/contracts/monitoring.ts';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import type { Platform } from '../../platform/platform.ts';
import { READINGS_TOPIC } from './mqtt.broker.ts';
import { simReadings, simStation, type SimStation } from './simulator.values.ts';

/** Most of a county's stations are rain gauges; the rest in the proportions a county network has. */
const KIND_MIX: StationKind[] = [
  'rain_gauge',
  'rain_gauge',
  'rain_gauge',
  'water_level',
  'water_level',
  'geohazard',
  'forest_fire',
  'hazmat',
];

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Simulator stations SIM-0001… inside the county (created, labelled 演示数据, or reused), each with fresh
 * credentials: only hashes are stored, so reusing a station means rotating its secrets.
 */
export async function provisionSimStations(
  platform: Platform,
  countyCode: string,
  count: number,
): Promise<{ station: SimStation; credentials: StationCredentials }[]> {
  const random = seededRandom(count + 7);
  const fc = await platform.areas.geojson(SYSTEM_ACTOR, countyCode, ['township']);
  const shapes = (fc.features as unknown as Feature<Polygon | MultiPolygon, { code: string }>[]).filter(
    (f) => f.properties.code.length === 9,
  );
  if (shapes.length === 0) throw new Error(`县 ${countyCode} 没有乡镇边界：请先 yingji init --county ${countyCode}`);
  const existing = new Map((await platform.monitoring.stations.all(SYSTEM_ACTOR)).map((s) => [s.code, s]));
  const fresh: StationCreate[] = [];
  for (let i = 1; i <= count; i += 1) {
    const code = `SIM-${String(i).padStart(4, '0')}`;
    if (existing.has(code)) continue;
    const shape = shapes[i % shapes.length]!;
    const [minX, minY, maxX, maxY] = bbox(shape);
    let point: [number, number] = [minX, minY];
    for (let tries = 0; tries < 1000; tries += 1) {
      point = [minX + random() * (maxX - minX), minY + random() * (maxY - minY)];
      if (booleanPointInPolygon(point, shape)) break;
    }
    const kind = KIND_MIX[i % KIND_MIX.length]!;
    fresh.push({
      code,
      name: `模拟站 ${code}`,
      kind,
      lon: point[0],
      lat: point[1],
      ownerType: kind === 'hazmat' ? 'enterprise' : 'department',
      ownerName: kind === 'hazmat' ? '模拟企业' : '模拟部门',
      deviceIds: [`SIM-RTU-${i}`],
      waterLevels:
        kind === 'water_level'
          ? { warning: 180 + (i % 60) + 3.5, guaranteed: 180 + (i % 60) + 5, historicMax: 180 + (i % 60) + 6.2 }
          : null,
      note: '演示数据（模拟器）',
    });
  }
  const out: { station: SimStation; credentials: StationCredentials }[] = [];
  if (fresh.length > 0) {
    for (const c of await platform.monitoring.stations.createMany(
      SYSTEM_ACTOR,
      fresh.map((value, i) => ({ row: i + 2, value })),
      { demo: true },
    ))
      out.push({
        station: simStation(c.station.code, c.station.kind, Number(c.station.code.slice(4))),
        credentials: c.credentials,
      });
  }
  for (let i = 1; i <= count; i += 1) {
    const s = existing.get(`SIM-${String(i).padStart(4, '0')}`);
    if (!s) continue;
    out.push({
      station: simStation(s.code, s.kind, i),
      credentials: await platform.monitoring.stations.rotateCredentials(SYSTEM_ACTOR, s.id),
    });
  }
  return out.sort((a, b) => a.station.code.localeCompare(b.station.code));
}

export interface SimulateOptions {
  /** Readings per second, all stations together. */
  rate: number;
  http?: string;
  mqtt?: string;
  storm: boolean;
  /** Seconds to run (0: until stopped). */
  durationS: number;
  onProgress?: (sent: number, acked: number, errors: number) => void;
}

/**
 * Publishes each station's readings at the rate asked (every station reports all its metrics at each tick), over
 * HTTP batches or MQTT QoS 1, and waits for each acknowledgement. Returns the readings sent and acknowledged.
 */
export async function simulate(
  stations: { station: SimStation; credentials: StationCredentials }[],
  options: SimulateOptions,
): Promise<{ sent: number; acked: number; errors: number; seconds: number }> {
  const random = seededRandom(42);
  const perTick = stations.reduce(
    (n, s) =>
      n +
      (s.station.kind === 'forest_fire'
        ? 4
        : s.station.kind === 'hazmat'
          ? 5
          : s.station.kind === 'rain_gauge'
            ? 1
            : s.station.kind === 'water_level'
              ? 2
              : 3),
    0,
  );
  const tickMs = Math.max(1, (1000 * perTick) / options.rate);
  // The storm began three hours ago: its build-up is replayed fast (late readings), then it goes on in real time.
  const storm = options.storm ? { startMs: Date.now() - 3 * 3_600_000 } : null;
  const started = Date.now();
  const endAt = options.durationS > 0 ? started + options.durationS * 1000 : Infinity;
  let sent = 0;
  let acked = 0;
  let errors = 0;
  const clients = options.mqtt
    ? await Promise.all(
        stations.map((s) =>
          mqtt.connectAsync(options.mqtt!, {
            username: s.credentials.mqttUsername,
            password: s.credentials.mqttPassword,
            clientId: `sim-${s.station.code}-${process.pid}`,
            reconnectPeriod: 1000,
          }),
        ),
      )
    : [];
  // A storm replays the last hours fast: each tick advances the simulated time by a minute until it is now.
  let virtualMs = storm ? storm.startMs : Date.now() - tickMs;
  const inflight = new Set<Promise<void>>();
  let tick = 0;
  while (Date.now() < endAt) {
    const due = started + tick * tickMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    tick += 1;
    const previousMs = virtualMs;
    virtualMs = storm ? Math.min(Date.now(), virtualMs + 60_000) : Date.now();
    const intervalMs = Math.max(1, virtualMs - previousMs || tickMs);
    for (let i = 0; i < stations.length; i += 1) {
      const { station, credentials } = stations[i]!;
      const readings = simReadings(station, virtualMs, intervalMs, storm, random);
      sent += readings.length;
      const p = (
        options.mqtt
          ? clients[i]!.publishAsync(READINGS_TOPIC(station.code), JSON.stringify({ readings }), { qos: 1 }).then(() => undefined)
          : fetch(`${options.http}/api/ingest/readings`, {
              method: 'POST',
              headers: { authorization: `Bearer ${credentials.deviceToken}`, 'content-type': 'application/json' },
              body: JSON.stringify({ readings }),
            }).then(async (res) => {
              if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
              await res.arrayBuffer();
            })
      ).then(
        () => void (acked += readings.length),
        () => void (errors += readings.length),
      );
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    // Back-pressure: never more than a few thousand requests in flight.
    while (inflight.size > 2_000) await Promise.race(inflight);
    options.onProgress?.(sent, acked, errors);
  }
  await Promise.allSettled(inflight);
  await Promise.all(clients.map((c) => c.endAsync()));
  return { sent, acked, errors, seconds: (Date.now() - started) / 1000 };
}
