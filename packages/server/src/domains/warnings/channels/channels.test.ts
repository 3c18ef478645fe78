import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createChannels } from './channel.ts';
import { startLoopbackSmsc } from './smpp.loopback.ts';

const log = pino({ level: 'silent' });

function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).details as { problems: string[] }).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('channel configuration', () => {
  it('configures no channel when nothing is set', () => {
    const config = loadConfig({});
    expect(config.channels).toEqual({});
    expect(createChannels(config, log).size).toBe(0);
  });

  it('reads every channel from its environment variables', () => {
    const config = loadConfig({
      SMPP_URL: 'smpp://yingji%40:p%3Ass@10.1.2.3:2776',
      SMPP_SOURCE: '1065512350',
      SMPP_WINDOW: '20',
      SMTP_URL: 'smtps://alert:mail%20pass@mail.example.gov.cn',
      SMTP_FROM: '连山县应急管理局 <yjj@example.gov.cn>',
      BROADCAST_ENDPOINTS: 'http://10.0.0.5/play, https://dlb.example.cn/api/push ,',
      WEBHOOK_URLS: 'https://hooks.example.cn/a',
      WEBHOOK_SECRET: 'a-secret-of-24-characters',
    });
    expect(config.channels).toEqual({
      sms: {
        host: '10.1.2.3',
        port: 2776,
        tls: false,
        systemId: 'yingji@',
        password: 'p:ss',
        sourceAddr: '1065512350',
        window: 20,
      },
      email: {
        host: 'mail.example.gov.cn',
        port: 465,
        secure: true,
        user: 'alert',
        password: 'mail pass',
        from: '连山县应急管理局 <yjj@example.gov.cn>',
      },
      broadcast: { endpoints: ['http://10.0.0.5/play', 'https://dlb.example.cn/api/push'] },
      webhook: { urls: ['https://hooks.example.cn/a'], secret: 'a-secret-of-24-characters' },
    });
    const channels = createChannels(config, log);
    expect([...channels.keys()].sort()).toEqual(['broadcast', 'email', 'sms', 'webhook']);
    expect(channels.get('sms')?.kind).toBe('sms');
  });

  it.each([
    [{ SMPP_URL: 'http://yingji:pw@host:2775' }, 'SMPP_URL'],
    [{ SMPP_URL: 'smpp://host:2775' }, 'SMPP_URL'],
    [{ SMPP_URL: 'smpp://yingji:longer-than-8@host' }, 'SMPP_URL'],
    [{ SMPP_SOURCE: '106-555' }, 'SMPP_SOURCE'],
    [{ SMPP_WINDOW: '0' }, 'SMPP_WINDOW'],
    [{ SMTP_URL: 'imap://mail.example.cn', SMTP_FROM: 'a@example.cn' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.cn' }, 'SMTP_FROM'],
    [{ BROADCAST_ENDPOINTS: 'http://10.0.0.5/play,ftp://x' }, 'BROADCAST_ENDPOINTS'],
    [{ WEBHOOK_URLS: 'https://hooks.example.cn/a' }, 'WEBHOOK_SECRET'],
    [{ WEBHOOK_URLS: 'https://hooks.example.cn/a', WEBHOOK_SECRET: 'short' }, 'WEBHOOK_SECRET'],
  ])('refuses %o, naming %s', (env, name) => {
    const problems = configProblems(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
  });

  it('gives a working SMS channel for SMPP_URL', async () => {
    const smsc = await startLoopbackSmsc({ systemId: 'yingji', password: 'pw' });
    const channels = createChannels(loadConfig({ SMPP_URL: `smpp://yingji:pw@127.0.0.1:${smsc.port}` }), log);
    try {
      const outcomes = await channels
        .get('sms')!
        .send([{ id: 'd-1', address: '13800000001', subject: '预警', text: '暴雨蓝色预警', warningId: 'w-1' }]);
      expect(outcomes).toMatchObject([{ id: 'd-1', state: 'sent' }]);
      await smsc.waitForMessages(1);
      expect(smsc.messages[0]).toMatchObject({ to: '13800000001', text: '暴雨蓝色预警' });
    } finally {
      await Promise.all([...channels.values()].map((c) => c.close()));
      await smsc.close();
    }
  });
});
