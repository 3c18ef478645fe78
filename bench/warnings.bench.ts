// Warning publication on SQLite (issue E4 figures):
// (a) fan-out: a county-wide warning to 1,000,000 consenting residents — every outbox row written — against raw
//     better-sqlite3 inserts of the same rows into a table of the same shape and indexes, one transaction;
// (b) delivery: SMS/s through the whole outbox pipeline (claim, send to a loopback SMSC over real SMPP, record each
//     recipient's state) against the SMS channel alone sending the same messages (bench/sms-throughput measures that
//     channel against a bare SMPP session);
// (c) latency from 签发 (the sign call) to the first SMS arriving at the SMSC, for a one-village warning, while the
//     dispatcher runs as in a server.
// Run with `npm run bench` or `node --import tsx bench/warnings.bench.ts` (BENCH_RECIPIENTS changes the 1,000,000,
// BENCH_SEND_SECONDS the delivery window, BENCH_SIGNS the number of latency samples).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { WarningDraft } from '../packages/contracts/src/warnings.ts';
import { loadDemo } from '../packages/server/src/demo/demo.ts';
import type { Channel, ChannelKind, OutboundMessage } from '../packages/server/src/domains/warnings/channels/channel.ts';
import { SmsChannel } from '../packages/server/src/domains/warnings/channels/smpp.channel.ts';
import { startLoopbackSmsc } from '../packages/server/src/domains/warnings/channels/smpp.loopback.ts';
import type { Actor } from '../packages/server/src/platform/access/actor.ts';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { createPlatform } from '../packages/server/src/platform/platform.ts';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 1_000_000);
const SEND_SECONDS = Number(process.env.BENCH_SEND_SECONDS ?? 15);
const SIGNS = Number(process.env.BENCH_SIGNS ?? 20);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-bench-warnings-'));
const smsc = await startLoopbackSmsc({ systemId: 'bench', password: 'bench', record: false });
const sms = new SmsChannel({ host: '127.0.0.1', port: smsc.port, systemId: 'bench', password: 'bench', window: 100 });
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', YINGJI_ADMIN_PASSWORD: 'Bench-admin-2026' });
const platform = await createPlatform(config, {
  log: pino({ level: 'silent' }),
  channels: new Map<ChannelKind, Channel>([['sms', sms]]),
});
await loadDemo(platform);
const sqlite = platform.db.sqlite!;
const drafter: Actor = { userId: 'b1', username: 'bench-drafter', roles: ['duty_officer'], areaCode: '441825' };
const leader: Actor = { userId: 'b2', username: 'bench-leader', roles: ['county_leader'], areaCode: '441825' };
const { warnings } = platform.warnings;

// ——— Set-up: a million residents spread over the county's villages (raw inserts; not measured) ———
const villages = sqlite.prepare(`select code from areas where level = 'village' order by code`).all() as { code: string }[];
sqlite.prepare(`delete from warning_contacts`).run();
const insertContact = sqlite.prepare(
  `insert into warning_contacts (id, name, phone, email, grp, area_code, village_code, consent, demo, created_at, updated_at)
   values (?, ?, ?, null, 'residents', ?, ?, 1, 1, ?, ?)`,
);
const now = new Date().toISOString();
sqlite.transaction(() => {
  for (let i = 0; i < RECIPIENTS; i += 1) {
    const village = villages[i % villages.length]!.code;
    insertContact.run(randomUUID(), `居民${i}`, `139${String(i).padStart(8, '0')}`, village, village, now, now);
  }
})();

function draft(headline: string, areaCodes: string[]): WarningDraft {
  return {
    hazard: 'rainstorm',
    level: 'red',
    headline,
    description: '预计未来 3 小时全县将出现 100 毫米以上强降水。',
    instruction: '请立即转移危险区群众。',
    effective: null,
    expires: new Date(Date.now() + 86_400_000).toISOString(),
    target: { areaCodes, polygon: null, circle: null },
    groups: ['residents'],
    channels: ['sms'],
    alarmId: null,
  };
}

async function approved(headline: string, areaCodes: string[]): Promise<string> {
  const { id } = await warnings.draft(drafter, draft(headline, areaCodes));
  await warnings.submit(drafter, id);
  await warnings.review(leader, id, { approve: true, opinion: null });
  return id;
}

// ——— (a) Fan-out: sign, then run the fan-out job alone (dispatcher not yet started) ———
while (await platform.jobs.runOnce()) {
  /* jobs the demo queued (not measured) */
}
const countyWide = await approved('全县暴雨红色预警', ['441825']);
await warnings.sign(leader, countyWide, null);
const fanStarted = performance.now();
while (await platform.jobs.runOnce()) {
  /* the fan-out job */
}
const fanMs = performance.now() - fanStarted;
const rows = Number(
  (sqlite.prepare(`select count(*) as n from warning_deliveries where warning_id = ?`).get(countyWide) as { n: number }).n,
);

// The raw ceiling: the same rows into a table of the same shape and indexes, one prepared statement, one transaction.
sqlite.exec(`create table raw_deliveries as select * from warning_deliveries where 0`);
for (const { sql } of sqlite
  .prepare(`select sql from sqlite_master where type = 'index' and tbl_name = 'warning_deliveries' and sql is not null`)
  .all() as { sql: string }[]) {
  sqlite.exec(sql.replace(/index\s+"?(\w+)"?\s+on\s+"?warning_deliveries"?/i, 'index raw_$1 on raw_deliveries'));
}
const source = sqlite.prepare(`select * from warning_deliveries where warning_id = ?`).all(countyWide) as Record<
  string,
  unknown
>[];
const insertRaw = sqlite.prepare(
  `insert into raw_deliveries (id, warning_id, kind, channel, grp, recipient_ref, name, address, village_code, state,
   attempts, next_at, provider_id, error, created_at, updated_at) values (@id, @warning_id, @kind, @channel, @grp,
   @recipient_ref, @name, @address, @village_code, @state, @attempts, @next_at, @provider_id, @error, @created_at, @updated_at)`,
);
const rawStarted = performance.now();
sqlite.transaction(() => {
  for (const row of source) insertRaw.run({ ...row, id: randomUUID() });
})();
const rawMs = performance.now() - rawStarted;
source.length = 0;

console.log(`(a) fan-out of a county-wide warning to ${fmt(RECIPIENTS)} residents (SQLite)`);
console.log(`    outbox rows written: ${fmt(rows)} in ${(fanMs / 1000).toFixed(2)} s = ${fmt((rows / fanMs) * 1000)} rows/s`);
console.log(`    raw ceiling (same rows, same indexes, one prepared insert): ${fmt((rows / rawMs) * 1000)} rows/s`);
console.log(`    ratio to raw: ${(rawMs / fanMs).toFixed(2)}`);

// ——— (b) Delivery through the outbox pipeline to the loopback SMSC ———
await sms.send([]); // bound before the clock starts, as in a running server
const sentBefore = smsc.counts.messages;
const sendStarted = performance.now();
platform.warnings.dispatcher.start(250);
await sleep(SEND_SECONDS * 1000);
const sent = smsc.counts.messages - sentBefore;
const sendMs = performance.now() - sendStarted;
const recorded = Number(
  (
    sqlite.prepare(`select count(*) as n from warning_deliveries where warning_id = ? and state = 'sent'`).get(countyWide) as {
      n: number;
    }
  ).n,
);
await platform.warnings.dispatcher.stop();
// The channel alone, the same number of messages, the same batch size (500) as the dispatcher.
const sample: OutboundMessage[] = Array.from({ length: Math.min(sent, 100_000) }, (_, i) => ({
  id: `raw-${i}`,
  address: `137${String(i).padStart(8, '0')}`,
  subject: '暴雨红色预警',
  text: '【连山壮族瑶族自治县应急管理局】暴雨红色预警：全县暴雨红色预警。预计未来 3 小时全县将出现 100 毫米以上强降水。',
  warningId: 'raw',
}));
const channelStarted = performance.now();
for (let i = 0; i < sample.length; i += 500) await sms.send(sample.slice(i, i + 500));
const channelRate = (sample.length / (performance.now() - channelStarted)) * 1000;
const pipelineRate = (sent / sendMs) * 1000;
console.log(`(b) delivery through the outbox (claim → SMPP → per-recipient state), ${SEND_SECONDS} s window`);
console.log(`    ${fmt(sent)} SMS reached the SMSC, ${fmt(recorded)} recorded as sent by then: ${fmt(pipelineRate)} SMS/s`);
console.log(
  `    the SMS channel alone (batches of 500): ${fmt(channelRate)} SMS/s; ratio ${(pipelineRate / channelRate).toFixed(2)}`,
);

// ——— (c) 签发 → first SMS, dispatcher and job worker running as in a server ———
sqlite.prepare(`update warning_deliveries set state = 'failed' where state in ('queued', 'sending')`).run();
platform.warnings.dispatcher.start();
platform.jobs.start(1000);
const village = villages[0]!.code;
const latencies: number[] = [];
for (let i = 0; i < SIGNS; i += 1) {
  const id = await approved(`单村预警 ${i}`, [village]);
  const before = smsc.counts.messages;
  const started = performance.now();
  await warnings.sign(leader, id, null);
  while (smsc.counts.messages === before) await sleep(1);
  latencies.push(performance.now() - started);
  while (smsc.counts.messages - before < RECIPIENTS / villages.length - 1) await sleep(5);
}
latencies.sort((a, b) => a - b);
const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
console.log(`(c) 签发 → first SMS at the SMSC, one village (~${fmt(RECIPIENTS / villages.length)} residents), ${SIGNS} warnings`);
console.log(
  `    p50 ${pick(0.5).toFixed(0)} ms, p99 ${pick(0.99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms (aim ≤ 1,000 ms)`,
);

await platform.close();
await smsc.close();
fs.rmSync(dir, { recursive: true, force: true });
