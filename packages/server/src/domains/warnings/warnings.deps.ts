import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { JobQueue } from '../../platform/jobs/queue.ts';
import type { RulesService } from '../../platform/rules/rules.ts';
import type { Logger } from 'pino';
import type { AreasService } from '../areas/areas.service.ts';
import './warnings.events.ts';

/** What the warnings domain needs from the platform and the registers it warns from. */
export interface WarningsDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  rules: RulesService;
  jobs: JobQueue;
  log: Logger;
  config: Config;
  areas: AreasService;
  /** 三防/包保责任人 of the shelters domain, by the areas they answer for. */
  dutyHolders(areaCodes: string[]): Promise<{ id: string; name: string; phone: string; areaCode: string }[]>;
}
