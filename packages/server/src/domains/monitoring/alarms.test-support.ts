import pino from 'pino';
import type { Metric } from '@yingji/contracts/monitoring.ts';
import { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { BusEvent, EventBus } from '../../platform/events/bus.ts';
import { RulesService } from '../../platform/rules/rules.ts';
import type { RecentReadings } from './alarms.deps.ts';
import { createEvaluation, type Evaluation } from './alarms.factory.ts';
import type { AcceptedReading, StationProfile } from './monitoring.pipeline.ts';

export const YONGHE = '441825100';
export const JITIAN = '441825104';

/** The stored readings, as the ingest side would answer from its table: a plain in-memory list. */
export class MemoryReadings implements RecentReadings {
  readonly rows: { stationId: string; metric: Metric; at: string; value: number }[] = [];
  loads = 0;

  store(batch: readonly AcceptedReading[]): void {
    for (const r of batch) {
      const dup = this.rows.some((x) => x.stationId === r.station.id && x.metric === r.metric && x.at === r.at);
      if (!dup) this.rows.push({ stationId: r.station.id, metric: r.metric, at: r.at, value: r.value });
    }
  }

  async load(stationId: string, metric: Metric, since: string) {
    this.loads += 1;
    return this.rows
      .filter((r) => r.stationId === stationId && r.metric === metric && r.at >= since)
      .map(({ at, value }) => ({ at, value }));
  }
}

export function station(overrides: Partial<StationProfile> & Pick<StationProfile, 'id' | 'kind'>): StationProfile {
  return {
    code: overrides.id.toUpperCase(),
    name: `测试站 ${overrides.id}`,
    areaCode: `${YONGHE}201`,
    lon: 112.09,
    lat: 24.57,
    ...overrides,
  };
}

/** A reading `minutes` after `start`. */
export function reading(s: StationProfile, metric: Metric, start: string, minutes: number, value: number): AcceptedReading {
  const at = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return { station: s, metric, value, at, receivedAt: at };
}

export interface EvaluationHarness extends Evaluation {
  readings: MemoryReadings;
  stations: Map<string, StationProfile>;
  events: BusEvent[];
  /** Stores the batch (as ingest does, durably first) and hands it to the evaluator. */
  ingest(batch: readonly AcceptedReading[]): Promise<void>;
}

export function harness(db: Db, clock: Clock, bus: EventBus): EvaluationHarness {
  const readings = new MemoryReadings();
  const stations = new Map<string, StationProfile>();
  const audit = new AuditLog(db, clock);
  const events: BusEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const evaluation = createEvaluation({
    db,
    audit,
    events: bus,
    clock,
    rules: new RulesService({ db, audit, clock }),
    recent: readings,
    stations: { profile: (id) => stations.get(id) },
    log: pino({ level: 'silent' }),
  });
  return {
    ...evaluation,
    readings,
    stations,
    events,
    async ingest(batch) {
      for (const r of batch) stations.set(r.station.id, r.station);
      readings.store(batch);
      await evaluation.evaluator.accept(batch);
    },
  };
}
