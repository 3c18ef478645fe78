// Alarm latency: from a threshold-crossing reading published over MQTT (QoS 1, embedded broker) to the alarm event
// arriving on a duty officer's WebSocket (/api/live), while other devices publish ordinary readings in the
// background at BENCH_RATE readings/s. The ceiling, in the same run: the same probe published to the same broker and
// received back by a subscriber to the same topic (MQTT round trip only: no storage, no rules, no WebSocket).
// Run with `node --import tsx bench/alarm-latency.bench.ts` (BENCH_RATE, BENCH_PROBES, BENCH_STATIONS).
import net from 'node:net';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import pino from 'pino';
import WebSocket from 'ws';
import { buildApp } from '../packages/server/src/app.ts';
import { READINGS_TOPIC, startEmbeddedBroker } from '../packages/server/src/domains/monitoring/mqtt.broker.ts';
import { simReadings } from '../packages/server/src/domains/monitoring/simulator.values.ts';
import { SYSTEM_ACTOR } from '../packages/server/src/platform/access/actor.ts';
import { benchPlatform, cleanup, fmt } from './ingest.support.ts';

const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const PROBES = Number(process.env.BENCH_PROBES ?? 200);
const BACKGROUND = Number(process.env.BENCH_STATIONS ?? 100);
const PER_MESSAGE = 10;
const TICK_MS = 50;
const PASSWORD = 'Bench-duty-2026';

// The simulator's kinds repeat every 8 stations, 3 of them rain gauges: rain gauges are the probes (one each), the
// other kinds the background (their rainfall left out, so the background raises no rain alarms of its own).
const { dir, platform, stations } = await benchPlatform('alarm-latency', Math.ceil(((BACKGROUND + PROBES) * 8) / 3));
const probes = stations.filter((s) => s.station.kind === 'rain_gauge').slice(0, PROBES);
const background = stations.filter((s) => s.station.kind !== 'rain_gauge').slice(0, BACKGROUND);

const broker = await startEmbeddedBroker(platform.monitoring.ingest, {
  port: 0,
  host: '127.0.0.1',
  log: pino({ level: 'silent' }),
});
const app = await buildApp(platform);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `127.0.0.1:${(app.server.address() as { port: number }).port}`;
await platform.users.create(SYSTEM_ACTOR, {
  username: 'bench_duty',
  displayName: '压测值班员',
  roles: ['duty_officer'],
  areaCode: '441825',
  phone: null,
  password: PASSWORD,
});
const login = await fetch(`http://${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench_duty', password: PASSWORD }),
});
if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

// The duty officer's browser: the time each probe station's alarm arrived.
const arrived = new Map<string, number>();
const socket = new WebSocket(`ws://${base}/api/live`, { headers: { cookie } });
socket.on('message', (data) => {
  const event = JSON.parse(data.toString()) as { type: string; data: { stationCode?: string } };
  if (event.type === 'alarm.raised' && event.data.stationCode) arrived.set(event.data.stationCode, performance.now());
});
await new Promise((resolve) => socket.once('open', resolve));

const connect = (s: (typeof stations)[number], id: string) =>
  mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
    username: s.credentials.mqttUsername,
    password: s.credentials.mqttPassword,
    clientId: id,
    reconnectPeriod: 0,
  });

// Background load: each device publishes messages of ordinary readings, timestamps moving forward from an hour ago.
const devices = await Promise.all(background.map((s, i) => connect(s, `bg-${i}`)));
const random = (() => {
  let x = 11;
  return () => ((x = (x * 16807) % 2147483647) - 1) / 2147483646;
})();
let clockMs = Date.now() - 3_600_000;
let published = 0;
const messagesPerTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000 / PER_MESSAGE));
let turn = 0;
const load = setInterval(() => {
  for (let m = 0; m < messagesPerTick; m += 1) {
    const i = turn++ % devices.length;
    const s = background[i]!.station;
    const readings = [];
    while (readings.length < PER_MESSAGE) {
      // 1 ms of reading time per reading: at 5,000/s the readings' clock runs 5× real time and stays in the past.
      clockMs += 1;
      // Quiet weather (no storm): nothing crosses a threshold, but every reading is checked by the rules.
      readings.push(...simReadings(s, clockMs, 60_000, null, random).filter((r) => r.metric !== 'rainfall_mm'));
    }
    published += readings.length;
    void devices[i]!.publishAsync(READINGS_TOPIC(s.code), JSON.stringify({ readings: readings.slice(0, PER_MESSAGE) }), {
      qos: 1,
    });
  }
}, TICK_MS);

// Probes: one rain gauge each reports 120 mm in an hour (red), spaced so the background keeps its rate.
await new Promise((resolve) => setTimeout(resolve, 2_000));
const loadStarted = performance.now();
const publishedAtStart = published;
const probeClients = await Promise.all(probes.map((s, i) => connect(s, `probe-${i}`)));
const sentAt = new Map<string, number>();
for (let i = 0; i < probes.length; i += 1) {
  const s = probes[i]!.station;
  const at = new Date(Date.now() - 1000).toISOString();
  sentAt.set(s.code, performance.now());
  await probeClients[i]!.publishAsync(
    READINGS_TOPIC(s.code),
    JSON.stringify({ readings: [{ metric: 'rainfall_mm', value: 120, at }] }),
    { qos: 1 },
  );
  await new Promise((resolve) => setTimeout(resolve, 40));
}
const deadline = performance.now() + 10_000;
while (arrived.size < probes.length && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
const backgroundRate = ((published - publishedAtStart) / (performance.now() - loadStarted)) * 1000;

// Ceiling: an MQTT round trip of the same probe message through a plain aedes broker in the same process, while the
// background load still runs (devices may not subscribe on the platform's broker): no storage, rules or WebSocket.
const plain = await Aedes.createBroker();
const plainServer = net.createServer(plain.handle);
await new Promise<void>((resolve) => plainServer.listen(0, '127.0.0.1', resolve));
const plainUrl = `mqtt://127.0.0.1:${(plainServer.address() as net.AddressInfo).port}`;
const echo = await mqtt.connectAsync(plainUrl, { clientId: 'echo', reconnectPeriod: 0 });
const roundTrips: number[] = [];
let echoSent = 0;
echo.on('message', () => roundTrips.push(performance.now() - echoSent));
await echo.subscribeAsync('probe', { qos: 1 });
const probeMessage = JSON.stringify({ readings: [{ metric: 'rainfall_mm', value: 120, at: new Date().toISOString() }] });
for (let i = 0; i < PROBES; i += 1) {
  echoSent = performance.now();
  await echo.publishAsync('probe', probeMessage, { qos: 1 });
  await new Promise((resolve) => setTimeout(resolve, 40));
}
clearInterval(load);

const latencies = probes
  .map((p) => (arrived.get(p.station.code) ?? Number.NaN) - sentAt.get(p.station.code)!)
  .filter(Number.isFinite)
  .sort((a, b) => a - b);
const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;
const sortedTrips = [...roundTrips].sort((a, b) => a - b);
console.log(`Alarm latency, MQTT reading → alarm.raised on the WebSocket, embedded broker, SQLite (synchronous=FULL)`);
console.log(`  background: ${fmt(backgroundRate)} readings/s measured (target ${fmt(RATE)}), ${BACKGROUND} devices`);
console.log(
  `  probes: ${latencies.length} of ${probes.length} alarms arrived; p50 ${pct(latencies, 0.5).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
);
console.log(
  `  ceiling (MQTT QoS 1 round trip through a plain aedes broker in the same process, same load, ${sortedTrips.length} probes): p50 ${pct(sortedTrips, 0.5).toFixed(1)} ms, p99 ${pct(sortedTrips, 0.99).toFixed(1)} ms`,
);
console.log(`  ratio p99 ceiling / p99 alarm: ${(pct(sortedTrips, 0.99) / pct(latencies, 0.99)).toFixed(2)}`);

socket.close();
await Promise.all([...devices, ...probeClients, echo].map((c) => c.endAsync()));
await new Promise<void>((resolve) => plain.close(() => resolve()));
await new Promise<void>((resolve) => plainServer.close(() => resolve()));
await broker.close();
await app.close();
await platform.close();
cleanup(dir);
