// A loopback SMSC for tests, benchmarks and the demo: it speaks real SMPP 3.4 over TCP on 127.0.0.1 (bind, submit_sm,
// enquire_link, unbind, deliver_sm receipts), decodes UCS-2 and joins concatenated segments back into messages. It can
// simulate an outage (stop/start on the same port) and answer the next submits with an error (failNext).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Server, type Session } from 'smpp';
import { decodeShortMessage, ESM_CLASS_RECEIPT } from './smpp.pdu.ts';

export interface LoopbackSmscOptions {
  /** 0 (default): any free port; start() after stop() reuses the port first given out. */
  port?: number;
  systemId: string;
  password: string;
  /** Send a deliver_sm receipt for every accepted submit_sm (per segment, as gateways do). */
  receipts?: boolean;
  /** Numbers whose receipts say UNDELIV instead of DELIVRD. */
  undeliverable?: string[];
  /** Keep every decoded message in `messages` (default true); false only counts them (long benchmarks). */
  record?: boolean;
}

export interface ReceivedSms {
  from: string;
  to: string;
  /** The whole text: segments joined in order. */
  text: string;
  segments: number;
  /** message_id given to each segment, in order. */
  messageIds: string[];
}

export interface LoopbackSmsc {
  readonly port: number;
  /** Whole messages received (joined from their segments), in order of completion. */
  readonly messages: ReceivedSms[];
  /** Counters: submit_sm PDUs answered OK, whole messages completed, receipts sent. */
  readonly counts: { submits: number; messages: number; receipts: number; binds: number };
  /** Answer the next n submit_sm with this command_status (default ESME_RTHROTTLED) instead of accepting them. */
  failNext(n: number, status?: number): void;
  /** Leave n submit_sm unanswered, like a gateway that hangs, after answering `skip` more normally. */
  hangNext(n: number, skip?: number): void;
  /** Resolves when at least n whole messages have arrived. */
  waitForMessages(n: number): Promise<void>;
  /** Outage: stop listening and drop every connection. */
  stop(): Promise<void>;
  /** Back from the outage, on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const THROTTLED = 0x58;

export async function startLoopbackSmsc(options: LoopbackSmscOptions): Promise<LoopbackSmsc> {
  const messages: ReceivedSms[] = [];
  const counts = { submits: 0, messages: 0, receipts: 0, binds: 0 };
  const partial = new Map<string, { parts: string[]; ids: string[]; got: number }>();
  const undeliverable = new Set(options.undeliverable ?? []);
  const instance = randomBytes(3).toString('hex'); // message ids stay unique across loopback instances
  let nextId = 0;
  let failures: { skip: number; left: number; status: number | 'hang' } = { skip: 0, left: 0, status: THROTTLED };
  let waiters: Array<{ n: number; resolve: () => void }> = [];

  const completed = (sms: ReceivedSms) => {
    counts.messages += 1;
    if (options.record !== false) messages.push(sms);
    waiters = waiters.filter((w) => (counts.messages >= w.n ? (w.resolve(), false) : true));
  };

  const onSubmit = (session: Session, pdu: PDU) => {
    if (failures.left > 0 && failures.skip > 0) failures.skip -= 1;
    else if (failures.left > 0) {
      failures.left -= 1;
      if (failures.status !== 'hang') session.send(pdu.response({ command_status: failures.status }));
      return;
    }
    const messageId = `${instance}${(nextId++).toString(16).padStart(8, '0')}`;
    session.send(pdu.response({ message_id: messageId }));
    counts.submits += 1;
    const from = String(pdu.source_addr ?? '');
    const to = String(pdu.destination_addr ?? '');
    const { text, concat } = decodeShortMessage(pdu);
    if (options.receipts) sendReceipt(session, messageId, from, to);
    if (!concat) return completed({ from, to, text, segments: 1, messageIds: [messageId] });
    const key = `${from}|${to}|${concat.reference}|${concat.total}`;
    const entry = partial.get(key) ?? { parts: [], ids: [], got: 0 };
    partial.set(key, entry);
    if (entry.parts[concat.sequence - 1] === undefined) entry.got += 1;
    entry.parts[concat.sequence - 1] = text;
    entry.ids[concat.sequence - 1] = messageId;
    if (entry.got < concat.total) return;
    partial.delete(key);
    completed({ from, to, text: entry.parts.join(''), segments: concat.total, messageIds: entry.ids });
  };

  const sendReceipt = (session: Session, messageId: string, from: string, to: string) => {
    const delivered = !undeliverable.has(to);
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(2, 12); // YYMMDDhhmm
    const stat = delivered ? 'DELIVRD' : 'UNDELIV';
    const text = `id:${messageId} sub:001 dlvrd:${delivered ? '001' : '000'} submit date:${stamp} done date:${stamp} stat:${stat} err:${delivered ? '000' : '001'} text:`;
    setImmediate(() => {
      counts.receipts += 1;
      session.send(
        new smpp.PDU('deliver_sm', {
          source_addr: to,
          destination_addr: from,
          esm_class: ESM_CLASS_RECEIPT,
          data_coding: 0,
          short_message: Buffer.from(text, 'latin1'),
          receipted_message_id: messageId,
          message_state: delivered ? 2 : 5,
        }),
      );
    });
  };

  const onSession = (session: Session) => {
    let bound = false;
    session.socket.setNoDelay(true); // answers leave at once, not held back by Nagle for the client's delayed ACK
    session.on('error', () => undefined); // a client vanishing mid-write is part of the game
    const bind = (pdu: PDU) => {
      const ok = pdu.system_id === options.systemId && pdu.password === options.password;
      if (ok && !bound) counts.binds += 1;
      session.send(pdu.response({ command_status: ok ? (bound ? 0x05 : 0) : 0x0e, system_id: 'loopback' }));
      bound ||= ok;
    };
    session.on('bind_transceiver', bind);
    session.on('bind_transmitter', bind);
    session.on('submit_sm', (pdu: PDU) => {
      if (bound) onSubmit(session, pdu);
      else session.send(pdu.response({ command_status: 0x04 })); // ESME_RINVBNDSTS
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
  };

  let server: Server | undefined;
  let port = options.port ?? 0;
  const listen = async () => {
    const s = smpp.createServer({}, onSession);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const shutDown = async () => {
    const s = server;
    if (!s) return;
    server = undefined;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const session of [...s.sessions]) session.destroy();
    await closed;
  };
  await listen();

  return {
    get port() {
      return port;
    },
    messages,
    counts,
    failNext: (n, status = THROTTLED) => void (failures = { skip: 0, left: n, status }),
    hangNext: (n, skip = 0) => void (failures = { skip, left: n, status: 'hang' }),
    waitForMessages: (n) => (counts.messages >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    stop: shutDown,
    start: async () => {
      if (!server) await listen();
    },
    close: shutDown,
  };
}
