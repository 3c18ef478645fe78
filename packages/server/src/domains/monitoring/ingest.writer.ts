import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Executor } from '../../platform/db/types.ts';
import { readingKey, readingsRepo, type AggregateDelta, type ReadingRow } from './readings.repo.ts';

export interface WriteOutcome {
  /** Which rows of the call were stored now (the others were stored before: duplicates). */
  inserted: boolean[];
  receivedAt: string;
}

interface Pending {
  rows: readonly ReadingRow[];
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

export interface WriterHooks {
  /** Extra statements in the same transaction (counters, last-reading times); runs for every commit. */
  inTransaction(trx: Executor): Promise<void>;
  /** After the commit and after every waiter was answered: the newly stored rows, in the order they were written. */
  afterCommit(stored: ReadingRow[], receivedAt: string): Promise<void>;
}

const nextDay = new Map<string, string>();
/**
 * The hour's start (UTC, which is also the Asia/Shanghai hour) and the Asia/Shanghai date of a canonical instant
 * (toISOString form), by string slicing: this runs for every stored reading.
 */
export function buckets(at: string): { hour: string; day: string } {
  const date = at.slice(0, 10);
  const hour = `${at.slice(0, 13)}:00:00.000Z`;
  // From 16:00 UTC it is already the next day in Asia/Shanghai (UTC+8).
  if (at.charCodeAt(11) * 10 + at.charCodeAt(12) - 528 < 16) return { hour, day: date };
  let next = nextDay.get(date);
  if (!next) {
    if (nextDay.size > 10_000) nextDay.clear();
    next = new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
    nextDay.set(date, next);
  }
  return { hour, day: next };
}

function aggregate(rows: readonly ReadingRow[], bucketOf: (at: string) => string): AggregateDelta[] {
  const map = new Map<string, AggregateDelta>();
  for (const r of rows) {
    const bucket = bucketOf(r.at);
    const key = `${r.stationId}\u0000${r.metric}\u0000${bucket}`;
    const d = map.get(key);
    if (!d)
      map.set(key, { stationId: r.stationId, metric: r.metric, bucket, min: r.value, max: r.value, sum: r.value, count: 1 });
    else {
      if (r.value < d.min) d.min = r.value;
      if (r.value > d.max) d.max = r.value;
      d.sum += r.value;
      d.count += 1;
    }
  }
  return [...map.values()];
}

/**
 * Group commit. Every batch (an HTTP request, an MQTT message) waits for a commit; while one commit runs, the
 * batches arriving meanwhile gather and go in the next one. So each acknowledgement still follows its own durable
 * commit (SQLite synchronous=FULL, PostgreSQL's WAL), and under load one fsync carries many batches.
 * The hourly and daily aggregates are kept in the same transaction from the rows actually inserted, so a
 * duplicate never counts twice and a late reading lands in its own hour.
 */
export class ReadingWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  /** Upper bound of rows per commit, so one transaction never grows without limit under a backlog. */
  private readonly maxRowsPerCommit = 50_000;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly hooks: WriterHooks,
  ) {}

  write(rows: readonly ReadingRow[]): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.running ??= this.loop();
    });
  }

  /** Commits the hooks' pending statements even when no reading is waiting (counters of refused readings). */
  flush(): Promise<void> {
    return this.write([]).then(() => undefined);
  }

  /** Resolves when everything queued so far is committed and handed on. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        let count = 0;
        let take = 0;
        while (take < this.queue.length && (take === 0 || count + this.queue[take]!.rows.length <= this.maxRowsPerCommit)) {
          count += this.queue[take]!.rows.length;
          take += 1;
        }
        const group = this.queue.splice(0, take);
        let stored: ReadingRow[] = [];
        let receivedAt = '';
        try {
          const result = await this.commit(group);
          stored = result.stored;
          receivedAt = result.receivedAt;
        } catch (error) {
          for (const p of group) p.reject(error);
          continue;
        }
        if (stored.length > 0) {
          try {
            await this.hooks.afterCommit(stored, receivedAt);
          } catch (error) {
            // The readings are stored and acknowledged; a failing consumer must not stop ingest.
            this.log.error({ err: error }, 'monitoring: after-commit handling failed');
          }
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async commit(group: Pending[]): Promise<{ stored: ReadingRow[]; receivedAt: string }> {
    const receivedAt = this.clock.now().toISOString();
    const all: ReadingRow[] = [];
    for (const p of group) for (const r of p.rows) all.push(r);
    const inserted = await this.db.kysely.transaction().execute(async (trx) => {
      const keys = all.length > 0 ? await readingsRepo.insertIgnore(trx, this.db.dialect, all, receivedAt) : new Set<string>();
      if (keys.size > 0) {
        // A key repeated within the group was inserted once: aggregate its first row only.
        const pending = new Set(keys);
        const fresh = all.filter((r) => pending.delete(readingKey(r.stationId, r.metric, r.at)));
        await readingsRepo.addAggregates(
          trx,
          this.db.dialect,
          'monitoring_hourly',
          aggregate(fresh, (at) => `${at.slice(0, 13)}:00:00.000Z`),
        );
        await readingsRepo.addAggregates(
          trx,
          this.db.dialect,
          'monitoring_daily',
          aggregate(fresh, (at) => buckets(at).day),
        );
      }
      await this.hooks.inTransaction(trx);
      return keys;
    });
    // A key repeated within the group is stored once: the first row with it counts as inserted, the rest as duplicates.
    const stored: ReadingRow[] = [];
    for (const p of group) {
      const mask = p.rows.map((r) => {
        const key = readingKey(r.stationId, r.metric, r.at);
        if (!inserted.has(key)) return false;
        inserted.delete(key);
        stored.push(r);
        return true;
      });
      p.resolve({ inserted: mask, receivedAt });
    }
    return { stored, receivedAt };
  }
}
