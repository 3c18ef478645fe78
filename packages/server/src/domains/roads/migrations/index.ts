import type { DomainMigration } from '../../../platform/db/migrator.ts';

export const roadsMigrations: DomainMigration[] = [
  {
    name: '20261126T1000_roads',
    async up(db) {
      await db.schema
        .createTable('road_nodes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('road_edges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('from_node', 'text', (c) => c.notNull().references('road_nodes.id'))
        .addColumn('to_node', 'text', (c) => c.notNull().references('road_nodes.id'))
        .addColumn('name', 'text')
        .addColumn('road_class', 'text')
        .addColumn('length_m', 'double precision', (c) => c.notNull())
        .addColumn('coordinates', 'text', (c) => c.notNull())
        .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('closed_reason', 'text')
        .addColumn('closed_at', 'text')
        .addColumn('closed_by', 'text')
        .addColumn('area_code', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('feature_row', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('road_edges_area').on('road_edges').column('area_code').execute();
    },
  },
];
