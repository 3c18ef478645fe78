import { sql } from 'kysely';
import type { DomainMigration } from './migrator.ts';

/**
 * SQLite's planner hint `likely(X)` (X, assumed mostly true) as a PostgreSQL function, so one query text serves both
 * dialects: `inScope` wraps the scope range in it (platform/access/scope.ts). A one-line SQL function that PostgreSQL
 * inlines before planning, so the range inside it still uses indexes there.
 */
export const plannerHintsMigrations: DomainMigration[] = [
  {
    name: '20261221T0800_platform_planner_hints',
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`create or replace function likely(boolean) returns boolean language sql immutable parallel safe as 'select $1'`.execute(
        db,
      );
    },
  },
];
