// Authenticated API throughput versus a bare Fastify hello-world, both served by this process and loaded by
// autocannon over loopback in the same run. Run with `npm run bench` (or `node --import tsx bench/api.bench.ts`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../packages/server/src/app.ts';
import { DEMO_PASSWORD, loadDemo } from '../packages/server/src/demo/demo.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { createPlatform } from '../packages/server/src/platform/platform.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;

async function load(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Bench-admin-2026' });
const platform = await createPlatform(config, { log: pino({ level: 'silent' }) });
await loadDemo(platform);
const app = await buildApp(platform);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const bare = Fastify();
bare.get('/', async () => ({ hello: 'world' }));
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/`;

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'zhiban', password: DEMO_PASSWORD }),
});
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

const ceiling = await load(bareUrl);
const tree = await load(`${base}/api/areas/tree?depth=2`, { cookie });
const list = await load(`${base}/api/areas?level=village&limit=50`, { cookie });

const line = (name: string, value: number) =>
  console.log(`${name.padEnd(44)} ${value.toFixed(0).padStart(7)} req/s   ratio ${(value / ceiling).toFixed(3)} of bare Fastify`);
console.log(`bare Fastify hello-world (ceiling)            ${ceiling.toFixed(0).padStart(7)} req/s`);
line('GET /api/areas/tree?depth=2 (64 areas, auth)', tree);
line('GET /api/areas?level=village&limit=50 (auth)', list);

await app.close();
await bare.close();
await platform.close();
fs.rmSync(dir, { recursive: true, force: true });
