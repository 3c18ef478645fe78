import { randomBytes } from 'node:crypto';
import type { Config } from '../platform/config.ts';
import { startLoopbackSmtp } from '../domains/warnings/channels/email.loopback.ts';
import { startLoopbackReceiver } from '../domains/warnings/channels/http.loopback.ts';
import { startLoopbackSmsc } from '../domains/warnings/channels/smpp.loopback.ts';

/**
 * The demo's stand-ins for the outside world the warnings go to: an SMS gateway (real SMPP 3.4 with delivery
 * receipts), a mail server (real SMTP), loudspeaker controllers and a work-group webhook (real HTTP), all on
 * 127.0.0.1 inside this process — so a demo warning travels the whole way and its board fills up, and nothing
 * reaches a real phone. A channel the administrator configured (SMPP_URL …) keeps its real setting.
 */
export async function startDemoChannels(config: Config): Promise<{ config: Config; describe: string; close(): Promise<void> }> {
  const password = randomBytes(4).toString('hex');
  const smsc = config.channels.sms
    ? null
    : await startLoopbackSmsc({ systemId: 'demo', password, receipts: true, record: false });
  const smtp = config.channels.email ? null : await startLoopbackSmtp();
  const http = config.channels.broadcast && config.channels.webhook ? null : await startLoopbackReceiver();
  const secret = randomBytes(16).toString('hex');
  const channels: Config['channels'] = {
    sms: smsc ? { host: '127.0.0.1', port: smsc.port, tls: false, systemId: 'demo', password, window: 50 } : config.channels.sms,
    email: smtp ? { host: '127.0.0.1', port: smtp.port, secure: false, from: 'yingji-demo@localhost' } : config.channels.email,
    broadcast: config.channels.broadcast ?? { endpoints: [`${http!.url}/loudspeakers/county`] },
    webhook: config.channels.webhook ?? { urls: [`${http!.url}/work-group`], secret },
  };
  const simulated = [smsc && '短信（SMPP）', smtp && '邮件（SMTP）', http && '大喇叭与工作群推送（HTTP）'].filter(Boolean);
  return {
    config: { ...config, channels },
    describe: simulated.length ? `演示发布渠道：${simulated.join('、')}发往本机模拟网关，不会发出真实短信或邮件。` : '',
    async close() {
      await smsc?.close();
      await smtp?.close();
      await http?.close();
    },
  };
}
