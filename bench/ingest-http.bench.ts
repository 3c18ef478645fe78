// HTTP batch ingest on SQLite (synchronous=FULL): readings/s through POST /api/ingest/readings (device token,
// per-reading checks, insert-or-ignore, aggregates, group commit, then the evaluating sink), against raw
// better-sqlite3 inserts of the very same rows into the same table shape, one transaction per batch, in the same run.
// Run with `node --import tsx bench/ingest-http.bench.ts` (BENCH_READINGS, BENCH_BATCH, BENCH_CONCURRENCY, BENCH_STATIONS).
import http from 'node:http';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { buildApp } from '../packages/server/src/app.ts';
import { batchesFor, benchPlatform, cleanup, fmt } from './ingest.support.ts';

const TOTAL = Number(process.env.BENCH_READINGS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const STATIONS = Number(process.env.BENCH_STATIONS ?? 100);

const { dir, platform, stations, sinkName, counted } = await benchPlatform('ingest-http', STATIONS);
const batches = batchesFor(stations, TOTAL, BATCH);
const readings = batches.reduce((n, b) => n + b.readings.length, 0);
const bodies = batches.map((b) => ({
  token: stations[b.stationIndex]!.credentials.deviceToken,
  body: JSON.stringify({ readings: b.readings }),
}));

const app = await buildApp(platform);
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(token: string, body: string): Promise<{ accepted: number; rejected: unknown[] }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/ingest/readings',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let next = 0;
let accepted = 0;
let rejected = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < bodies.length) {
      const { token, body } = bodies[next++]!;
      const result = await post(token, body);
      accepted += result.accepted;
      rejected += result.rejected.length;
    }
  }),
);
const httpMs = performance.now() - started;
await platform.monitoring.ingest.drain();
const evaluated = counted();
await app.close();
agent.destroy();
await platform.close();

// Raw ceiling: the same rows, the same table (WITHOUT ROWID, primary key station+metric+at), the same pragmas,
// a prepared single-row insert, one transaction (one fsync) per batch as each request had.
const raw = new SQLite(path.join(dir, 'raw.sqlite'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.exec(
  'create table monitoring_readings (station_id text not null, metric text not null, at text not null, value double precision not null, received_at text not null, primary key (station_id, metric, at)) without rowid',
);
const insert = raw.prepare('insert into monitoring_readings (station_id, metric, at, value, received_at) values (?, ?, ?, ?, ?)');
const ids = stations.map((s) => s.credentials.stationId);
const insertBatch = raw.transaction((b: (typeof batches)[number], receivedAt: string) => {
  for (const r of b.readings) insert.run(ids[b.stationIndex], r.metric, r.at, r.value, receivedAt);
});
const rawStarted = performance.now();
for (const b of batches) insertBatch(b, new Date().toISOString());
const rawMs = performance.now() - rawStarted;
raw.close();
cleanup(dir);

const httpRate = (readings / httpMs) * 1000;
const rawRate = (readings / rawMs) * 1000;
console.log(
  `HTTP batch ingest, SQLite (synchronous=FULL), ${fmt(readings)} readings in ${fmt(batches.length)} requests of ~${BATCH}, ${CONCURRENCY} in flight, ${STATIONS} stations`,
);
console.log(`  sink: ${sinkName}; readings handed to it: ${fmt(evaluated)}`);
console.log(`  accepted ${fmt(accepted)}, rejected ${fmt(rejected)}`);
console.log(`  through POST /api/ingest/readings: ${fmt(httpRate)} readings/s (${(httpMs / 1000).toFixed(2)} s)`);
console.log(
  `  raw better-sqlite3 inserts, same rows, one transaction per batch: ${fmt(rawRate)} readings/s (${(rawMs / 1000).toFixed(2)} s)`,
);
console.log(`  ratio: ${(httpRate / rawRate).toFixed(2)}`);
