// E-mail over SMTP: one pooled nodemailer transport. The Message-ID is derived from the delivery id, so a message sent
// again after a restart carries the same id and receiving systems can tell it is the same one.
import { createTransport, type Transporter } from 'nodemailer';
import type { Channel, OutboundMessage, SendOutcome } from './channel.ts';
import { describeError, failed, settleBatch, unreachable, type Attempt } from './channel.support.ts';

export interface EmailChannelOptions {
  host: string;
  port: number;
  /** Implicit TLS (smtps, port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** Sender, e.g. `连山县应急管理局 <yjj@example.gov.cn>`. */
  from: string;
  /** Connections the pool opens at most (default 5). */
  maxConnections?: number;
  /** Connecting, greeting and each SMTP reply (default 30 s). */
  timeoutMs?: number;
}

const ADDRESS = /^[^\s@<>,;:"]+@[^\s@<>,;:"]+\.[^\s@<>,;:"]+$/;
// nodemailer error codes that mean the server could not be used at all: not this message's fault.
const UNREACHABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ECONNREFUSED']);

/** `<delivery-id@sender-domain>`; characters a Message-ID cannot hold become '_'. */
export function messageIdFor(deliveryId: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'yingji.local';
  return `<${deliveryId.replace(/[^A-Za-z0-9._-]/g, '_')}@${domain}>`;
}

export class EmailChannel implements Channel {
  readonly kind = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly options: EmailChannelOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    this.transport = createTransport({
      pool: true,
      host: options.host,
      port: options.port,
      secure: options.secure,
      maxConnections: options.maxConnections ?? 5,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      ...(options.user ? { auth: { user: options.user, pass: options.password ?? '' } } : {}),
    });
  }

  async send(batch: OutboundMessage[]): Promise<SendOutcome[]> {
    return settleBatch('email', await Promise.all(batch.map((message) => this.sendOne(message))));
  }

  private async sendOne(message: OutboundMessage): Promise<Attempt> {
    if (!ADDRESS.test(message.address)) return failed(message.id, `电子邮件地址无效: ${message.address}`, false);
    try {
      const info = (await this.transport.sendMail({
        from: this.options.from,
        to: message.address,
        subject: message.subject,
        text: message.text,
        messageId: messageIdFor(message.id, this.options.from),
        headers: { 'X-Yingji-Delivery-Id': message.id, 'X-Yingji-Warning-Id': message.warningId },
      })) as { messageId?: string; rejected?: unknown[] };
      if (info.rejected?.length) return failed(message.id, `邮件服务器拒收: ${message.address}`, false);
      return { id: message.id, state: 'sent', ...(info.messageId ? { providerId: info.messageId } : {}) };
    } catch (error) {
      const { code, responseCode } = error as { code?: string; responseCode?: number };
      const text = `邮件发送失败: ${describeError(error)}`;
      if (code && UNREACHABLE_CODES.has(code)) return unreachable(message.id, text);
      // SMTP replies: 4xx is temporary (greylisting, mailbox busy), 5xx permanent (no such mailbox).
      if (responseCode !== undefined) return failed(message.id, text, responseCode < 500);
      return failed(message.id, text, code !== 'EENVELOPE' && code !== 'EMESSAGE');
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
