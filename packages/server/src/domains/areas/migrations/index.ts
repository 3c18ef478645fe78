import type { DomainMigration } from '../../../platform/db/migrator.ts';

export const areasMigrations: DomainMigration[] = [
  {
    name: '20261126T0810_areas',
    async up(db) {
      await db.schema
        .createTable('areas')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('level_name', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text', (c) => c.references('areas.code'))
        .addColumn('population', 'integer')
        .addColumn('geometry', 'text')
        .addColumn('geometry_source', 'text')
        .addColumn('grid_officer_name', 'text')
        .addColumn('grid_officer_phone', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('areas_parent').on('areas').column('parent_code').execute();
      await db.schema.createIndex('areas_level').on('areas').column('level').execute();
    },
  },
];
