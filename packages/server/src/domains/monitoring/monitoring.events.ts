import type { LatestValue, StationKind, StationState } from '@yingji/contracts/monitoring.ts';

/** This domain's ingest events, added to the platform's catalogue by declaration merging. */
declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    /** A station was added, changed, removed or got new credentials: ingest directories and maps re-read it. */
    'monitoring.stations_changed': {
      action: 'created' | 'updated' | 'deleted' | 'imported' | 'credentials';
      ids: string[];
    };
    /** 在线 / 离线 / 故障 changed (the watchdog, the first reading after silence, or a person marking a fault). */
    'monitoring.station_state': {
      id: string;
      code: string;
      name: string;
      kind: StationKind;
      state: StationState;
      previous: StationState;
    };
    /**
     * Newest values of stations that received readings, at most once a second per township, only the metrics that
     * changed; sized to stay far below PostgreSQL's 8 KB NOTIFY payload. Never one event per reading.
     */
    'monitoring.latest': { stations: { id: string; code: string; latest: LatestValue[] }[] };
  }
}

export {};
