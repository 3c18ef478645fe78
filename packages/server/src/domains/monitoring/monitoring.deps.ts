import type { Logger } from 'pino';
import type { AreasService } from '../areas/areas.service.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { RulesService } from '../../platform/rules/rules.ts';
import './monitoring.events.ts';

/** What the monitoring ingest services need; the areas service places stations. */
export interface MonitoringDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  rules: RulesService;
  areas: AreasService;
  jobs: JobQueue;
  log: Logger;
}
