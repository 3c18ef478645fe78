import { areasMigrations } from '../../domains/areas/migrations/index.ts';
import { auditMigrations } from '../audit/migrations.ts';
import { authMigrations } from '../auth/migrations.ts';
import { jobsMigrations } from '../jobs/migrations.ts';
import { rulesMigrations } from '../rules/migrations.ts';
import type { DomainMigration } from './migrator.ts';

/** Every part's migrations; the migrator sorts them by name (timestamp first). Add a new domain's list here. */
export const ALL_MIGRATIONS: DomainMigration[] = [
  ...authMigrations,
  ...auditMigrations,
  ...jobsMigrations,
  ...rulesMigrations,
  ...areasMigrations,
].sort((a, b) => a.name.localeCompare(b.name));
