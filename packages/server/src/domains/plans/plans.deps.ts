import type { AreasService } from '../areas/areas.service.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { RulesService } from '../../platform/rules/rules.ts';
import './plans.events.ts';

/** What the plans domain needs; `dataDir` is where attachments are stored (<dataDir>/plans/<plan id>/). */
export interface PlansDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  rules: RulesService;
  areas: AreasService;
  dataDir: string;
}
