import type { Actor } from '../../platform/access/actor.ts';
import type { Job } from '../../platform/jobs/queue.ts';
import type { Channel, ChannelKind } from './channels/channel.ts';
import { Dispatcher, type MessageContent } from './warnings.dispatcher.ts';
import { WarningDeliveryService } from './warnings.delivery.ts';
import type { WarningsDeps } from './warnings.deps.ts';
import { fanOut, fanOutCancel } from './warnings.fanout.ts';
import { WarningPublisher } from './warnings.publish.ts';
import { ContactsService } from './contacts.service.ts';
import { PublicWarnings } from './warnings.public.ts';
import { IncomingWarnings } from './warnings.incoming.ts';
import { CapFeedPoller } from './cap/cap.poller.ts';
import { contactsSource, gridOfficersSource, type RecipientSource } from './warnings.recipients.ts';
import { warningsRepo } from './warnings.repo.ts';
import { messageText, warningTitle } from './warnings.rules.ts';
import { FANOUT_JOB, WarningsService } from './warnings.service.ts';
import type { RecipientGroup } from '@yingji/contracts/warnings.ts';

export type { WarningsDeps };
export type { RecipientSource };

export interface WarningsOptions {
  /** The configured channels (tests hand in channels to loopback servers). */
  channels: Map<ChannelKind, Channel>;
  /** Makes the 大喇叭 audio of a text (WAV for loudspeakers, MP3 for the web app). */
  audio?: (text: string) => Promise<{ wavPath: string; mp3Path?: string }>;
}

/** How often published warnings are checked for expiry. */
const EXPIRY_SWEEP_MS = 30_000;
/** How often other systems' CAP feeds are polled. */
const CAP_POLL_MS = 60_000;
/** Delivery boards refresh at most this often per warning while messages go out. */
const PROGRESS_THROTTLE_MS = 1_000;

/**
 * 预警信息发布 — the warnings domain's public surface (platform.warnings): the lifecycle (warnings), receipts and
 * coverage (delivery), the outbox dispatcher over the configured channels, and the recipient sources other domains
 * may add to (registerRecipients).
 */
export class WarningsDomain {
  readonly publisher: WarningPublisher;
  readonly warnings: WarningsService;
  readonly delivery: WarningDeliveryService;
  readonly dispatcher: Dispatcher;
  /** 预警接收人: residents' phone groups and village cadres (contacts.*). */
  readonly contacts: ContactsService;
  readonly publicWarnings: PublicWarnings;
  readonly incoming: IncomingWarnings;
  /** Polls CAP_FEEDS (null when none are configured). */
  readonly capPoller: CapFeedPoller | null;
  private readonly sources = new Map<RecipientGroup, RecipientSource[]>();
  private readonly contents = new Map<string, Promise<MessageContent>>();
  private readonly progressTimers = new Map<string, NodeJS.Timeout>();
  private sweep: NodeJS.Timeout | null = null;
  private poll: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: WarningsDeps,
    private readonly options: WarningsOptions,
  ) {
    this.publisher = new WarningPublisher(deps);
    this.warnings = new WarningsService(deps, this.publisher);
    this.delivery = new WarningDeliveryService(deps, this.warnings);
    this.contacts = new ContactsService(deps);
    this.publicWarnings = new PublicWarnings(deps, this.publisher);
    this.incoming = new IncomingWarnings(deps);
    this.capPoller = deps.config.capFeeds?.length ? this.feedPoller(deps.config.capFeeds) : null;
    this.dispatcher = new Dispatcher({
      db: deps.db,
      clock: deps.clock,
      log: deps.log,
      channels: options.channels,
      content: (warningId, kind, channel) => this.content(warningId, kind, channel),
      publicUrl: deps.config.publicUrl,
      progressed: (ids) => ids.forEach((id) => this.progress(id)),
    });
    for (const group of ['residents', 'village_heads', 'info_officers', 'enterprise_officers'] as const) {
      this.registerRecipients(contactsSource(deps.db.kysely, group));
    }
    this.registerRecipients(gridOfficersSource);
    this.registerRecipients({
      group: 'duty_holders',
      page: async (villages) => {
        const codes = [...villages.map((v) => v.code), ...new Set(villages.map((v) => v.code.slice(0, 9)))];
        const holders = await deps.dutyHolders(codes);
        const recipients = holders.map((h) => ({
          ref: `duty:${h.id}`,
          name: h.name,
          phone: h.phone,
          email: null,
          villageCode: h.areaCode,
          group: 'duty_holders' as const,
        }));
        return { recipients, next: null };
      },
    });
    deps.jobs.register(FANOUT_JOB, (job) => this.runFanOut(job));
  }

  /** Another register of people in villages (企业安全员, 灾害信息员 …) joins every later warning's fan-out. */
  registerRecipients(source: RecipientSource): void {
    this.sources.set(source.group, [...(this.sources.get(source.group) ?? []), source]);
  }

  /** Starts the dispatcher and the expiry sweep (the server calls this; tests drive both by hand). */
  start(): void {
    this.dispatcher.start();
    this.sweep = setInterval(
      () => void this.warnings.expireDue().catch((err: unknown) => this.deps.log.error({ err }, 'warning expiry sweep failed')),
      EXPIRY_SWEEP_MS,
    );
    this.sweep.unref();
    if (this.capPoller) {
      const poller = this.capPoller;
      this.poll = setInterval(() => void poller.pollOnce(), CAP_POLL_MS);
      this.poll.unref();
      void poller.pollOnce();
    }
  }

  async stop(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    if (this.poll) clearInterval(this.poll);
    for (const timer of this.progressTimers.values()) clearTimeout(timer);
    this.progressTimers.clear();
    await this.dispatcher.stop();
    for (const channel of this.options.channels.values()) await channel.close();
  }

  /** Which channels are configured (the composer greys out the others). */
  configuredChannels(): ChannelKind[] {
    return [...this.options.channels.keys()];
  }

  private async runFanOut(job: Job): Promise<void> {
    const { warningId, kind } = job.payload as { warningId: string; kind: 'alert' | 'cancel' };
    const db = this.deps.db.kysely;
    if (kind === 'cancel') {
      await fanOutCancel(this.deps, warningId);
      this.dispatcher.kick();
      return;
    }
    const row = await warningsRepo.byId(db, '', warningId);
    if (!row || row.fanned_out) return;
    const villages = await warningsRepo.villages(db, warningId);
    const channelsConfig = this.deps.config.channels;
    await fanOut(
      this.deps,
      {
        warningId,
        villages: villages.map((v) => ({
          code: v.village_code,
          name: v.village_name,
          townshipName: v.township_name,
          gridOfficers: [],
        })),
        groups: JSON.parse(row.groups) as RecipientGroup[],
        channels: JSON.parse(row.channels) as Parameters<typeof fanOut>[1]['channels'],
        sources: (group) => this.sources.get(group) ?? [],
        endpoints: (channel) =>
          channel === 'broadcast' ? (channelsConfig.broadcast?.endpoints ?? []) : (channelsConfig.webhook?.urls ?? []),
      },
      () => {
        this.dispatcher.kick();
        this.progress(warningId);
      },
    );
    await warningsRepo.update(db, warningId, { fanned_out: 1 });
  }

  /** What a warning's messages say, made once per warning and kind (the audio with it, for the 大喇叭). */
  private content(warningId: string, kind: 'alert' | 'cancel', channel: ChannelKind): Promise<MessageContent> {
    const key = `${warningId}:${kind}:${channel === 'broadcast' ? 'audio' : 'text'}`;
    let made = this.contents.get(key);
    if (!made) {
      made = this.makeContent(warningId, kind, channel === 'broadcast');
      made.catch(() => this.contents.delete(key));
      this.contents.set(key, made);
    }
    return made;
  }

  private async makeContent(warningId: string, kind: 'alert' | 'cancel', withAudio: boolean): Promise<MessageContent> {
    const row = await warningsRepo.byId(this.deps.db.kysely, '', warningId);
    if (!row?.published_at) throw new Error(`warning ${warningId} is not published`);
    const { senderName } = await this.publisher.sender(row.area_code);
    const text = messageText(
      {
        sender: senderName,
        hazard: row.hazard,
        level: row.level,
        headline: row.headline,
        description: row.description,
        instruction: row.instruction,
        publishedAt: row.published_at,
        expires: row.expires,
      },
      kind,
    );
    const subject = `${kind === 'cancel' ? '解除' : ''}${warningTitle(row.hazard, row.level)}：${row.headline}`;
    const audio = withAudio && this.options.audio ? await this.options.audio(text) : undefined;
    return {
      subject,
      text,
      receiptKey: row.receipt_key,
      ...(audio && { audio }),
      meta: {
        identifier: kind === 'cancel' ? row.cancel_identifier : row.identifier,
        hazard: row.hazard,
        level: row.level,
        kind,
      },
    };
  }

  /** Throttled 'warning.progress' so a board watching a million deliveries refreshes once a second, not per batch. */
  private progress(warningId: string): void {
    if (this.progressTimers.has(warningId)) return;
    const timer = setTimeout(() => {
      this.progressTimers.delete(warningId);
      void warningsRepo
        .byId(this.deps.db.kysely, '', warningId)
        .then((row) => row && this.deps.events.publish('warning.progress', row.area_code, { id: warningId }))
        .catch((err: unknown) => this.deps.log.warn({ err }, 'warning progress event failed'));
    }, PROGRESS_THROTTLE_MS);
    timer.unref();
    this.progressTimers.set(warningId, timer);
  }

  /** The 大喇叭 audio of a published warning, for playing in the web app (made once, like the broadcast's). */
  async audioOf(actor: Actor, warningId: string): Promise<{ wavPath: string; mp3Path?: string } | null> {
    await this.warnings.row(actor, warningId);
    const content = await this.content(warningId, 'alert', 'broadcast');
    return content.audio ?? null;
  }

  /** Incoming CAP from other systems' Atom feeds: each entry once (cap_feed_seen), warnings shown as incoming. */
  private feedPoller(feeds: string[]): CapFeedPoller {
    const db = this.deps.db.kysely;
    const log = this.deps.log;
    return new CapFeedPoller({
      feeds,
      seen: {
        seen: async (id) =>
          (await db.selectFrom('cap_feed_seen').select('entry_id').where('entry_id', '=', id).executeTakeFirst()) !== undefined,
        markSeen: async (id) => {
          await db
            .insertInto('cap_feed_seen')
            .values({ entry_id: id, source: 'feed', seen_at: this.deps.clock.now().toISOString() })
            .onConflict((oc) => oc.column('entry_id').doNothing())
            .execute();
        },
      },
      sink: async (alert, xml, source) => {
        const county = await db
          .selectFrom('areas')
          .select('code')
          .where('level', '=', 'county')
          .orderBy('code')
          .executeTakeFirst();
        await this.incoming.take(alert, xml, source, county?.code ?? '');
      },
      onInvalid: (report) =>
        log.warn({ feed: report.feedUrl, source: report.source, errors: report.errors }, 'CAP feed entry refused'),
      onError: (failure) =>
        log.warn({ feed: failure.feedUrl, source: failure.source, err: failure.error }, 'CAP feed poll failed'),
    });
  }
}
