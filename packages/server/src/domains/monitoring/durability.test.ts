import type { ChildProcess } from 'node:child_process';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, stopServer } from '../../../test/cli.ts';
import { DIALECTS, freshTarget } from '../../../test/db.ts';
import { loadDemo } from '../../demo/demo.ts';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { loadConfig, type DatabaseTarget } from '../../platform/config.ts';
import { openDatabase } from '../../platform/db/database.ts';
import { createPlatform } from '../../platform/platform.ts';
import { READINGS_TOPIC } from './mqtt.broker.ts';

interface Server {
  child: ChildProcess;
  http: string;
  mqttPort: number;
}

/** `yingji start` from source in a child process, on free ports, against the given database. */
async function startIngestServer(target: DatabaseTarget): Promise<Server> {
  const { child, ready } = await startServer(
    target.dialect === 'sqlite' ? target.file : target.url,
    { MQTT_PORT: '0', MQTT_MODE: 'embedded', YINGJI_ADMIN_PASSWORD: 'Durability-2026' },
    (output) => {
      const http = /已启动：(http:\/\/\S+)/.exec(output)?.[1];
      const port = /内置代理 mqtt:\/\/\S+:(\d+)/.exec(output)?.[1];
      return http && port ? { http, mqttPort: Number(port) } : null;
    },
  );
  return { child, ...ready };
}

const kill9 = (server: Server) => stopServer(server.child, 'SIGKILL');

const key = (r: { metric: string; at: string }) => `${r.metric}|${r.at}`;

describe.each(DIALECTS)('ingest durability on %s', (dialect) => {
  const running: Server[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) await kill9(s);
    for (const c of cleanup.splice(0)) await c();
  });

  it('keeps every reading acknowledged over HTTP and MQTT QoS 1 when the process is killed -9 right after', async () => {
    const { target, remove } = await freshTarget(dialect);
    cleanup.push(remove);
    // The county, and two stations whose credentials the "devices" below use.
    const config = { ...loadConfig({ LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Durability-2026' }), database: target };
    const setup = await createPlatform(config, { log: pino({ level: 'silent' }), db: openDatabase(target) });
    await loadDemo(setup);
    const station = (code: string, lon: number, lat: number) =>
      setup.monitoring.stations.create(SYSTEM_ACTOR, {
        code,
        name: code,
        kind: 'rain_gauge',
        lon,
        lat,
        ownerType: 'department',
        ownerName: '县水利局',
        deviceIds: [],
        waterLevels: null,
        note: null,
      });
    const demo = (await setup.monitoring.stations.all(SYSTEM_ACTOR))[0]!;
    const httpStation = await station('DUR-HTTP', demo.lon, demo.lat);
    const mqttStation = await station('DUR-MQTT', demo.lon, demo.lat);
    await setup.close();

    const server = await startIngestServer(target);
    running.push(server);
    const base = Date.now() - 3_600_000;
    const acked = { http: new Map<string, number>(), mqtt: new Map<string, number>() };
    let stop = false;
    const failures: string[] = [];

    // HTTP: batches of 50 readings, out of time order, four requests in flight at a time.
    let seq = 0;
    const httpLoop = async () => {
      while (!stop) {
        const readings = Array.from({ length: 50 }, () => {
          seq += 1;
          // Each newer reading is older than the previous one: out-of-order arrival throughout.
          return { metric: 'rainfall_mm', value: seq % 50, at: new Date(base - seq * 1000).toISOString() };
        });
        try {
          const res = await fetch(`${server.http}/api/ingest/readings`, {
            method: 'POST',
            headers: { authorization: `Bearer ${httpStation.credentials.deviceToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ readings }),
          });
          const body = (await res.json()) as { accepted: number };
          if (res.status !== 200 || body.accepted !== readings.length)
            failures.push(`HTTP ${res.status} ${JSON.stringify(body)}`);
          for (const r of readings) acked.http.set(key(r), r.value);
        } catch {
          return; // the server is gone
        }
      }
    };
    // MQTT: one device, QoS 1, up to 20 messages in flight, 5 readings each.
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, {
      username: mqttStation.credentials.mqttUsername,
      password: mqttStation.credentials.mqttPassword,
      reconnectPeriod: 0,
    });
    device.on('error', () => undefined);
    let mseq = 0;
    const mqttLoop = async () => {
      while (!stop) {
        const readings = Array.from({ length: 5 }, () => {
          mseq += 1;
          return { metric: 'rainfall_mm', value: mseq % 7, at: new Date(base + mseq * 1000).toISOString() };
        });
        try {
          await device.publishAsync(READINGS_TOPIC('DUR-MQTT'), JSON.stringify({ readings }), { qos: 1 });
          for (const r of readings) acked.mqtt.set(key(r), r.value);
        } catch {
          return;
        }
      }
    };
    let finished = 0;
    const loops = [...Array.from({ length: 4 }, httpLoop), ...Array.from({ length: 20 }, mqttLoop)].map((p) =>
      p.finally(() => (finished += 1)),
    );
    // Kill as soon as enough was acknowledged, with requests and messages still in flight.
    while ((acked.http.size < 2_000 || acked.mqtt.size < 500) && finished === 0 && failures.length === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(failures).toEqual([]);
    expect(finished).toBe(0);
    await kill9(server);
    // What was acknowledged before the process died (later callbacks cannot add to these copies).
    const ackedHttp = new Map(acked.http);
    const ackedMqtt = new Map(acked.mqtt);
    stop = true;
    device.end(true);
    // Publishes still in flight never get their PUBACK: the loops are left to end on their own.
    void Promise.allSettled(loops);

    // Start again on the same database: every acknowledged reading is there, with its value.
    const again = await startIngestServer(target);
    running.push(again);
    const db = openDatabase(target);
    try {
      const rows = async (stationId: string) =>
        new Map(
          (
            await db.kysely
              .selectFrom('monitoring_readings')
              .select(['metric', 'at', 'value'])
              .where('station_id', '=', stationId)
              .execute()
          ).map((r) => [key(r), r.value]),
        );
      const httpRows = await rows(httpStation.station.id);
      const mqttRows = await rows(mqttStation.station.id);
      const missing = (acks: Map<string, number>, stored: Map<string, number>) =>
        [...acks].filter(([k, v]) => stored.get(k) !== v).map(([k]) => k);
      expect(ackedHttp.size).toBeGreaterThanOrEqual(2_000);
      expect(ackedMqtt.size).toBeGreaterThanOrEqual(500);
      expect(missing(ackedHttp, httpRows)).toEqual([]);
      expect(missing(ackedMqtt, mqttRows)).toEqual([]);

      // A device resending its last batch after the restart (it never saw the answer) duplicates nothing.
      const resend = [...ackedHttp.keys()].slice(-50).map((k) => {
        const [metric, at] = k.split('|');
        return { metric, value: ackedHttp.get(k), at };
      });
      const res = await fetch(`${again.http}/api/ingest/readings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${httpStation.credentials.deviceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ readings: resend }),
      });
      expect(await res.json()).toEqual({ accepted: 0, duplicates: 50, rejected: [] });
      expect((await rows(httpStation.station.id)).size).toBe(httpRows.size);
      // The hourly aggregates count each stored reading exactly once.
      const hourly = await db.kysely
        .selectFrom('monitoring_hourly')
        .select((eb) => eb.fn.sum<number>('count').as('n'))
        .where('station_id', '=', httpStation.station.id)
        .executeTakeFirstOrThrow();
      expect(Number(hourly.n)).toBe(httpRows.size);
    } finally {
      await db.close();
    }
  });
});
