import type { Actor } from '../../platform/access/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { RulesService } from '../../platform/rules/rules.ts';

/** What changed in the rescue registers: the spatial index and the live feed refresh on it. */
export interface RescueChanged {
  kind: 'team' | 'member' | 'expert' | 'equipment';
  /** null for bulk changes (imports, the demo loader). */
  id: string | null;
  action: 'created' | 'updated' | 'deleted' | 'imported';
}

declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    'rescue.changed': RescueChanged;
  }
}

/**
 * The supplies domain's warehouses, as this domain needs them: equipment may be held by a warehouse. Injected so this
 * domain does not import the supplies domain; the composition root (platform.ts) hands in the real one.
 */
export interface WarehouseDirectory {
  /** Does the warehouse exist within the actor's scope? */
  exists(actor: Actor, warehouseId: string): Promise<boolean>;
  /**
   * The warehouse's area code, so its equipment is scoped like the warehouse. Optional: without it, equipment held
   * by a warehouse is filed under the area of the person who registers it.
   */
  areaOf?(warehouseId: string): Promise<string | null>;
}

/** Where a point lies (platform.areas): LOCATION_OUTSIDE outside the county, OUT_OF_SCOPE outside the actor's area. */
export interface Locator {
  locate(actor: Actor, lon: number, lat: number): Promise<string>;
  /** The area's name, for Excel exports. */
  nameOf(code: string): Promise<string | null>;
}

export interface RescueDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  rules: RulesService;
  areas: Locator;
  warehouses: WarehouseDirectory;
}
