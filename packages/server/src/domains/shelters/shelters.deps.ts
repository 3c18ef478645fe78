import type { AreasService } from '../areas/areas.service.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { RulesService } from '../../platform/rules/rules.ts';
import './shelters.events.ts';

/** What the shelters domain's services need; the areas service places points and answers for populations. */
export interface SheltersDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  rules: RulesService;
  areas: AreasService;
}

/** Shared by the three registers' imports (it lives with the other sheet helpers). */
export { prepareRows } from '../../platform/excel-rows.ts';
