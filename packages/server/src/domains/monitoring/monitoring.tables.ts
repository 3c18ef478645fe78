import type { Metric, StationKind, StationOwnerType, StationState } from '@yingji/contracts/monitoring.ts';

/** 监测站点: one row per station; devices authenticate with its token or MQTT password (hashes only). */
export interface MonitoringStationsTable {
  id: string;
  /** Unique; the MQTT topic carries it (yingji/stations/<code>/readings). */
  code: string;
  name: string;
  kind: StationKind;
  lon: number;
  lat: number;
  /** Derived from lon/lat by the areas locator; the scope filter reads it. */
  area_code: string;
  owner_type: StationOwnerType;
  owner_name: string;
  /** JSON array of device ids. */
  device_ids: string;
  state: StationState;
  water_warning: number | null;
  water_guaranteed: number | null;
  water_historic_max: number | null;
  note: string | null;
  /** SHA-256 (hex) of the HTTP device token: tokens are 256-bit random, so a fast hash is enough. */
  token_hash: string;
  mqtt_username: string;
  /** SHA-256 (hex) of the MQTT password (256-bit random as well). */
  mqtt_password_hash: string;
  /** Newest reading time seen (persisted coarsely, see IngestService); the offline watchdog reads it. */
  last_reading_at: string | null;
  demo: number;
  created_at: string;
  updated_at: string;
}

/** Raw readings, one per (station, metric, measured instant): the key makes a repeated reading a no-op. */
export interface MonitoringReadingsTable {
  station_id: string;
  metric: Metric;
  /** Measured at, ISO 8601 UTC normalised (toISOString), so one instant has one spelling. */
  at: string;
  value: number;
  received_at: string;
}

/** Hourly (bucket = the hour's start instant) and daily (bucket = the Asia/Shanghai date) aggregates. */
export interface MonitoringAggregateTable {
  station_id: string;
  metric: Metric;
  bucket: string;
  min: number;
  max: number;
  sum: number;
  count: number;
}

/** Per-station ingest counters (accepted, duplicates, rejected, rate-limited), flushed from memory every second. */
export interface MonitoringIngestCountersTable {
  station_id: string;
  accepted: number;
  duplicates: number;
  rejected: number;
  rate_limited: number;
  last_reject_reason: string | null;
  last_rejected_at: string | null;
  updated_at: string;
}

export interface MonitoringTables {
  monitoring_stations: MonitoringStationsTable;
  monitoring_readings: MonitoringReadingsTable;
  monitoring_hourly: MonitoringAggregateTable;
  monitoring_daily: MonitoringAggregateTable;
  monitoring_ingest_counters: MonitoringIngestCountersTable;
}
