// SMS over SMPP 3.4: one persistent bind_transceiver session (reconnected when lost), submit_sm pipelined up to the
// gateway's window, UCS-2 Chinese with UDH concatenation for long texts, and delivery receipts (deliver_sm) reported
// back by the id the gateway gave the message.
import type { Logger } from 'pino';
import type { PDU } from 'smpp';
import type { Channel, DeliveryReceipt, OutboundMessage, SendOutcome } from './channel.ts';
import { ChannelUnavailableError, describeError, failed } from './channel.support.ts';
import {
  concatReference,
  DATA_CODING_UCS2,
  encodeSmsBodies,
  ESM_CLASS_UDHI,
  normalizeMobile,
  parseReceipt,
  STATUS_THROTTLED,
  statusMeaning,
} from './smpp.pdu.ts';
import { BoundSession, SessionLostError, type SmppEndpoint } from './smpp.session.ts';
import { ReceiptAggregator } from './smpp.receipts.ts';

export interface SmsChannelOptions extends SmppEndpoint {
  /** source_addr (the 106… service number); empty: the gateway fills in its default. */
  sourceAddr?: string;
  /** submit_sm outstanding at once (default 50). */
  window?: number;
  responseTimeoutMs?: number;
  bindTimeoutMs?: number;
  enquireLinkMs?: number;
  /** Back-off of the background reconnect after a lost session: doubles from min to max. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  log?: Logger;
}

/** A segment's submit_sm_resp, or the session loss (or hold-back) that left it unanswered. */
type SegmentAnswer = { status: number; messageId: string } | { lost: string };

/** What the segments of one batch tell each other. */
interface BatchState {
  /** Why the rest of the batch is not submitted (throttled, session lost). */
  stopped?: string;
  /** Did the gateway answer any submit_sm of this batch? */
  answered: boolean;
}

function outcomeOf(id: string, answers: SegmentAnswer[]): SendOutcome {
  let lost: string | undefined;
  for (const answer of answers) {
    if ('lost' in answer) lost ??= answer.lost;
    else if (answer.status !== 0) {
      const meaning = statusMeaning(answer.status);
      return failed(id, meaning.error, meaning.retryable);
    }
  }
  if (lost) return failed(id, lost, true);
  return { id, state: 'sent', providerId: (answers[0] as { messageId: string }).messageId };
}

export class SmsChannel implements Channel {
  readonly kind = 'sms' as const;
  private current: BoundSession | undefined;
  private connecting: Promise<BoundSession> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelay: number;
  private closed = false;
  private readonly receipts: ReceiptAggregator;
  private readonly source: { addr: string; ton: number; npi: number };

  constructor(private readonly options: SmsChannelOptions) {
    this.reconnectDelay = options.reconnectMinMs ?? 1000;
    this.receipts = new ReceiptAggregator();
    const sourceAddr = options.sourceAddr ?? '';
    // A numeric service number is sent as "unknown" type in the ISDN plan; a name as alphanumeric (TON 5).
    this.source = /^\d*$/.test(sourceAddr)
      ? { addr: sourceAddr, ton: 0, npi: sourceAddr ? 1 : 0 }
      : { addr: sourceAddr, ton: 5, npi: 0 };
  }

  onReceipt(listener: (receipt: DeliveryReceipt) => void): void {
    this.receipts.listeners.push(listener);
  }

  async send(batch: OutboundMessage[]): Promise<SendOutcome[]> {
    if (this.closed) throw new ChannelUnavailableError('sms', '短信通道已关闭');
    const session = await this.session();
    const state: BatchState = { answered: false };
    const outcomes: Array<Promise<SendOutcome> | SendOutcome> = [];
    for (const message of batch) {
      const phone = normalizeMobile(message.address);
      const bodies = phone ? encodeSmsBodies(message.text, concatReference(message.id)) : undefined;
      if (!phone) outcomes.push(failed(message.id, `手机号码无效: ${message.address}`, false));
      else if (!bodies) outcomes.push(failed(message.id, '短信内容过长（超过 255 条拼接短信）', false));
      else if (state.stopped) outcomes.push(failed(message.id, `未提交: ${state.stopped}`, true));
      else {
        const answers: Array<Promise<SegmentAnswer>> = [];
        for (const body of bodies) {
          const slot = session.takeSlot(); // true at once while the window has room
          if (slot !== true && !(slot && (await slot))) {
            state.stopped ??= `短信网关连接中断: ${session.lostReason ?? '会话已关闭'}`;
            answers.push(Promise.resolve({ lost: state.stopped }));
            break;
          }
          if (state.stopped && answers.length === 0) {
            // Throttled while this message waited for the window: leave it for a later batch.
            session.releaseSlot();
            answers.push(Promise.resolve({ lost: `未提交: ${state.stopped}` }));
            break;
          }
          answers.push(this.submitSegment(session, phone, body, bodies.length > 1, state));
        }
        outcomes.push(this.outcome(message.id, answers, bodies.length));
      }
    }
    const settled = await Promise.all(outcomes);
    if (!state.answered && state.stopped && !session.isOpen) throw new ChannelUnavailableError('sms', state.stopped);
    return settled;
  }

  private submitSegment(
    session: BoundSession,
    phone: string,
    body: Buffer,
    segmented: boolean,
    state: BatchState,
  ): Promise<SegmentAnswer> {
    const fields = {
      source_addr: this.source.addr,
      source_addr_ton: this.source.ton,
      source_addr_npi: this.source.npi,
      dest_addr_ton: 2, // national number
      dest_addr_npi: 1, // ISDN (E.164)
      destination_addr: phone,
      esm_class: segmented ? ESM_CLASS_UDHI : 0,
      registered_delivery: 1, // a receipt for success and for failure
      data_coding: DATA_CODING_UCS2,
      short_message: body,
    };
    return session.submit(fields).then(
      (response) => {
        state.answered = true;
        if (response.command_status === STATUS_THROTTLED) state.stopped ??= '短信网关限流 (ESME_RTHROTTLED)';
        return { status: response.command_status, messageId: String(response.message_id ?? '') };
      },
      (error: unknown) => {
        const reason = `短信网关连接中断: ${error instanceof SessionLostError ? error.message : describeError(error)}`;
        state.stopped ??= reason;
        return { lost: reason };
      },
    );
  }

  /** One message's outcome from its segments' answers: sent when every segment was accepted. */
  private outcome(id: string, answers: Array<Promise<SegmentAnswer>>, segments: number): Promise<SendOutcome> {
    if (segments === 1) return answers[0]!.then((answer) => outcomeOf(id, [answer]));
    const group = this.receipts.group(segments);
    const registered = answers.map((answer, index) =>
      answer.then((result) => {
        if ('messageId' in result && result.status === 0) group.accepted(index, result.messageId);
        return result;
      }),
    );
    return Promise.all(registered).then((results) => {
      const outcome = outcomeOf(id, results);
      if (outcome.state === 'failed') group.abandon();
      return outcome;
    });
  }

  private onDeliverSm(pdu: PDU): void {
    const receipt = parseReceipt(pdu);
    if (receipt) this.receipts.receive(receipt);
    else this.options.log?.debug({ command: pdu.command }, 'SMPP deliver_sm that is not a final receipt ignored');
  }

  /** The bound session, connecting (once, shared by concurrent callers) when there is none. */
  private async session(): Promise<BoundSession> {
    if (this.current?.isOpen) return this.current;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<BoundSession> {
    try {
      const session = await BoundSession.open({
        host: this.options.host,
        port: this.options.port,
        tls: this.options.tls ?? false,
        systemId: this.options.systemId,
        password: this.options.password,
        window: this.options.window ?? 50,
        responseTimeoutMs: this.options.responseTimeoutMs ?? 30_000,
        bindTimeoutMs: this.options.bindTimeoutMs ?? 10_000,
        enquireLinkMs: this.options.enquireLinkMs ?? 30_000,
        onDeliverSm: (pdu) => this.onDeliverSm(pdu),
        onLost: (reason) => this.lost(reason),
      });
      if (this.closed) {
        await session.close();
        throw new ChannelUnavailableError('sms', '短信通道已关闭');
      }
      this.current = session;
      this.reconnectDelay = this.options.reconnectMinMs ?? 1000;
      this.options.log?.info({ host: this.options.host, port: this.options.port }, 'SMPP session bound');
      return session;
    } catch (error) {
      if (error instanceof ChannelUnavailableError) throw error;
      throw new ChannelUnavailableError('sms', `无法连接短信网关: ${describeError(error)}`, { cause: error });
    }
  }

  /** A bound session went away: bind again in the background, so receipts keep arriving between batches. */
  private lost(reason: string): void {
    this.current = undefined;
    this.options.log?.warn({ reason }, 'SMPP session lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closed || this.current?.isOpen) return;
      this.session().catch(() => {
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, this.options.reconnectMaxMs ?? 30_000);
        this.scheduleReconnect();
      });
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    await this.connecting?.catch(() => undefined);
    await this.current?.close();
    this.current = undefined;
  }
}
