import type { DomainMigration } from '../db/migrator.ts';

export const rulesMigrations: DomainMigration[] = [
  {
    name: '20261126T0803_platform_rules',
    async up(db) {
      await db.schema
        .createTable('rules')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
