import type { AlarmEvent } from '@yingji/contracts/alarms.ts';

export type { AlarmEvent };

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
