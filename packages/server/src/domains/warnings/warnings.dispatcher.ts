import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Channel, ChannelKind, DeliveryReceipt, OutboundMessage, SendOutcome } from './channels/channel.ts';
import type { WarningDeliveriesTable } from './warnings.tables.ts';
import { receiptToken } from './warnings.rules.ts';

type DeliveryRow = Selectable<WarningDeliveriesTable>;

/** What a message says, per warning and kind (made once per warning; the 大喇叭 audio with it). */
export interface MessageContent {
  subject: string;
  text: string;
  audio?: OutboundMessage['audio'];
  meta?: Record<string, unknown>;
  /** The warning's key for signing 签收 links (never sent). */
  receiptKey?: string;
}

export interface DispatcherDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  channels: Map<ChannelKind, Channel>;
  content(warningId: string, kind: 'alert' | 'cancel', channel: ChannelKind): Promise<MessageContent>;
  /** PUBLIC_URL: personal messages end with a 签收 link to <publicUrl>/r/<delivery id>. */
  publicUrl?: string;
  /** After each recorded batch: the warnings whose board should refresh. */
  progressed(warningIds: string[]): void;
}

const BATCH = 500;
/** A claimed batch is leased this long; rows of a dispatcher that died are claimed again after it (at least once). */
const LEASE_MS = 60_000;
/** A message that keeps failing for reasons that may pass (throttling, timeouts) is given up after this many tries. */
export const MAX_ATTEMPTS = 8;
const RECEIPT_RETRIES = 6;

/** 5 s, 10 s, 20 s … capped at 10 minutes: the retry delay after the n-th failed attempt of one message. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 600_000);
}
/** While a whole channel is down, batches wait this long (growing to a minute) and keep their attempt count. */
function outageDelayMs(consecutive: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, consecutive - 1), 60_000);
}

/**
 * Sends the outbox: per channel, claims due rows in batches (queued and due, or leased by a dispatcher whose lease ran
 * out), hands them to the channel, and records each recipient's outcome. A channel that is down leaves its messages
 * waiting — they go when it returns; a channel that is not configured leaves them queued.
 */
export class Dispatcher {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<ChannelKind, Promise<void>>();
  private readonly again = new Set<ChannelKind>();
  private readonly outages = new Map<ChannelKind, number>();
  private stopping = false;

  constructor(private readonly deps: DispatcherDeps) {
    for (const channel of deps.channels.values()) channel.onReceipt?.((receipt) => void this.receipt(receipt));
  }

  start(intervalMs = 1_000): void {
    this.stopping = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Finishes the batches in flight (their outcomes recorded) and sends no more: a restart resends nothing. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.running.values());
  }

  /**
   * Send what is due now (called after each fan-out batch so the first SMS leaves at once). Does nothing until
   * start(): tests and benchmarks that drive drain() themselves stay in control.
   */
  kick(): void {
    if (!this.timer) return;
    for (const kind of this.deps.channels.keys()) void this.drain(kind);
  }

  /** Drains one channel until nothing is due; a call during a drain joins it (and makes it look once more). */
  drain(kind: ChannelKind): Promise<void> {
    const running = this.running.get(kind);
    if (running) {
      this.again.add(kind);
      return running;
    }
    const drained = (async () => {
      try {
        do {
          this.again.delete(kind);
          while (!this.stopping && (await this.sendBatch(kind))) {
            /* keep sending */
          }
        } while (!this.stopping && this.again.has(kind));
      } catch (error) {
        this.deps.log.error({ err: error, channel: kind }, 'warning dispatch failed');
      } finally {
        this.running.delete(kind);
      }
    })();
    this.running.set(kind, drained);
    return drained;
  }

  /** For /api/health: the configured channels and those that failed their last send as a whole. */
  status(): { channels: ChannelKind[]; down: ChannelKind[] } {
    return { channels: [...this.deps.channels.keys()], down: [...this.outages.keys()] };
  }

  /** Messages not yet sent (queued or in flight), counted up to 100,000 so a huge backlog stays cheap to report. */
  async waiting(): Promise<number> {
    const row = await this.deps.db.kysely
      .selectFrom((eb) =>
        eb.selectFrom('warning_deliveries').select('id').where('state', 'in', ['queued', 'sending']).limit(100_000).as('w'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Claims and sends one batch; false when nothing was due or the channel is down. */
  private async sendBatch(kind: ChannelKind): Promise<boolean> {
    const channel = this.deps.channels.get(kind);
    if (!channel) return false;
    const rows = await this.claim(kind);
    if (rows.length === 0) return false;
    const messages = await Promise.all(rows.map((row) => this.message(row, kind)));
    let outcomes: SendOutcome[];
    try {
      outcomes = await channel.send(messages);
      this.outages.delete(kind);
    } catch (error) {
      const consecutive = (this.outages.get(kind) ?? 0) + 1;
      this.outages.set(kind, consecutive);
      this.deps.log.warn({ err: error, channel: kind, waiting: rows.length }, 'channel down; messages wait');
      await this.putBack(rows, outageDelayMs(consecutive), error instanceof Error ? error.message : String(error));
      return false;
    }
    await this.record(rows, outcomes);
    this.deps.progressed([...new Set(rows.map((r) => r.warning_id))]);
    return true;
  }

  private async claim(kind: ChannelKind): Promise<DeliveryRow[]> {
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const lease = new Date(now.getTime() + LEASE_MS).toISOString();
    const channel = kind as DeliveryRow['channel'];
    return this.deps.db.kysely.transaction().execute(async (trx) => {
      let due = trx
        .selectFrom('warning_deliveries')
        .select('id')
        .where('channel', '=', channel)
        .where('state', 'in', ['queued', 'sending'])
        .where('next_at', '<=', nowIso)
        .orderBy('next_at')
        .limit(BATCH);
      // Several processes on PostgreSQL: each takes different rows without waiting for the others.
      if (this.deps.db.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      return trx
        .updateTable('warning_deliveries')
        .set((eb) => ({ state: 'sending', next_at: lease, attempts: eb('attempts', '+', 1), updated_at: nowIso }))
        .where('id', 'in', ids)
        .returningAll()
        .execute();
    });
  }

  private async message(row: DeliveryRow, kind: ChannelKind): Promise<OutboundMessage> {
    const { receiptKey, ...content } = await this.deps.content(row.warning_id, row.kind, kind);
    const personal = row.kind === 'alert' && (kind === 'sms' || kind === 'email') && this.deps.publicUrl && receiptKey;
    // Opening the link marks this one message 已签收; the token proves the link came in this message.
    const link = personal
      ? `${this.deps.publicUrl!.replace(/\/$/, '')}/r/${encodeURIComponent(row.id)}?t=${receiptToken(receiptKey, row.id)}`
      : null;
    return {
      id: row.id,
      address: row.address,
      warningId: row.warning_id,
      ...content,
      text: link ? `${content.text} 签收：${link}` : content.text,
    };
  }

  /** The whole batch waits for the channel to return; the try does not count against the message. */
  private async putBack(rows: DeliveryRow[], delayMs: number, error: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.db.kysely
      .updateTable('warning_deliveries')
      .set((eb) => ({
        state: 'queued',
        attempts: eb('attempts', '-', 1),
        next_at: new Date(now.getTime() + delayMs).toISOString(),
        error: `渠道不可用，等待重试：${error}`.slice(0, 500),
        updated_at: now.toISOString(),
      }))
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .where('state', '=', 'sending')
      .execute();
  }

  private async record(rows: DeliveryRow[], outcomes: SendOutcome[]): Promise<void> {
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const byId = new Map(rows.map((r) => [r.id, r]));
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      for (const outcome of outcomes) {
        const row = byId.get(outcome.id);
        if (!row) continue;
        byId.delete(outcome.id);
        const update =
          outcome.state === 'failed'
            ? outcome.retryable && row.attempts < MAX_ATTEMPTS
              ? {
                  state: 'queued' as const,
                  next_at: new Date(now.getTime() + retryDelayMs(row.attempts)).toISOString(),
                  error: outcome.error.slice(0, 500),
                }
              : { state: 'failed' as const, error: outcome.error.slice(0, 500) }
            : { state: outcome.state, provider_id: outcome.providerId ?? null, error: null };
        await trx
          .updateTable('warning_deliveries')
          .set({ ...update, updated_at: nowIso })
          .where('id', '=', outcome.id)
          .where('state', '=', 'sending')
          .execute();
      }
    });
    // A channel that answered for fewer messages than it was given: the rest wait for their lease and go again.
    if (byId.size > 0) this.deps.log.warn({ missing: byId.size }, 'channel returned no outcome for some messages');
  }

  /**
   * SMPP delivery receipts: the handset has it (or the operator gave up). A receipt can overtake the recording of its
   * own batch (the SMSC answers within milliseconds), so one that matches nothing is tried again a few times.
   */
  private async receipt(receipt: DeliveryReceipt, tries = 0): Promise<void> {
    try {
      const rows = await this.deps.db.kysely
        .updateTable('warning_deliveries')
        .set({
          state: receipt.state,
          error: receipt.state === 'failed' ? (receipt.error ?? '运营商回执：未送达') : null,
          updated_at: this.deps.clock.now().toISOString(),
        })
        .where('provider_id', '=', receipt.providerId)
        .where('state', 'in', ['sent', 'sending'])
        .returning('warning_id')
        .execute();
      if (rows.length > 0) this.deps.progressed([...new Set(rows.map((r) => r.warning_id))]);
      else if (tries < RECEIPT_RETRIES) setTimeout(() => void this.receipt(receipt, tries + 1), 500).unref();
    } catch (error) {
      this.deps.log.error({ err: error }, 'delivery receipt not recorded');
    }
  }
}
