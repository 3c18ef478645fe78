import type { DomainMigration } from '../../../platform/db/migrator.ts';
import { alarmsMigrations } from './alarms.migrations.ts';
import { stationsMigrations } from './stations.ts';

/** The monitoring domain's migrations: stations and readings (ingest), then alarms and rule overrides (evaluation). */
export const monitoringMigrations: DomainMigration[] = [...stationsMigrations, ...alarmsMigrations];
