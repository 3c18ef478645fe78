import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from './channel.ts';
import { ChannelUnavailableError } from './channel.support.ts';
import { EmailChannel } from './email.channel.ts';
import { startLoopbackSmtp, type LoopbackSmtp } from './email.loopback.ts';

let smtp: LoopbackSmtp | undefined;
let channel: EmailChannel | undefined;
afterEach(async () => {
  await channel?.close();
  await smtp?.close();
  smtp = channel = undefined;
});

const mail = (id: string, address: string): OutboundMessage => ({
  id,
  address,
  subject: '连山县气象台发布暴雨红色预警信号',
  text: '预计未来3小时永和镇、吉田镇将出现100毫米以上强降水，请立即转移危险区群众。',
  warningId: 'w-7',
});

const channelTo = (port: number, password = 'mail-pass') =>
  new EmailChannel({
    host: '127.0.0.1',
    port,
    secure: false,
    user: 'yingji',
    password,
    from: '连山县应急管理局 <yjj@lianshan.example.gov.cn>',
    timeoutMs: 5000,
  });

describe('e-mail over SMTP (in-process SMTP server)', () => {
  it('delivers Chinese mails whose Message-ID comes from the delivery id', async () => {
    smtp = await startLoopbackSmtp({ user: 'yingji', password: 'mail-pass' });
    channel = channelTo(smtp.port);
    const outcomes = await channel.send([mail('dlv-1', 'a@example.cn'), mail('dlv-2', 'b@example.cn')]);
    expect(outcomes).toEqual([
      { id: 'dlv-1', state: 'sent', providerId: '<dlv-1@lianshan.example.gov.cn>' },
      { id: 'dlv-2', state: 'sent', providerId: '<dlv-2@lianshan.example.gov.cn>' },
    ]);
    expect(smtp.mails).toHaveLength(2);
    const first = smtp.mails.find((m) => m.to[0] === 'a@example.cn')!;
    expect(first.from).toBe('yjj@lianshan.example.gov.cn');
    expect(first.headers.get('subject')).toBe('连山县气象台发布暴雨红色预警信号');
    expect(first.headers.get('from')).toBe('连山县应急管理局 <yjj@lianshan.example.gov.cn>');
    expect(first.headers.get('message-id')).toBe('<dlv-1@lianshan.example.gov.cn>');
    expect(first.headers.get('x-yingji-delivery-id')).toBe('dlv-1');
    expect(first.headers.get('x-yingji-warning-id')).toBe('w-7');
    expect(first.body).toBe(mail('dlv-1', '').text);
  });

  it('sends a resent delivery with the same Message-ID', async () => {
    smtp = await startLoopbackSmtp({ user: 'yingji', password: 'mail-pass' });
    channel = channelTo(smtp.port);
    await channel.send([mail('dlv-9', 'a@example.cn')]);
    await channel.close();
    channel = channelTo(smtp.port); // as after a restart
    await channel.send([mail('dlv-9', 'a@example.cn')]);
    expect(smtp.mails.map((m) => m.headers.get('message-id'))).toEqual([
      '<dlv-9@lianshan.example.gov.cn>',
      '<dlv-9@lianshan.example.gov.cn>',
    ]);
  });

  it('fails a refused mailbox for good, a temporary refusal retryably, and an invalid address without sending', async () => {
    smtp = await startLoopbackSmtp({ user: 'yingji', password: 'mail-pass' });
    channel = channelTo(smtp.port);
    const outcomes = await channel.send([
      mail('d-1', 'bounce@example.cn'),
      mail('d-2', 'busy@example.cn'),
      mail('d-3', 'not-an-address'),
      mail('d-4', 'ok@example.cn'),
    ]);
    expect(outcomes[0]).toMatchObject({ state: 'failed', retryable: false, error: expect.stringContaining('550') });
    expect(outcomes[1]).toMatchObject({ state: 'failed', retryable: true, error: expect.stringContaining('451') });
    expect(outcomes[2]).toMatchObject({ state: 'failed', retryable: false, error: expect.stringContaining('地址无效') });
    expect(outcomes[3]).toMatchObject({ state: 'sent' });
    expect(smtp.mails.map((m) => m.to)).toEqual([['ok@example.cn']]);
  });

  it('throws when the server cannot be reached or refuses the log-in', async () => {
    smtp = await startLoopbackSmtp({ user: 'yingji', password: 'mail-pass' });
    const port = smtp.port;
    channel = channelTo(port, 'wrong-pass');
    await expect(channel.send([mail('d-1', 'a@example.cn')])).rejects.toBeInstanceOf(ChannelUnavailableError);
    await channel.close();
    await smtp.close();
    smtp = undefined;
    channel = channelTo(port);
    const error = await channel.send([mail('d-1', 'a@example.cn')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect((error as Error).message).toMatch(/ECONNREFUSED|ECONNECTION/);
  });
});
