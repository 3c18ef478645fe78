import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryReceipt, OutboundMessage } from './channel.ts';
import { ChannelUnavailableError } from './channel.support.ts';
import { SmsChannel } from './smpp.channel.ts';
import { startLoopbackSmsc, type LoopbackSmsc } from './smpp.loopback.ts';

const LONG_TEXT = (
  '【连山县应急管理局】暴雨红色预警：预计未来3小时永和镇、吉田镇将出现100毫米以上强降水，山洪、滑坡风险极高。' +
  '请立即组织危险区群众转移到安全地带，停止户外作业，远离河道、山坡和低洼地带，注意收听大喇叭通知，有险情请拨打12350。'
)
  .repeat(2)
  .slice(0, 200);

let smsc: LoopbackSmsc | undefined;
let channel: SmsChannel | undefined;
afterEach(async () => {
  await channel?.close();
  await smsc?.close();
  channel = smsc = undefined;
});

interface SetUp {
  receipts?: boolean;
  undeliverable?: string[];
  window?: number;
  responseTimeoutMs?: number;
}

async function setUp({ window = 50, responseTimeoutMs = 30_000, ...smscOptions }: SetUp = {}) {
  smsc = await startLoopbackSmsc({ systemId: 'yingji', password: 'secret1', ...smscOptions });
  channel = new SmsChannel({
    host: '127.0.0.1',
    port: smsc.port,
    systemId: 'yingji',
    password: 'secret1',
    sourceAddr: '10612345',
    window,
    responseTimeoutMs,
    reconnectMinMs: 50,
  });
  return { smsc, channel };
}

const sms = (id: string, address: string, text: string): OutboundMessage => ({
  id,
  address,
  subject: '暴雨红色预警',
  text,
  warningId: 'w-1',
});

describe('SMS over SMPP 3.4 (loopback SMSC)', () => {
  it('delivers Chinese messages in UCS-2, a 200-character one in joined segments', async () => {
    const { smsc, channel } = await setUp();
    expect(LONG_TEXT).toHaveLength(200);
    const batch = [
      sms('d-1', '13800000001', '暴雨红色预警：请立即转移。'),
      sms('d-2', '+86 139-0000-0002', '山洪预警解除，感谢配合。'),
      sms('d-3', '13700000003', LONG_TEXT),
    ];
    const outcomes = await channel.send(batch);
    expect(outcomes.map((o) => [o.id, o.state])).toEqual([
      ['d-1', 'sent'],
      ['d-2', 'sent'],
      ['d-3', 'sent'],
    ]);
    await smsc.waitForMessages(3);
    const byNumber = new Map(smsc.messages.map((m) => [m.to, m]));
    expect(byNumber.get('13800000001')).toMatchObject({ text: '暴雨红色预警：请立即转移。', segments: 1, from: '10612345' });
    expect(byNumber.get('13900000002')?.text).toBe('山洪预警解除，感谢配合。');
    const long = byNumber.get('13700000003')!;
    expect(long.text).toBe(LONG_TEXT);
    expect(long.segments).toBe(3); // 67 + 67 + 66 UCS-2 characters
    // The message is known by its first segment's id.
    expect(outcomes[2]).toMatchObject({ providerId: long.messageIds[0] });
  });

  it('turns deliver_sm receipts into delivered / failed by providerId, one receipt per long message', async () => {
    const { smsc, channel } = await setUp({ receipts: true, undeliverable: ['13900000002'] });
    const receipts: DeliveryReceipt[] = [];
    channel.onReceipt((r) => receipts.push(r));
    const outcomes = await channel.send([
      sms('d-1', '13800000001', '暴雨红色预警：请立即转移。'),
      sms('d-2', '13900000002', '暴雨红色预警：请立即转移。'),
      sms('d-3', '13700000003', LONG_TEXT),
    ]);
    await expect.poll(() => receipts.length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 50)); // no late extra receipts for the other segments
    const byProvider = new Map(receipts.map((r) => [r.providerId, r]));
    const providerOf = (i: number) => (outcomes[i] as { providerId: string }).providerId;
    expect(byProvider.get(providerOf(0))).toEqual({ providerId: providerOf(0), state: 'delivered' });
    expect(byProvider.get(providerOf(1))).toMatchObject({ state: 'failed', error: expect.stringContaining('UNDELIV') });
    expect(byProvider.get(providerOf(2))).toEqual({ providerId: providerOf(2), state: 'delivered' });
    expect(receipts).toHaveLength(3);
    expect(smsc.counts.receipts).toBe(5); // the gateway sent one per segment
  });

  it('throws while the SMSC is down and reconnects when it is back', async () => {
    const { smsc, channel } = await setUp();
    expect(await channel.send([sms('d-1', '13800000001', '第一条')])).toMatchObject([{ state: 'sent' }]);
    await smsc.stop();
    await expect(channel.send([sms('d-2', '13800000002', '第二条')])).rejects.toBeInstanceOf(ChannelUnavailableError);
    await smsc.start();
    expect(await channel.send([sms('d-2', '13800000002', '第二条')])).toMatchObject([{ id: 'd-2', state: 'sent' }]);
    await smsc.waitForMessages(2);
    expect(smsc.messages.map((m) => m.text)).toEqual(['第一条', '第二条']);
    expect(smsc.counts.binds).toBe(2);
  });

  it('binds again in the background after losing the session, so receipts keep coming', async () => {
    const { smsc, channel } = await setUp();
    await channel.send([sms('d-1', '13800000001', '第一条')]);
    await smsc.stop();
    await smsc.start();
    await expect.poll(() => smsc.counts.binds).toBe(2);
  });

  it('drops a session that stops answering: unanswered messages are retryable, the next batch binds again', async () => {
    const { smsc, channel } = await setUp({ window: 1, responseTimeoutMs: 300 });
    await channel.send([sms('d-0', '13800000000', '〇')]);
    // The second submit gets no answer: the first message was accepted, the rest of the batch is held back.
    smsc.hangNext(1, 1);
    const hang = channel.send([
      sms('d-1', '13800000001', '一'),
      sms('d-2', '13800000002', '二'),
      sms('d-3', '13800000003', '三'),
    ]);
    const outcomes = await hang;
    expect(outcomes[0]).toMatchObject({ id: 'd-1', state: 'sent' });
    expect(outcomes[1]).toMatchObject({
      id: 'd-2',
      state: 'failed',
      retryable: true,
      error: expect.stringContaining('应答超时'),
    });
    expect(outcomes[2]).toMatchObject({ id: 'd-3', state: 'failed', retryable: true });
    // Nothing answered at all: the channel is down for this batch.
    smsc.hangNext(1);
    await expect(channel.send([sms('d-2', '13800000002', '二')])).rejects.toBeInstanceOf(ChannelUnavailableError);
    expect(await channel.send([sms('d-2', '13800000002', '二')])).toMatchObject([{ state: 'sent' }]);
  });

  it('reports throttling as a retryable failure and holds back the rest of the batch', async () => {
    const { smsc, channel } = await setUp({ window: 1 });
    smsc.failNext(1);
    const outcomes = await channel.send([sms('d-1', '13800000001', '一'), sms('d-2', '13800000002', '二')]);
    expect(outcomes[0]).toMatchObject({ id: 'd-1', state: 'failed', retryable: true });
    expect((outcomes[0] as { error: string }).error).toContain('ESME_RTHROTTLED');
    expect(outcomes[1]).toMatchObject({ id: 'd-2', state: 'failed', retryable: true });
    expect(smsc.counts.submits).toBe(0);
    // The next batch goes through.
    expect(await channel.send([sms('d-1', '13800000001', '一')])).toMatchObject([{ state: 'sent' }]);
  });

  it('fails a rejected or malformed number without retry, and still sends the rest', async () => {
    const { smsc, channel } = await setUp({ window: 1 });
    smsc.failNext(1, 0x0b); // ESME_RINVDSTADR
    const outcomes = await channel.send([
      sms('d-1', '13800000001', '一'),
      sms('d-2', '12345', '二'),
      sms('d-3', '13800000003', '三'),
    ]);
    expect(outcomes[0]).toMatchObject({ state: 'failed', retryable: false, error: expect.stringContaining('ESME_RINVDSTADR') });
    expect(outcomes[1]).toMatchObject({ state: 'failed', retryable: false, error: expect.stringContaining('手机号码无效') });
    expect(outcomes[2]).toMatchObject({ state: 'sent' });
    await smsc.waitForMessages(1);
    expect(smsc.messages.map((m) => m.to)).toEqual(['13800000003']);
  });

  it('throws when the gateway refuses the log-in', async () => {
    smsc = await startLoopbackSmsc({ systemId: 'yingji', password: 'secret1' });
    channel = new SmsChannel({ host: '127.0.0.1', port: smsc.port, systemId: 'yingji', password: 'wrong' });
    const error = await channel.send([sms('d-1', '13800000001', '一')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect((error as Error).message).toContain('拒绝登录');
    expect(smsc.counts.submits).toBe(0);
  });
});
