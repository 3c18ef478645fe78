// Signed webhooks (WeChat/DingTalk work-group bridges, other systems). Each request:
//   POST <url>, Content-Type: application/json; charset=utf-8
//   body: {"id","warningId","subject","text","meta","sentAt"}
//   X-Yingji-Timestamp: <unix seconds>
//   X-Yingji-Signature: sha256=<hex HMAC-SHA256 with WEBHOOK_SECRET over "<timestamp>.<body>">
//   Idempotency-Key: <delivery id>   (the same on every retry: receivers drop repeats by it)
// 2xx means the receiving system has the message (delivered).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../../../platform/clock.ts';
import type { Channel, OutboundMessage, SendOutcome } from './channel.ts';
import { failed, settleBatch } from './channel.support.ts';
import { mapLimit, postMessage } from './http.post.ts';

export interface WebhookChannelOptions {
  secret: string;
  timeoutMs?: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  clock?: Clock;
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * For receivers (and tests): does the signature match this timestamp and raw body? With `nowSeconds`, a timestamp
 * further than `toleranceSeconds` (default 300) from it is refused too, so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string | Buffer,
  signature: string,
  freshness?: { nowSeconds: number; toleranceSeconds?: number },
): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  if (freshness && Math.abs(freshness.nowSeconds - Number(timestamp)) > (freshness.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body.toString()));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookChannel implements Channel {
  readonly kind = 'webhook' as const;
  private readonly clock: Clock;

  constructor(private readonly options: WebhookChannelOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async send(batch: OutboundMessage[]): Promise<SendOutcome[]> {
    const attempts = await mapLimit(batch, this.options.concurrency ?? 8, (message) => this.sendOne(message));
    return settleBatch('webhook', attempts);
  }

  private sendOne(message: OutboundMessage) {
    if (!/^https?:\/\//.test(message.address)) {
      return Promise.resolve(failed(message.id, `webhook 地址无效: ${message.address}`, false));
    }
    const now = this.clock.now();
    const body = JSON.stringify({
      id: message.id,
      warningId: message.warningId,
      subject: message.subject,
      text: message.text,
      meta: message.meta ?? {},
      sentAt: now.toISOString(),
    });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    return postMessage(
      message.id,
      {
        url: message.address,
        timeoutMs: this.options.timeoutMs ?? 15_000,
        body,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'Yingji-Warnings/1',
          'X-Yingji-Timestamp': timestamp,
          'X-Yingji-Signature': signWebhook(this.options.secret, timestamp, body),
          'Idempotency-Key': message.id,
        },
      },
      'delivered',
    );
  }

  async close(): Promise<void> {}
}
