import type { CapAlert, CapError } from '@yingji/contracts/cap.ts';
import { parseAtomFeed, type AtomCapEntry } from './cap.atom.ts';
import { CapDocumentTooLargeError, fetchXml } from './cap.fetch.ts';
import { validateCapXml, type CapValidateOptions } from './cap.validate.ts';

/** Which feed entries were handled already; the warnings domain backs it with a table. */
export interface CapSeenStore {
  seen(id: string): Promise<boolean>;
  markSeen(id: string): Promise<void>;
}

/** Receives each valid CAP document: the alert, its text as received, and the URL it came from. */
export type CapSink = (alert: CapAlert, xml: string, source: string) => Promise<void>;

export interface CapInvalidReport {
  feedUrl: string;
  entryId: string;
  /** The CAP document's URL. */
  source: string;
  errors: CapError[];
}

/** A failure worth retrying (network, timeout, HTTP error, the sink or xmllint failing): nothing is marked seen. */
export interface CapPollFailure {
  feedUrl: string;
  entryId?: string;
  source?: string;
  error: unknown;
}

export interface CapFeedPollerOptions {
  feeds: string[];
  seen: CapSeenStore;
  sink: CapSink;
  /** Documents that fail validation; they are marked seen, so each is reported once. */
  onInvalid: (report: CapInvalidReport) => Promise<void> | void;
  onError: (failure: CapPollFailure) => Promise<void> | void;
  /** Per HTTP request (default 15 s). */
  timeoutMs?: number;
  /** Per document, feeds and CAP alike (default 1 MiB). */
  maxBytes?: number;
  validate?: Omit<CapValidateOptions, 'maxBytes'>;
}

export interface CapPollSummary {
  entries: number;
  alreadySeen: number;
  accepted: number;
  invalid: number;
  failed: number;
}

/**
 * Polls CAP Atom feeds (e.g. the weather bureau's): every entry not seen before has its CAP document fetched and
 * validated; valid alerts go to the sink, invalid ones to onInvalid. An entry is marked seen (by its Atom id) only once
 * it was fully handled, so a failure is retried at the next poll and a restart never loses one. Scheduling is the
 * caller's (a job calling pollOnce); a call made while a poll runs joins that poll.
 */
export class CapFeedPoller {
  private running: Promise<CapPollSummary> | null = null;

  constructor(private readonly options: CapFeedPollerOptions) {}

  pollOnce(): Promise<CapPollSummary> {
    this.running ??= this.poll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async poll(): Promise<CapPollSummary> {
    const summary: CapPollSummary = { entries: 0, alreadySeen: 0, accepted: 0, invalid: 0, failed: 0 };
    for (const feedUrl of this.options.feeds) {
      let entries: AtomCapEntry[];
      try {
        const feed = await fetchXml(feedUrl, this.fetchOptions());
        entries = parseAtomFeed(feed.text, feedUrl);
      } catch (error) {
        summary.failed += 1;
        await this.options.onError({ feedUrl, error });
        continue;
      }
      for (const entry of entries) {
        summary.entries += 1;
        const outcome = await this.handle(feedUrl, entry);
        summary[outcome] += 1;
      }
    }
    return summary;
  }

  private async handle(feedUrl: string, entry: AtomCapEntry): Promise<'alreadySeen' | 'accepted' | 'invalid' | 'failed'> {
    const report = { feedUrl, entryId: entry.id, source: entry.capUrl };
    try {
      if (await this.options.seen.seen(entry.id)) return 'alreadySeen';
      let xml: string;
      try {
        xml = (await fetchXml(entry.capUrl, this.fetchOptions())).text;
      } catch (error) {
        if (!(error instanceof CapDocumentTooLargeError)) throw error;
        await this.options.onInvalid({ ...report, errors: [{ message: error.message }] });
        await this.options.seen.markSeen(entry.id);
        return 'invalid';
      }
      const validation = await validateCapXml(xml, { ...this.options.validate, maxBytes: this.options.maxBytes });
      if (validation.ok) await this.options.sink(validation.alert, xml, entry.capUrl);
      else await this.options.onInvalid({ ...report, errors: validation.errors });
      await this.options.seen.markSeen(entry.id);
      return validation.ok ? 'accepted' : 'invalid';
    } catch (error) {
      await this.options.onError({ ...report, error });
      return 'failed';
    }
  }

  private fetchOptions() {
    return { timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes };
  }
}
