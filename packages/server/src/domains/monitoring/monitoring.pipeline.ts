import type { AlarmLevel, Metric, StationKind } from '@yingji/contracts/monitoring.ts';

/**
 * The seam between ingest (stations, HTTP/MQTT, storage) and evaluation (rules, alarms). Ingest validates and stores
 * a batch durably, then hands the accepted readings to the sink; the sink never sees a reading that was not stored.
 */

/** What rules need to know about the station a reading came from (kept in memory by ingest, refreshed on change). */
export interface StationProfile {
  id: string;
  code: string;
  name: string;
  kind: StationKind;
  areaCode: string;
  lon: number;
  lat: number;
  /** 水位站 only: 警戒水位 / 保证水位 / 历史最高水位 (m, same datum as the readings). */
  waterLevels?: { warning?: number | null; guaranteed?: number | null; historicMax?: number | null };
}

export interface AcceptedReading {
  station: StationProfile;
  metric: Metric;
  value: number;
  /** When it was measured (ISO 8601 UTC); may be older than earlier readings (late or out of order). */
  at: string;
  /** When the platform stored it. */
  receivedAt: string;
}

export interface ReadingSink {
  /** Called once per stored batch, after the commit. Readings of a batch may be in any order. */
  accept(batch: readonly AcceptedReading[]): Promise<void>;
}

/**
 * A condition that holds or not, reported by whoever watches it (a rule on readings, the offline watchdog).
 * `level: null` means the condition has cleared. The alarm service de-duplicates, escalates and recovers from these.
 */
export interface ConditionReport {
  station: StationProfile;
  /** Stable key of the rule that watches this condition, e.g. 'rainfall.1h', 'water_level', 'offline'. */
  rule: string;
  level: AlarmLevel | null;
  /** The value that decided it (e.g. 62.5 mm in 1 h), and when it was measured. */
  value: number | null;
  at: string;
  /** One line for people, Chinese: 「1小时降雨量 62.5 mm，超过黄色阈值 50 mm」. */
  message: string;
}

export interface ConditionSink {
  report(conditions: readonly ConditionReport[]): Promise<void>;
}
