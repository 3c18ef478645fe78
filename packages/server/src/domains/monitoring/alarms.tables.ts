import type { AlarmLevel, StationKind } from '@yingji/contracts/monitoring.ts';
import type { AlarmState } from '@yingji/contracts/alarms.ts';

/** 告警: one row per episode of a condition at a station (raised → escalated/lowered → recovered). */
export interface AlarmsTable {
  id: string;
  station_id: string;
  station_code: string;
  station_name: string;
  station_kind: StationKind;
  /** The station's area when the alarm was raised; the scope filter reads it. */
  area_code: string;
  rule: string;
  state: AlarmState;
  level: AlarmLevel;
  peak_level: AlarmLevel;
  value: number | null;
  message: string;
  /** Reading times (ISO 8601 UTC): first measured, last level change, cleared. */
  raised_at: string;
  changed_at: string;
  recovered_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  /** Link points to E4 (预警草稿) and E6 (事件). */
  warning_id: string | null;
  incident_id: string | null;
  /**
   * `station_id|rule` while active, null once recovered: a unique index on it is what guarantees one open alarm per
   * station and rule on both dialects (NULLs never collide).
   */
  open_key: string | null;
  /** How many history entries the alarm has (the next entry's seq is changes + 1). */
  changes: number;
  created_at: string;
  updated_at: string;
}

/** Every change of an alarm, in order: append-only. */
export interface AlarmHistoryTable {
  alarm_id: string;
  seq: number;
  /** The reading time for condition changes; the server time for acknowledgements. */
  at: string;
  kind: 'raised' | 'escalated' | 'lowered' | 'recovered' | 'acknowledged';
  from_level: AlarmLevel | null;
  to_level: AlarmLevel | null;
  value: number | null;
  message: string;
  /** 'system' for condition changes, the username for acknowledgements. */
  actor: string;
  recorded_at: string;
}

/** Per-station rule overrides, versioned; `config` null means the override was removed (the version stays). */
export interface AlarmStationRulesTable {
  station_id: string;
  rule: string;
  config: string | null;
  version: number;
  area_code: string;
  updated_at: string;
  updated_by: string;
}

export interface AlarmsTables {
  alarms: AlarmsTable;
  alarm_history: AlarmHistoryTable;
  alarm_station_rules: AlarmStationRulesTable;
}
