import type { Logger } from 'pino';
import type { Metric } from '@yingji/contracts/monitoring.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { RulesService } from '../../platform/rules/rules.ts';
import type { StationProfile } from './monitoring.pipeline.ts';
import './alarms.events.ts';

/**
 * What the evaluator needs from the ingest side's storage to rebuild a station's state once (after a start, or the
 * first time a station reports): no query per reading, one or two per station and metric, lazily.
 */
export interface RecentReadings {
  /** The stored readings of a station's metric measured at or after `since` (ISO 8601 UTC), in any order. */
  load(stationId: string, metric: Metric, since: string): Promise<{ at: string; value: number }[]>;
}

/** What the alarms half needs to know about stations it has not (yet) received readings from. */
export interface StationLookup {
  profile(stationId: string): StationProfile | undefined | Promise<StationProfile | undefined>;
}

/** The dependencies of the rules + alarms half of monitoring (createEvaluation). */
export interface EvaluationDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  rules: RulesService;
  recent: RecentReadings;
  stations: StationLookup;
  log: Logger;
  /** How old (ms of wall time) the cached rule configuration may get before it is re-read; default 10 s. */
  rulesMaxAgeMs?: number;
}
