import pg from 'pg';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { LocalFanout, type BusEvent, type EventBus, type EventType, type YingjiEvents } from './bus.ts';

const CHANNEL = 'yingji_events';
/** PostgreSQL's NOTIFY payload limit is 8000 bytes. */
const MAX_PAYLOAD = 7900;

/**
 * LISTEN/NOTIFY bus: every server process on the same database sees every event, including its own (delivery
 * comes back through the notification, so each process delivers each event exactly once).
 */
export class PostgresBus implements EventBus {
  readonly transport = 'postgres-notify' as const;
  private readonly fanout = new LocalFanout();
  private listener: pg.Client | null = null;
  private closed = false;
  private retryMs = 500;
  /** Publishes share the listener connection, one query at a time (pg deprecates overlapping queries on a client). */
  private publishing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly url: string,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  static async start(url: string, clock: Clock, log: Logger): Promise<PostgresBus> {
    const bus = new PostgresBus(url, clock, log);
    await bus.connect();
    return bus;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      this.fanout.deliver(JSON.parse(message.payload) as BusEvent);
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'event listener connection lost; reconnecting');
      this.listener = null;
      void client.end().catch(() => undefined);
      this.scheduleReconnect();
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.listener = client;
    this.retryMs = 500;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    setTimeout(() => {
      this.connect().catch(() => {
        this.retryMs = Math.min(this.retryMs * 2, 30_000);
        this.scheduleReconnect();
      });
    }, this.retryMs).unref();
  }

  async publish<K extends EventType>(type: K, areaCode: string | null, data: YingjiEvents[K]): Promise<void> {
    const event: BusEvent<K> = { type, areaCode, at: this.clock.now().toISOString(), data };
    const payload = JSON.stringify(event);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD || !this.listener) {
      // Too large for NOTIFY, or the listener is down: this process still sees it; others will not.
      this.log.warn({ type, bytes: Buffer.byteLength(payload) }, 'event delivered in-process only');
      this.fanout.deliver(event);
      return;
    }
    const listener = this.listener;
    const sent = this.publishing.then(() => listener.query('select pg_notify($1, $2)', [CHANNEL, payload]));
    this.publishing = sent.catch(() => undefined);
    await sent;
  }

  subscribe(handler: (event: BusEvent) => void): () => void {
    return this.fanout.subscribe(handler);
  }

  healthy(): boolean {
    return this.listener !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
