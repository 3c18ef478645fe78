/** The contact register's event, added to the platform's catalogue by declaration merging. */
declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    /**
     * 预警接收人 added, changed or removed: lists refresh. `ids` names the contacts of a single change; an import or
     * the demo load changes many at once and says only how many (read the list again).
     */
    'contacts.changed': { action: 'created' | 'updated' | 'deleted' | 'imported'; ids: string[]; count: number };
  }
}

export {};
