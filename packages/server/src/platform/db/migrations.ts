import { areasMigrations } from '../../domains/areas/migrations/index.ts';
import { roadsMigrations } from '../../domains/roads/migrations/index.ts';
import { sheltersMigrations } from '../../domains/shelters/migrations/index.ts';
import { monitoringMigrations } from '../../domains/monitoring/migrations/index.ts';
import { auditMigrations } from '../audit/migrations.ts';
import { authMigrations } from '../auth/migrations.ts';
import { jobsMigrations } from '../jobs/migrations.ts';
import { rulesMigrations } from '../rules/migrations.ts';
import { rescueMigrations } from '../../domains/rescue/migrations/index.ts';
import { suppliesMigrations } from '../../domains/supplies/migrations/index.ts';
import { warningsMigrations } from '../../domains/warnings/migrations/index.ts';
import { plansMigrations } from '../../domains/plans/migrations/index.ts';
import type { DomainMigration } from './migrator.ts';
import { plannerHintsMigrations } from './planner-hints.ts';

/** Every part's migrations; the migrator sorts them by name (timestamp first). Add a new domain's list here. */
export const ALL_MIGRATIONS: DomainMigration[] = [
  ...authMigrations,
  ...plannerHintsMigrations,
  ...auditMigrations,
  ...jobsMigrations,
  ...rulesMigrations,
  ...areasMigrations,
  ...roadsMigrations,
  ...rescueMigrations,
  ...suppliesMigrations,
  ...sheltersMigrations,
  ...monitoringMigrations,
  ...warningsMigrations,
  ...plansMigrations,
].sort((a, b) => a.name.localeCompare(b.name));
