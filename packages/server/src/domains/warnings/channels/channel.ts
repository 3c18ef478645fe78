// The contract between the warnings dispatcher (per-recipient outbox) and the adapters that speak to the outside world.
import path from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../../../platform/clock.ts';
import type { Config } from '../../../platform/config.ts';
import { BroadcastChannel } from './broadcast.channel.ts';
import { EmailChannel } from './email.channel.ts';
import { SmsChannel } from './smpp.channel.ts';
import { WebhookChannel } from './webhook.channel.ts';

export { ChannelUnavailableError } from './channel.support.ts';

export type ChannelKind = 'sms' | 'email' | 'broadcast' | 'webhook';

export interface OutboundMessage {
  id: string; // delivery id = idempotency key; senders pass it on where the protocol allows (webhook header, e-mail Message-ID, broadcast request id)
  address: string; // phone (11-digit mobile), e-mail address, or endpoint URL for broadcast/webhook
  subject: string; // warning headline
  text: string; // full message text (Chinese)
  warningId: string;
  audio?: { wavPath: string; mp3Path?: string }; // broadcast only
  meta?: Record<string, unknown>; // webhook payload extras (the CAP identifier, level, areas…)
}

export type SendOutcome =
  | { id: string; state: 'sent' | 'delivered'; providerId?: string } // accepted by the far end (delivered when the protocol confirms synchronously)
  | { id: string; state: 'failed'; error: string; retryable: boolean }; // retryable=true: outage/timeout/throttle; false: bad address etc.

export interface DeliveryReceipt {
  providerId: string;
  state: 'delivered' | 'failed';
  error?: string;
}

export interface Channel {
  readonly kind: ChannelKind;
  /**
   * Sends a batch; resolves with one outcome per message (never throws for per-message problems; throws only when the
   * whole channel is down, e.g. cannot connect, so the dispatcher backs off and retries the batch later).
   */
  send(batch: OutboundMessage[]): Promise<SendOutcome[]>;
  /** Delivery receipts arriving later (SMPP deliver_sm receipts): providerId → delivered/failed. */
  onReceipt?(listener: (receipt: DeliveryReceipt) => void): void;
  close(): Promise<void>;
}

/** Where warning audio is made and kept: <DATA_DIR>/warning-audio (the web app plays the MP3s from here). */
export function warningAudioDir(config: Pick<Config, 'dataDir'>): string {
  return path.resolve(config.dataDir, 'warning-audio');
}

/**
 * The channels that are configured (config.channels); an absent one is not in the map, and the dispatcher leaves its
 * messages queued and reports it as not configured. Nothing connects until the first send.
 */
export function createChannels(
  config: Pick<Config, 'channels' | 'dataDir'>,
  log: Logger,
  deps: { clock?: Clock } = {},
): Map<ChannelKind, Channel> {
  const { sms, email, broadcast, webhook } = config.channels;
  const channels = new Map<ChannelKind, Channel>();
  if (sms) channels.set('sms', new SmsChannel({ ...sms, log: log.child({ channel: 'sms' }) }));
  if (email) channels.set('email', new EmailChannel(email));
  if (broadcast) channels.set('broadcast', new BroadcastChannel({ audioDir: warningAudioDir(config) }));
  if (webhook)
    channels.set('webhook', new WebhookChannel({ secret: webhook.secret, ...(deps.clock ? { clock: deps.clock } : {}) }));
  return channels;
}
