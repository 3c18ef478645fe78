import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../platform/clock.ts';
import type { OutboundMessage } from './channel.ts';
import { ChannelUnavailableError } from './channel.support.ts';
import { startLoopbackReceiver, type LoopbackReceiver } from './http.loopback.ts';
import { signWebhook, verifyWebhookSignature, WebhookChannel } from './webhook.channel.ts';

const SECRET = 'webhook-secret-0123456789';
let receiver: LoopbackReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const hook = (id: string, address: string): OutboundMessage => ({
  id,
  address,
  subject: '山洪灾害橙色预警',
  text: '吉田镇沿河村庄请立即转移。',
  warningId: 'w-3',
  meta: { identifier: '441825-YJJ-20260701143000-0001', level: 'orange', areas: ['441825104'] },
});

describe('signed webhooks (loopback receiver)', () => {
  it('posts the JSON payload signed with the secret, with the delivery id as idempotency key', async () => {
    receiver = await startLoopbackReceiver({ webhookSecret: SECRET });
    const clock = new ManualClock('2026-07-01T06:30:00.000Z');
    const channel = new WebhookChannel({ secret: SECRET, clock });
    const outcomes = await channel.send([hook('d-1', `${receiver.url}/dingtalk`), hook('d-2', `${receiver.url}/wechat`)]);
    expect(outcomes).toEqual([
      { id: 'd-1', state: 'delivered' },
      { id: 'd-2', state: 'delivered' },
    ]);
    const first = receiver.requests.find((r) => r.path === '/dingtalk')!;
    expect(first.signatureValid).toBe(true);
    expect(first.headers['idempotency-key']).toBe('d-1');
    expect(first.headers['x-yingji-timestamp']).toBe(String(Date.parse('2026-07-01T06:30:00Z') / 1000));
    expect(JSON.parse(first.body.toString('utf8'))).toEqual({
      id: 'd-1',
      warningId: 'w-3',
      subject: '山洪灾害橙色预警',
      text: '吉田镇沿河村庄请立即转移。',
      meta: { identifier: '441825-YJJ-20260701143000-0001', level: 'orange', areas: ['441825104'] },
      sentAt: '2026-07-01T06:30:00.000Z',
    });
  });

  it('is refused by a receiver holding another secret, for good (401)', async () => {
    receiver = await startLoopbackReceiver({ webhookSecret: 'another-secret-0123456789' });
    const outcomes = await new WebhookChannel({ secret: SECRET }).send([hook('d-1', receiver.url)]);
    expect(outcomes[0]).toMatchObject({ state: 'failed', retryable: false, error: expect.stringContaining('401') });
    expect(receiver.requests[0]?.signatureValid).toBe(false);
  });

  it('retries 5xx and 429, not other 4xx; refuses a malformed address', async () => {
    receiver = await startLoopbackReceiver();
    const channel = new WebhookChannel({ secret: SECRET, concurrency: 1 });
    receiver.failNext(1, 503);
    expect(await channel.send([hook('d-1', receiver.url)])).toMatchObject([{ state: 'failed', retryable: true }]);
    receiver.failNext(1, 429);
    expect(await channel.send([hook('d-1', receiver.url)])).toMatchObject([{ state: 'failed', retryable: true }]);
    receiver.failNext(1, 404);
    expect(await channel.send([hook('d-1', receiver.url)])).toMatchObject([{ state: 'failed', retryable: false }]);
    expect(await channel.send([hook('d-1', 'ftp://example.cn/x')])).toMatchObject([{ state: 'failed', retryable: false }]);
    // The retry carries the same idempotency key.
    expect(await channel.send([hook('d-1', receiver.url)])).toMatchObject([{ state: 'delivered' }]);
    expect(new Set(receiver.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set(['d-1']));
  });

  it('throws when no receiver can be reached; one unreachable among others is a retryable failure', async () => {
    receiver = await startLoopbackReceiver();
    const downUrl = receiver.url;
    await receiver.close();
    const channel = new WebhookChannel({ secret: SECRET });
    const error = await channel.send([hook('d-1', downUrl), hook('d-2', downUrl)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    receiver = await startLoopbackReceiver();
    const outcomes = await channel.send([hook('d-1', downUrl), hook('d-2', receiver.url)]);
    expect(outcomes).toEqual([
      expect.objectContaining({ id: 'd-1', state: 'failed', retryable: true }),
      { id: 'd-2', state: 'delivered' },
    ]);
  });
});

describe('verifyWebhookSignature', () => {
  const body = '{"id":"d-1"}';
  const signature = signWebhook(SECRET, '1782887400', body);

  it('accepts the right signature and refuses a changed body, timestamp or secret', () => {
    expect(verifyWebhookSignature(SECRET, '1782887400', body, signature)).toBe(true);
    expect(verifyWebhookSignature(SECRET, '1782887400', Buffer.from(body), signature)).toBe(true);
    expect(verifyWebhookSignature(SECRET, '1782887400', '{"id":"d-2"}', signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, '1782887401', body, signature)).toBe(false);
    expect(verifyWebhookSignature('other-secret-0123456789', '1782887400', body, signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, 'abc', body, signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, '1782887400', body, 'sha256=00')).toBe(false);
  });

  it('refuses stale timestamps when given the current time', () => {
    expect(verifyWebhookSignature(SECRET, '1782887400', body, signature, { nowSeconds: 1782887400 + 299 })).toBe(true);
    expect(verifyWebhookSignature(SECRET, '1782887400', body, signature, { nowSeconds: 1782887400 + 301 })).toBe(false);
  });
});
