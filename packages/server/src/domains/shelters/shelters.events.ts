/** This domain's events, added to the platform's catalogue by declaration merging. */
declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    /** Any change to a shelter or a protection target: the spatial search re-reads allLocated(), maps redraw. */
    'shelters.changed': {
      kind: 'shelter' | 'target';
      action: 'created' | 'updated' | 'deleted' | 'opened' | 'closed' | 'occupancy' | 'imported';
      ids: string[];
    };
    'duty_holders.changed': { action: 'created' | 'updated' | 'deleted' | 'imported'; ids: string[] };
  }
}

export {};
