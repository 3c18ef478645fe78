// MQTT ingest through the embedded broker (aedes) on SQLite: readings/s published at QoS 1 by device clients, each
// PUBACK sent only after the readings are checked and committed, with the evaluating sink; against the same clients
// publishing the same messages through a plain aedes broker (no hooks, one subscriber receiving everything): the
// broker's raw pass-through rate, in the same run.
// Run with `node --import tsx bench/ingest-mqtt.bench.ts` (BENCH_READINGS, BENCH_PER_MESSAGE, BENCH_STATIONS, BENCH_INFLIGHT).
import net from 'node:net';
import pino from 'pino';
import mqtt from 'mqtt';
import { Aedes } from 'aedes';
import { READINGS_TOPIC, startEmbeddedBroker } from '../packages/server/src/domains/monitoring/mqtt.broker.ts';
import { batchesFor, benchPlatform, cleanup, fmt } from './ingest.support.ts';

const TOTAL = Number(process.env.BENCH_READINGS ?? 300_000);
const PER_MESSAGE = Number(process.env.BENCH_PER_MESSAGE ?? 10);
const STATIONS = Number(process.env.BENCH_STATIONS ?? 100);
const INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 20);

const { dir, platform, stations, sinkName, counted } = await benchPlatform('ingest-mqtt', STATIONS);
const batches = batchesFor(stations, TOTAL, PER_MESSAGE);
const readings = batches.reduce((n, b) => n + b.readings.length, 0);
// Each station's messages in order, as its device would send them.
const perStation = stations.map(() => [] as string[]);
for (const b of batches) perStation[b.stationIndex]!.push(JSON.stringify({ readings: b.readings }));

async function publishAll(port: number, login: (i: number) => { username?: string; password?: string }): Promise<number> {
  const clients = await Promise.all(
    stations.map((s, i) =>
      mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { ...login(i), clientId: `bench-${i}`, reconnectPeriod: 0 }),
    ),
  );
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, i) => {
      const topic = READINGS_TOPIC(stations[i]!.station.code);
      const messages = perStation[i]!;
      let next = 0;
      await Promise.all(
        Array.from({ length: INFLIGHT }, async () => {
          while (next < messages.length) await client.publishAsync(topic, messages[next++]!, { qos: 1 });
        }),
      );
    }),
  );
  const ms = performance.now() - started;
  await Promise.all(clients.map((c) => c.endAsync()));
  return ms;
}

// Through the platform's embedded broker.
const broker = await startEmbeddedBroker(platform.monitoring.ingest, {
  port: 0,
  host: '127.0.0.1',
  log: pino({ level: 'silent' }),
});
const ingestMs = await publishAll(broker.port, (i) => ({
  username: stations[i]!.credentials.mqttUsername,
  password: stations[i]!.credentials.mqttPassword,
}));
await platform.monitoring.ingest.drain();
const stored = Number(
  (
    await platform.db.kysely
      .selectFrom('monitoring_readings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
  ).n,
);
const evaluated = counted();
await broker.close();
await platform.close();

// The ceiling: a plain aedes broker passing the same messages to one subscriber.
const plain = await Aedes.createBroker();
const server = net.createServer(plain.handle);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const plainPort = (server.address() as net.AddressInfo).port;
const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${plainPort}`, { clientId: 'bench-sub', reconnectPeriod: 0 });
let received = 0;
subscriber.on('message', () => (received += 1));
await subscriber.subscribeAsync('yingji/#', { qos: 0 });
const rawMs = await publishAll(plainPort, () => ({}));
await subscriber.endAsync();
await new Promise<void>((resolve) => plain.close(() => resolve()));
await new Promise<void>((resolve) => server.close(() => resolve()));
cleanup(dir);

const ingestRate = (readings / ingestMs) * 1000;
const rawRate = (readings / rawMs) * 1000;
console.log(
  `MQTT ingest, embedded aedes broker, SQLite (synchronous=FULL): ${fmt(readings)} readings in ${fmt(batches.length)} QoS 1 messages of ~${PER_MESSAGE}, ${STATIONS} devices, ${INFLIGHT} in flight each`,
);
console.log(`  sink: ${sinkName}; readings handed to it: ${fmt(evaluated)}; stored: ${fmt(stored)}`);
console.log(
  `  through the platform's broker (PUBACK after commit): ${fmt(ingestRate)} readings/s, ${fmt((batches.length / ingestMs) * 1000)} messages/s (${(ingestMs / 1000).toFixed(2)} s)`,
);
console.log(
  `  plain aedes pass-through, same messages, one subscriber (${fmt(received)} delivered): ${fmt(rawRate)} readings/s, ${fmt((batches.length / rawMs) * 1000)} messages/s (${(rawMs / 1000).toFixed(2)} s)`,
);
console.log(`  ratio: ${(ingestRate / rawRate).toFixed(2)}`);
