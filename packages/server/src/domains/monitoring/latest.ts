import type { LatestValue, Metric } from '@yingji/contracts/monitoring.ts';
import { KIND_METRICS } from '@yingji/contracts/monitoring.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { ReadingRow } from './readings.repo.ts';
import { readingsRepo } from './readings.repo.ts';
import type { StationDirectory } from './station-directory.ts';

/** Keep each live event well below PostgreSQL's 8,000-byte NOTIFY payload limit (the envelope adds a little). */
const EVENT_BUDGET_BYTES = 6_000;

/**
 * The newest value of every station and metric, in memory (read by the station list and the map), and a throttled
 * publisher: at most one 'monitoring.latest' event per township per second, carrying only what changed.
 */
export class LatestValues {
  private readonly values = new Map<string, Map<Metric, { value: number; at: string }>>();
  private dirty = new Map<string, Set<Metric>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly directory: StationDirectory,
    private readonly events: EventBus,
  ) {}

  /** Loads the newest stored reading of every station and metric (one primary-key probe each). */
  async load(db: Db): Promise<void> {
    for (const entry of this.directory.entries()) {
      for (const metric of KIND_METRICS[entry.kind]) {
        const row = await readingsRepo.latest(db.kysely, entry.id, metric);
        if (row) this.set(entry.id, metric, row.value, row.at, false);
      }
    }
  }

  /** Late readings (older than the value held) change nothing here. */
  update(rows: readonly ReadingRow[]): void {
    for (const r of rows) this.set(r.stationId, r.metric, r.value, r.at, true);
  }

  private set(stationId: string, metric: Metric, value: number, at: string, mark: boolean): void {
    let metrics = this.values.get(stationId);
    if (!metrics) this.values.set(stationId, (metrics = new Map()));
    const current = metrics.get(metric);
    if (current && current.at >= at) return;
    metrics.set(metric, { value, at });
    if (!mark) return;
    let changed = this.dirty.get(stationId);
    if (!changed) this.dirty.set(stationId, (changed = new Set()));
    changed.add(metric);
  }

  of(stationId: string): LatestValue[] {
    const metrics = this.values.get(stationId);
    if (!metrics) return [];
    return [...metrics].map(([metric, v]) => ({ metric, value: v.value, at: v.at }));
  }

  forget(stationId: string): void {
    this.values.delete(stationId);
    this.dirty.delete(stationId);
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.publish(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Publishes what changed since the last call, grouped by township and cut into events under the size budget. */
  async publish(): Promise<number> {
    if (this.dirty.size === 0) return 0;
    const dirty = this.dirty;
    this.dirty = new Map();
    const byTownship = new Map<string, { id: string; code: string; latest: LatestValue[] }[]>();
    for (const [stationId, metrics] of dirty) {
      const entry = this.directory.byId(stationId);
      if (!entry) continue;
      const all = this.values.get(stationId)!;
      const latest = [...metrics].map((metric) => ({ metric, value: all.get(metric)!.value, at: all.get(metric)!.at }));
      const township = entry.profile.areaCode.slice(0, 9);
      let list = byTownship.get(township);
      if (!list) byTownship.set(township, (list = []));
      list.push({ id: stationId, code: entry.code, latest });
    }
    let published = 0;
    for (const [areaCode, stations] of byTownship) {
      let chunk: typeof stations = [];
      let size = 0;
      for (const s of stations) {
        const bytes = Buffer.byteLength(JSON.stringify(s));
        if (chunk.length > 0 && size + bytes > EVENT_BUDGET_BYTES) {
          await this.events.publish('monitoring.latest', areaCode, { stations: chunk });
          published += 1;
          chunk = [];
          size = 0;
        }
        chunk.push(s);
        size += bytes;
      }
      if (chunk.length > 0) {
        await this.events.publish('monitoring.latest', areaCode, { stations: chunk });
        published += 1;
      }
    }
    return published;
  }
}
