import type { MonitoringDeps } from './monitoring.deps.ts';
import { createEvaluation, type Evaluation } from './alarms.factory.ts';
import { IngestService } from './ingest.service.ts';
import { MonitoringJobs } from './monitoring.jobs.ts';
import type { ConditionSink, ReadingSink, StationProfile } from './monitoring.pipeline.ts';
import { readingsRepo } from './readings.repo.ts';
import type { BrokerStatus } from '@yingji/contracts/health.ts';
import type { Metric } from '@yingji/contracts/monitoring.ts';
import { SeriesService } from './series.service.ts';
import { StationsService } from './stations.service.ts';

export type { MonitoringDeps };
export type { ConditionSink, ReadingSink };

/**
 * 监测预警 — the monitoring domain's public surface (platform.monitoring). The ingest half: stations and their
 * device credentials, HTTP/MQTT ingest, latest values and series, the offline watchdog and retention; and the rules
 * and alarms half (createEvaluation), fed through `ingest.setSink` (stored readings) and `ingest.setConditionSink`
 * (the offline watchdog's conditions). Tests may replace either sink.
 */
export class MonitoringDomain {
  readonly ingest: IngestService;
  readonly stations: StationsService;
  readonly series: SeriesService;
  readonly jobs: MonitoringJobs;
  /** The rules + alarms half: the evaluator (fed every stored batch), the alarm register, per-station rules. */
  readonly evaluation: Evaluation;
  /** For the evaluator (alarms.deps.ts RecentReadings): a station's stored readings of a metric since an instant. */
  readonly recentReadings: { load(stationId: string, metric: Metric, since: string): Promise<{ at: string; value: number }[]> };
  /** For the alarms half (alarms.deps.ts StationLookup): a station's profile, from the in-memory directory. */
  readonly stationLookup: { profile(stationId: string): StationProfile | undefined };

  constructor(deps: MonitoringDeps) {
    this.ingest = new IngestService(deps);
    this.stations = new StationsService(deps, this.ingest);
    this.series = new SeriesService(deps);
    this.jobs = new MonitoringJobs(deps, this.ingest);
    this.recentReadings = { load: (stationId, metric, since) => readingsRepo.since(deps.db.kysely, stationId, metric, since) };
    this.stationLookup = { profile: (stationId) => this.ingest.directory.byId(stationId)?.profile };
    this.evaluation = createEvaluation({ ...deps, recent: this.recentReadings, stations: this.stationLookup });
    this.ingest.setSink(this.evaluation.evaluator);
    this.ingest.setConditionSink(this.evaluation.alarms);
  }

  private mqttStatus: () => BrokerStatus = () => ({
    state: 'disabled',
    detail: 'MQTT 接入未启用（MQTT_MODE=off），仅 HTTP 接入',
  });

  /** The MQTT ingest started by the server says here how to know its state (for /api/health). */
  reportMqtt(status: () => BrokerStatus): void {
    this.mqttStatus = status;
  }

  mqtt(): BrokerStatus {
    return this.mqttStatus();
  }

  /** Loads the station directory and latest values; call once after migrations (createPlatform does). */
  start(options: { timers?: boolean } = {}): Promise<void> {
    return this.ingest.start(options);
  }

  stop(): Promise<void> {
    return this.ingest.stop();
  }
}
