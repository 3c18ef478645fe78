import type { IngestResult, RejectReason } from '@yingji/contracts/monitoring.ts';
import { AppError, fail } from '../../platform/errors.ts';
import type { Executor } from '../../platform/db/types.ts';
import { sameHash, sha256 } from './credentials.ts';
import { BAD_INPUT_BUCKET, FUTURE_TOLERANCE_MINUTES } from './ingest.config.ts';
import { readingsOfPayload, validateReadings } from './ingest.validate.ts';
import { ReadingWriter } from './ingest.writer.ts';
import { LatestValues } from './latest.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import type { AcceptedReading, ConditionSink, ReadingSink } from './monitoring.pipeline.ts';
import { readingsRepo, type CounterDelta, type ReadingRow } from './readings.repo.ts';
import { StationDirectory, type DirectoryEntry } from './station-directory.ts';
import { stationsRepo } from './stations.repo.ts';

/** The newest-reading time is written to the station row at most this often (the watchdog counts minutes). */
const PERSIST_LAST_READING_MS = 30_000;
/** Counters of refused readings are flushed this often (accepted ones go with their commit). */
const COUNTER_FLUSH_MS = 1_000;
/** Rule values are re-read this often, so an administrator's change applies without a restart. */
const SETTINGS_REFRESH_MS = 10_000;

const noSink: ReadingSink = { accept: async () => undefined };
const noConditions: ConditionSink = { report: async () => undefined };

/**
 * 数据接入: recognises the device (token hash or MQTT user name → station, from memory), checks each reading,
 * stores the good ones durably through the group-commit writer, and only then answers. After the commit the
 * stored readings go to the ReadingSink (rules), the latest values, and the station's online state.
 */
export class IngestService {
  readonly directory: StationDirectory;
  readonly latest: LatestValues;
  private readonly writer: ReadingWriter;
  private sink: ReadingSink = noSink;
  private conditions: ConditionSink = noConditions;
  private counters = new Map<string, CounterDelta>();
  /** Stations heard since their newest-reading time was last written. */
  private touched = new Set<DirectoryEntry>();
  private lastCounterFlush = 0;
  private settings = {
    futureToleranceMs: FUTURE_TOLERANCE_MINUTES.default * 60_000,
    bucket: BAD_INPUT_BUCKET.default,
  };
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | null = null;
  private started = false;

  constructor(private readonly deps: MonitoringDeps) {
    const nowMs = () => deps.clock.now().getTime();
    this.directory = new StationDirectory(deps.db, () => this.settings.bucket, nowMs);
    this.latest = new LatestValues(this.directory, deps.events);
    this.writer = new ReadingWriter(deps.db, deps.clock, deps.log, {
      inTransaction: (trx) => this.inTransaction(trx),
      afterCommit: (stored, receivedAt) => this.afterCommit(stored, receivedAt),
    });
  }

  /** Where stored readings go next (the rules evaluator). Set once at wiring time. */
  setSink(sink: ReadingSink): void {
    this.sink = sink;
  }

  /** Where the offline watchdog and returning stations report the 'offline' condition (the alarm service). */
  setConditionSink(conditions: ConditionSink): void {
    this.conditions = conditions;
  }

  get conditionSink(): ConditionSink {
    return this.conditions;
  }

  /** Loads stations and latest values, follows station changes from other processes, starts the timers. */
  async start(options: { timers?: boolean } = {}): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.refreshSettings();
    await this.directory.reload();
    await this.latest.load(this.deps.db);
    this.unsubscribe = this.deps.events.subscribe((event) => {
      if (event.type === 'monitoring.stations_changed') {
        const data = event.data as { ids: string[] };
        void this.directory.reload(data.ids).catch((err: unknown) => this.deps.log.error({ err }, 'station reload failed'));
      }
    });
    if (options.timers ?? true) {
      this.latest.start();
      const every = (ms: number, work: () => Promise<unknown>) => {
        const t = setInterval(() => void work().catch((err: unknown) => this.deps.log.error({ err }, 'monitoring timer')), ms);
        t.unref();
        this.timers.push(t);
      };
      every(COUNTER_FLUSH_MS, () => (this.counters.size > 0 ? this.writer.flush() : Promise.resolve()));
      every(SETTINGS_REFRESH_MS, () => this.refreshSettings());
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.latest.stop();
    this.unsubscribe?.();
    await this.writer.idle();
    if (this.counters.size > 0) await this.writer.flush().catch(() => undefined);
  }

  async refreshSettings(): Promise<void> {
    const [minutes, bucket] = await Promise.all([
      this.deps.rules.get(FUTURE_TOLERANCE_MINUTES),
      this.deps.rules.get(BAD_INPUT_BUCKET),
    ]);
    this.settings = { futureToleranceMs: minutes * 60_000, bucket };
    for (const e of this.directory.entries()) e.bucket.configure(bucket.burst, bucket.perSecond);
  }

  /**
   * A device unknown to this process may belong to a station created or re-keyed by another process (the CLI, a
   * second server on SQLite, which has no shared bus): re-read the table, at most once a second, then look again.
   */
  private lastMissReload = 0;
  private async reloadOnMiss(): Promise<boolean> {
    const now = Date.now();
    if (now - this.lastMissReload < 1000) return false;
    this.lastMissReload = now;
    await this.directory.reload();
    return true;
  }

  /** HTTP: the station whose device token this is, or DEVICE_UNAUTHORIZED. */
  async byToken(token: string | undefined): Promise<DirectoryEntry> {
    if (!token) fail('DEVICE_UNAUTHORIZED');
    const hash = sha256(token);
    let entry = this.directory.byTokenHash(hash);
    if (!entry && (await this.reloadOnMiss())) entry = this.directory.byTokenHash(hash);
    if (!entry) fail('DEVICE_UNAUTHORIZED');
    return entry;
  }

  /** MQTT: the station with this user name and password, or null. */
  async byMqttLogin(username: string | undefined, password: Buffer | string | undefined): Promise<DirectoryEntry | null> {
    if (!username || password === undefined) return null;
    const hash = sha256(password.toString());
    const match = () => {
      const entry = this.directory.byMqttUsername(username);
      return entry && sameHash(hash, entry.mqttPasswordHash) ? entry : null;
    };
    return match() ?? ((await this.reloadOnMiss()) ? match() : null);
  }

  /** Whether the station's bad-input bucket is empty (its messages are refused until it refills). */
  isLimited(entry: DirectoryEntry): boolean {
    return !entry.bucket.open(this.deps.clock.now().getTime());
  }

  /** An MQTT payload (JSON) of one station; a payload that is not JSON of a known shape counts as one refusal. */
  async ingestPayload(entry: DirectoryEntry, payload: Buffer | string): Promise<IngestResult> {
    this.guard(entry);
    const items = readingsOfPayload(payload);
    if (items === null) {
      this.refused(entry, 1, 'malformed');
      return { accepted: 0, duplicates: 0, rejected: [{ index: 0, reason: 'malformed', message: '报文不是合法的 JSON 读数' }] };
    }
    return this.ingest(entry, items);
  }

  /**
   * Checks and stores one station's batch. Resolves after the commit (so the caller may acknowledge); throws
   * DEVICE_RATE_LIMITED, storing nothing, while the station's bad-input bucket is empty.
   */
  async ingest(entry: DirectoryEntry, items: readonly unknown[]): Promise<IngestResult> {
    this.guard(entry);
    const nowMs = this.deps.clock.now().getTime();
    const { valid, rejected } = validateReadings(entry.kind, items, nowMs, this.settings.futureToleranceMs);
    if (rejected.length > 0) this.refused(entry, rejected.length, rejected[rejected.length - 1]!.reason);
    let accepted = 0;
    if (valid.length > 0) {
      const rows: ReadingRow[] = valid.map((r) => ({ stationId: entry.id, metric: r.metric, at: r.at, value: r.value }));
      const { inserted } = await this.writer.write(rows);
      for (const stored of inserted) if (stored) accepted += 1;
      const c = this.counter(entry.id);
      c.accepted += accepted;
      c.duplicates += valid.length - accepted;
    }
    return { accepted, duplicates: valid.length - accepted, rejected };
  }

  /** Throws DEVICE_RATE_LIMITED (counted) while the station's bad-input bucket is empty. */
  assertOpen(entry: DirectoryEntry): void {
    this.guard(entry);
  }

  private guard(entry: DirectoryEntry): void {
    const nowMs = this.deps.clock.now().getTime();
    if (entry.bucket.open(nowMs)) return;
    this.counter(entry.id).rateLimited += 1;
    throw new AppError('DEVICE_RATE_LIMITED', { retryAfterMs: entry.bucket.retryAfterMs(nowMs) });
  }

  private refused(entry: DirectoryEntry, n: number, reason: RejectReason): void {
    entry.bucket.take(n, this.deps.clock.now().getTime());
    const c = this.counter(entry.id);
    c.rejected += n;
    c.lastRejectReason = reason;
    c.lastRejectedAt = this.deps.clock.now().toISOString();
  }

  private counter(stationId: string): CounterDelta {
    let c = this.counters.get(stationId);
    if (!c) {
      c = { stationId, accepted: 0, duplicates: 0, rejected: 0, rateLimited: 0, lastRejectReason: null, lastRejectedAt: null };
      this.counters.set(stationId, c);
    }
    return c;
  }

  /** Counts not yet flushed to the table, added to the stored ones by the station detail. */
  pendingCounters(stationId: string): CounterDelta | undefined {
    return this.counters.get(stationId);
  }

  /** Commits pending counters and waits for every queued batch (tests, shutdown). */
  async drain(): Promise<void> {
    await this.writer.idle();
    this.lastCounterFlush = 0;
    if (this.counters.size > 0) await this.writer.flush();
  }

  /** Inside every ingest commit: counters (at most once a second) and newest-reading times that moved enough. */
  private async inTransaction(trx: Executor): Promise<void> {
    const now = this.deps.clock.now();
    if (this.counters.size > 0 && now.getTime() - this.lastCounterFlush >= COUNTER_FLUSH_MS) {
      const deltas = [...this.counters.values()];
      this.counters = new Map();
      this.lastCounterFlush = now.getTime();
      try {
        await readingsRepo.addCounters(trx, this.deps.db.dialect, deltas, now.toISOString());
      } catch (error) {
        for (const d of deltas) this.merge(d);
        throw error;
      }
    }
    const touched = this.touched;
    this.touched = new Set();
    for (const entry of touched) {
      const last = entry.lastReadingMs;
      if (last === null || last === entry.persistedLastMs) continue;
      // At most once per station per interval of server time, however fast its readings arrive (or are replayed).
      if (entry.persistedLastMs === null || now.getTime() - entry.persistedAtMs >= PERSIST_LAST_READING_MS) {
        await stationsRepo.touchLastReading(trx, entry.id, new Date(last).toISOString());
        entry.persistedLastMs = last;
        entry.persistedAtMs = now.getTime();
      } else this.touched.add(entry);
    }
  }

  private merge(d: CounterDelta): void {
    const c = this.counter(d.stationId);
    c.accepted += d.accepted;
    c.duplicates += d.duplicates;
    c.rejected += d.rejected;
    c.rateLimited += d.rateLimited;
    c.lastRejectReason ??= d.lastRejectReason;
    c.lastRejectedAt ??= d.lastRejectedAt;
  }

  /** After the commit: latest values, stations heard again, and the rules (in the order the rows were written). */
  private async afterCommit(stored: ReadingRow[], receivedAt: string): Promise<void> {
    this.latest.update(stored);
    const batch: AcceptedReading[] = [];
    // Stations heard again, and whether they had reported before (a new station's first reading clears no alarm).
    const back = new Map<DirectoryEntry, boolean>();
    for (const r of stored) {
      const entry = this.directory.byId(r.stationId);
      if (!entry) continue;
      if (entry.state === 'offline' && !back.has(entry)) back.set(entry, entry.lastReadingMs !== null);
      const ms = Date.parse(r.at);
      if (entry.lastReadingMs === null || ms > entry.lastReadingMs) entry.lastReadingMs = ms;
      this.touched.add(entry);
      batch.push({ station: entry.profile, metric: r.metric, value: r.value, at: r.at, receivedAt });
    }
    // The rules see the batch whatever happens to the state bookkeeping.
    try {
      for (const [entry, reported] of back) await this.backOnline(entry, reported);
    } finally {
      await this.sink.accept(batch);
    }
  }

  /** The first reading after silence: online again, and the 'offline' condition cleared. */
  private async backOnline(entry: DirectoryEntry, reportedBefore: boolean): Promise<void> {
    const { db, clock, events } = this.deps;
    const now = clock.now().toISOString();
    if (!(await stationsRepo.transition(db.kysely, entry.id, 'offline', 'online', now))) return;
    entry.state = 'online';
    const p = entry.profile;
    await events.publish('monitoring.station_state', p.areaCode, {
      id: p.id,
      code: p.code,
      name: p.name,
      kind: p.kind,
      state: 'online',
      previous: 'offline',
    });
    if (!reportedBefore) return;
    await this.conditions.report([
      { station: p, rule: 'offline', level: null, value: null, at: now, message: `${p.name}恢复数据上报，设备在线` },
    ]);
  }
}
