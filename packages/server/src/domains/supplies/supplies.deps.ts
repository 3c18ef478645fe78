import type { Actor } from '../../platform/access/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { RulesService } from '../../platform/rules/rules.ts';

/** What the supplies domain needs from the platform; the areas domain is reached only through its locator. */
export interface SuppliesDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  jobs: JobQueue;
  rules: RulesService;
  areas: { locate(actor: Actor, lon: number, lat: number): Promise<string> };
}
