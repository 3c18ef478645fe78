import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { fail } from '../errors.ts';
import type { Db } from './database.ts';
import { ALL_MIGRATIONS } from './migrations.ts';

/** A migration of one domain. Names start with a timestamp so all domains' migrations apply in one global order. */
export interface DomainMigration {
  name: string;
  up(db: Kysely<unknown>, dialect: Db['dialect']): Promise<void>;
}

/** Applies every domain's pending migrations, forward only, on either dialect. Returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const migration of ALL_MIGRATIONS) {
        migrations[migration.name] = { up: (k) => migration.up(k, db.dialect) };
      }
      return migrations;
    },
  };
  const migrator = new Migrator({ db: db.kysely, provider, migrationTableName: 'schema_migrations' });
  const { error, results } = await migrator.migrateToLatest();
  if (error)
    fail(
      'INTERNAL',
      { migration: results?.find((r) => r.status === 'Error')?.migrationName },
      `数据库迁移失败：${String(error)}`,
    );
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
