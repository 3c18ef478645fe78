// SMS throughput of the warnings SMS channel (domains/warnings/channels/smpp.channel.ts) to the loopback SMSC over real
// SMPP 3.4 on 127.0.0.1: messages/s through SmsChannel.send in batches (number checks, UCS-2 encoding, UDH segments,
// window, per-message outcomes), against the raw ceiling measured in the same run: one bare `smpp` session pipelining
// the same submit_sm PDUs (bodies encoded beforehand) with the same window, and nothing else.
// Run with `node --import tsx bench/sms-throughput.bench.ts` (BENCH_SMS, BENCH_BATCH, BENCH_WINDOW, BENCH_LONG=1 for
// 200-character messages of 3 segments instead of a 52-character one, BENCH_RECEIPTS=1 to have the SMSC send a
// deliver_sm receipt per segment while the channel sends, both in the channel run and the raw one).
import smpp, { type PDU } from 'smpp';
import type { OutboundMessage } from '../packages/server/src/domains/warnings/channels/channel.ts';
import { SmsChannel } from '../packages/server/src/domains/warnings/channels/smpp.channel.ts';
import { startLoopbackSmsc } from '../packages/server/src/domains/warnings/channels/smpp.loopback.ts';
import {
  concatReference,
  DATA_CODING_UCS2,
  encodeSmsBodies,
  ESM_CLASS_UDHI,
} from '../packages/server/src/domains/warnings/channels/smpp.pdu.ts';

const TOTAL = Number(process.env.BENCH_SMS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const RECEIPTS = process.env.BENCH_RECEIPTS === '1';
const WINDOW = Number(process.env.BENCH_WINDOW ?? 100);
const SHORT = '【连山县应急管理局】暴雨红色预警：预计未来3小时永和镇将出现100毫米以上强降水，请立即转移危险区群众。';
const TEXT = process.env.BENCH_LONG === '1' ? (SHORT + SHORT + SHORT + SHORT).slice(0, 200) : SHORT;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const messages: OutboundMessage[] = Array.from({ length: TOTAL }, (_, i) => ({
  id: `bench-${i}`,
  address: `138${String(i).padStart(8, '0')}`,
  subject: '暴雨红色预警',
  text: TEXT,
  warningId: 'bench-warning',
}));
const segmentsPer = encodeSmsBodies(TEXT, 0)!.length;

/** Through the channel, in the dispatcher's way: one batch after another, each awaited for its outcomes. */
async function throughChannel(batch: OutboundMessage[]) {
  const smsc = await startLoopbackSmsc({ systemId: 'bench', password: 'bench', record: false, receipts: RECEIPTS });
  const channel = new SmsChannel({ host: '127.0.0.1', port: smsc.port, systemId: 'bench', password: 'bench', window: WINDOW });
  let receipts = 0;
  channel.onReceipt((receipt) => (receipts += receipt.state === 'delivered' ? 1 : 0));
  await channel.send([batch[0]!]); // bound before the clock starts, as in a running server
  const started = performance.now();
  let sent = 0;
  for (let i = 0; i < batch.length; i += BATCH) {
    const outcomes = await channel.send(batch.slice(i, i + BATCH));
    sent += outcomes.filter((o) => o.state === 'sent').length;
  }
  const ms = performance.now() - started;
  await smsc.waitForMessages(batch.length + 1);
  while (RECEIPTS && receipts < batch.length + 1) await new Promise((resolve) => setTimeout(resolve, 10));
  await channel.close();
  await smsc.close();
  return { ms, sent, joined: smsc.counts.messages - 1, receipts: receipts - (RECEIPTS ? 1 : 0) };
}

/** The ceiling: a bare session, the same PDU fields with bodies encoded beforehand, the same window, nothing else. */
async function rawSession(batch: OutboundMessage[]) {
  const smsc = await startLoopbackSmsc({ systemId: 'bench', password: 'bench', record: false, receipts: RECEIPTS });
  const pdus = batch.flatMap((m) => {
    const bodies = encodeSmsBodies(m.text, concatReference(m.id))!;
    return bodies.map((body) => ({
      source_addr: '',
      dest_addr_ton: 2,
      dest_addr_npi: 1,
      destination_addr: m.address,
      esm_class: bodies.length > 1 ? ESM_CLASS_UDHI : 0,
      registered_delivery: 1,
      data_coding: DATA_CODING_UCS2,
      short_message: body,
    }));
  });
  const session = smpp.connect({ host: '127.0.0.1', port: smsc.port });
  session.socket.setNoDelay(true);
  session.on('deliver_sm', (pdu: PDU) => session.send(pdu.response()));
  session.on('error', () => undefined); // the SMSC closing at the end
  await new Promise<void>((resolve) => session.once('connect', resolve));
  await new Promise<PDU>((resolve) =>
    session.send(new smpp.PDU('bind_transceiver', { system_id: 'bench', password: 'bench' }), resolve),
  );
  const started = performance.now();
  let accepted = 0;
  await new Promise<void>((resolve) => {
    let next = 0;
    let inFlight = 0;
    const pump = () => {
      while (inFlight < WINDOW && next < pdus.length) {
        inFlight += 1;
        session.send(new smpp.PDU('submit_sm', pdus[next++]!), (response) => {
          inFlight -= 1;
          if (response.command_status === 0) accepted += 1;
          if (accepted === pdus.length) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const ms = performance.now() - started;
  await smsc.waitForMessages(batch.length);
  await new Promise<void>((resolve) => session.close(resolve));
  await smsc.close();
  return { ms, joined: smsc.counts.messages };
}

// Both paths warm up first (the JIT, the loopback SMSC's decoding), so neither gains from running second.
await throughChannel(messages.slice(0, 2_000));
await rawSession(messages.slice(0, 2_000));
const viaChannel = await throughChannel(messages);
const raw = await rawSession(messages);
const [channelMs, sent, rawMs] = [viaChannel.ms, viaChannel.sent, raw.ms];
const channelRate = (sent / channelMs) * 1000;
const rawRate = (TOTAL / rawMs) * 1000;
console.log(
  `SMS over SMPP 3.4 to the loopback SMSC (127.0.0.1, one transceiver session, window ${WINDOW}): ${fmt(TOTAL)} messages of ${TEXT.length} characters (${segmentsPer} UCS-2 segment${segmentsPer > 1 ? 's' : ''} each)`,
);
console.log(
  `  through SmsChannel.send, batches of ${fmt(BATCH)}: ${fmt(channelRate)} SMS/s, ${fmt(channelRate * segmentsPer)} submit_sm/s (${(channelMs / 1000).toFixed(2)} s; ${fmt(sent)} sent, ${fmt(viaChannel.joined)} joined at the SMSC${RECEIPTS ? `, ${fmt(viaChannel.receipts)} delivered receipts` : ''})`,
);
console.log(
  `  raw ceiling, bare smpp session pipelining the same submit_sm: ${fmt(rawRate)} SMS/s, ${fmt(rawRate * segmentsPer)} submit_sm/s (${(rawMs / 1000).toFixed(2)} s; ${fmt(raw.joined)} joined)`,
);
console.log(`  ratio: ${(channelRate / rawRate).toFixed(2)}`);
