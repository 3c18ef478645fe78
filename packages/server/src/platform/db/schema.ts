import type { AreasTables } from '../../domains/areas/areas.tables.ts';
import type { RoadsTables } from '../../domains/roads/roads.tables.ts';
import type { SheltersTables } from '../../domains/shelters/shelters.tables.ts';
import type { MonitoringTables } from '../../domains/monitoring/monitoring.tables.ts';
import type { AlarmsTables } from '../../domains/monitoring/alarms.tables.ts';
import type { AuditTables } from '../audit/audit.tables.ts';
import type { AuthTables } from '../auth/auth.tables.ts';
import type { JobsTables } from '../jobs/jobs.tables.ts';
import type { RulesTables } from '../rules/rules.tables.ts';
import type { RescueTables } from '../../domains/rescue/rescue.tables.ts';
import type { SuppliesTables } from '../../domains/supplies/supplies.tables.ts';
import type { WarningsTables } from '../../domains/warnings/warnings.tables.ts';
import type { PlansTables } from '../../domains/plans/plans.tables.ts';

/**
 * The typed schema Kysely checks every query against: the union of the tables each part declares.
 * Conventions (both dialects): ids and instants are text (ISO 8601 UTC), JSON is text, booleans are 0/1 integers.
 */
export interface Database
  extends
    AuthTables,
    AuditTables,
    JobsTables,
    RulesTables,
    AreasTables,
    SuppliesTables,
    SheltersTables,
    RescueTables,
    RoadsTables,
    MonitoringTables,
    AlarmsTables,
    WarningsTables,
    PlansTables {}
