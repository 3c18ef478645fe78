import { KIND_METRICS } from '@yingji/contracts/monitoring.ts';
import { OFFLINE_RULE, RAW_RETENTION_DAYS } from './ingest.config.ts';
import type { IngestService } from './ingest.service.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import type { ConditionReport } from './monitoring.pipeline.ts';
import { readingsRepo } from './readings.repo.ts';
import { stationsRepo } from './stations.repo.ts';

export const WATCHDOG_JOB = 'monitoring.offline_watchdog';
export const RETENTION_JOB = 'monitoring.retention';
/** The watchdog looks once a minute; the rule's N minutes is the resolution that matters. */
const WATCHDOG_EVERY_MS = 60_000;
/** Raw pruning runs once a day at 02:30 Asia/Shanghai, a quiet hour for sensors' owners and for the server. */
const RETENTION_HOUR_UTC = 18.5;

/**
 * Background work of the ingest half: the offline watchdog (设备离线) and the retention of raw readings. Each job
 * queues its own next run (idempotency key per run time), so a restart neither loses nor doubles the schedule.
 */
export class MonitoringJobs {
  constructor(
    private readonly deps: MonitoringDeps,
    private readonly ingest: IngestService,
  ) {
    deps.jobs.register(WATCHDOG_JOB, async () => {
      await this.checkOffline();
      await this.scheduleWatchdog();
    });
    deps.jobs.register(RETENTION_JOB, async () => {
      await this.pruneRaw();
      await this.scheduleRetention();
    });
  }

  async schedule(): Promise<void> {
    await this.scheduleWatchdog();
    await this.scheduleRetention();
  }

  private async scheduleWatchdog(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const runAt = new Date(now - (now % WATCHDOG_EVERY_MS) + WATCHDOG_EVERY_MS);
    await this.deps.jobs.enqueue(
      this.deps.db.kysely,
      WATCHDOG_JOB,
      {},
      {
        runAt,
        idempotencyKey: `${WATCHDOG_JOB}:${runAt.toISOString()}`,
        maxAttempts: 2,
      },
    );
  }

  private async scheduleRetention(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const day = 86_400_000;
    let runAt = now - (now % day) + RETENTION_HOUR_UTC * 3_600_000;
    if (runAt <= now) runAt += day;
    const at = new Date(runAt);
    await this.deps.jobs.enqueue(
      this.deps.db.kysely,
      RETENTION_JOB,
      {},
      { runAt: at, idempotencyKey: `${RETENTION_JOB}:${at.toISOString()}` },
    );
  }

  /**
   * Marks online stations without a reading for the rule's N minutes offline, publishes the state change and
   * reports the 'offline' condition. Stations that never reported stay offline without an alarm (nothing was lost).
   */
  async checkOffline(): Promise<number> {
    const { db, clock, events } = this.deps;
    const rule = await this.deps.rules.get(OFFLINE_RULE);
    const now = clock.now();
    const cutoff = now.getTime() - rule.minutes * 60_000;
    await this.ingest.directory.reload();
    const reports: ConditionReport[] = [];
    for (const entry of this.ingest.directory.entries()) {
      if (entry.state !== 'online') continue;
      const last = entry.lastReadingMs ?? entry.createdMs;
      if (last >= cutoff) continue;
      if (!(await stationsRepo.transition(db.kysely, entry.id, 'online', 'offline', now.toISOString()))) continue;
      entry.state = 'offline';
      const p = entry.profile;
      await events.publish('monitoring.station_state', p.areaCode, {
        id: p.id,
        code: p.code,
        name: p.name,
        kind: p.kind,
        state: 'offline',
        previous: 'online',
      });
      const minutes = Math.floor((now.getTime() - last) / 60_000);
      reports.push({
        station: p,
        rule: 'offline',
        level: rule.level,
        value: minutes,
        at: now.toISOString(),
        message: `${p.name}已 ${minutes} 分钟未上报数据（阈值 ${rule.minutes} 分钟），判定离线`,
      });
    }
    if (reports.length > 0) await this.ingest.conditionSink.report(reports);
    return reports.length;
  }

  /** Deletes raw readings older than the retention; hourly and daily aggregates stay. */
  async pruneRaw(): Promise<number> {
    const days = await this.deps.rules.get(RAW_RETENTION_DAYS);
    const before = new Date(this.deps.clock.now().getTime() - days * 86_400_000).toISOString();
    const db = this.deps.db.kysely;
    const pairs = new Map<string, { station_id: string; metric: string }>();
    for (const p of await readingsRepo.pairs(db)) pairs.set(`${p.station_id}:${p.metric}`, p);
    for (const e of this.ingest.directory.entries())
      for (const metric of KIND_METRICS[e.kind]) pairs.set(`${e.id}:${metric}`, { station_id: e.id, metric });
    let deleted = 0;
    for (const p of pairs.values()) deleted += await readingsRepo.pruneRaw(db, p.station_id, p.metric as never, before);
    this.deps.log.info({ deleted, before }, 'monitoring: raw readings pruned');
    return deleted;
  }
}
