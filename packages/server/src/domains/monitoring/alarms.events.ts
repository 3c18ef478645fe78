import type { AlarmLevel, StationKind } from '@yingji/contracts/monitoring.ts';

/** What every alarm event carries: enough for the live alarm list and the map without a further request. */
export interface AlarmEvent {
  id: string;
  stationId: string;
  stationCode: string;
  stationName: string;
  stationKind: StationKind;
  rule: string;
  level: AlarmLevel;
  /** The level before this change (null when raised). */
  previousLevel: AlarmLevel | null;
  peakLevel: AlarmLevel;
  value: number | null;
  message: string;
  /** The reading time of the change (the server time for an acknowledgement). */
  at: string;
}

/**
 * The alarms' events, added to the platform's catalogue by declaration merging. Each is published with the
 * station's area code, so the live WebSocket delivers it only to users whose scope covers the station.
 */
declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    'alarm.raised': AlarmEvent;
    /** The level rose while the alarm was active. */
    'alarm.escalated': AlarmEvent;
    /** The level fell while the condition still holds (below the previous level's hysteresis band). */
    'alarm.lowered': AlarmEvent;
    'alarm.recovered': AlarmEvent;
    'alarm.acknowledged': AlarmEvent & { acknowledgedBy: string; note: string };
  }
}

export {};
