import { sql, type Kysely } from 'kysely';
import type { DomainMigration } from '../../../platform/db/migrator.ts';

async function aggregateTable(db: Kysely<unknown>, name: string, withoutRowid: boolean) {
  let t = db.schema
    .createTable(name)
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('min', 'double precision', (c) => c.notNull())
    .addColumn('max', 'double precision', (c) => c.notNull())
    .addColumn('sum', 'double precision', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, ['station_id', 'metric', 'bucket']);
  if (withoutRowid) t = t.modifyEnd(sql`without rowid`);
  await t.execute();
}

/** 监测站点, raw readings, hourly/daily aggregates and ingest counters (the ingest half of E3). */
export const stationsMigrations: DomainMigration[] = [
  {
    name: '20261220T1000_monitoring_stations',
    async up(db, dialect) {
      const sqlite = dialect === 'sqlite';
      await db.schema
        .createTable('monitoring_stations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('owner_type', 'text', (c) => c.notNull())
        .addColumn('owner_name', 'text', (c) => c.notNull())
        .addColumn('device_ids', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('water_warning', 'double precision')
        .addColumn('water_guaranteed', 'double precision')
        .addColumn('water_historic_max', 'double precision')
        .addColumn('note', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('mqtt_username', 'text', (c) => c.notNull().unique())
        .addColumn('mqtt_password_hash', 'text', (c) => c.notNull())
        .addColumn('last_reading_at', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('monitoring_stations_area_name')
        .on('monitoring_stations')
        .columns(['area_code', 'name', 'id'])
        .execute();

      // One B-tree keyed by (station, metric, at): the unique key that makes duplicates no-ops is also the order
      // series queries and per-station pruning read in. WITHOUT ROWID on SQLite so there is no second tree to write.
      let readings = db.schema
        .createTable('monitoring_readings')
        .addColumn('station_id', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('monitoring_readings_pk', ['station_id', 'metric', 'at']);
      if (sqlite) readings = readings.modifyEnd(sql`without rowid`);
      await readings.execute();

      await aggregateTable(db, 'monitoring_hourly', sqlite);
      await aggregateTable(db, 'monitoring_daily', sqlite);

      await db.schema
        .createTable('monitoring_ingest_counters')
        .addColumn('station_id', 'text', (c) => c.primaryKey())
        .addColumn('accepted', 'bigint', (c) => c.notNull())
        .addColumn('duplicates', 'bigint', (c) => c.notNull())
        .addColumn('rejected', 'bigint', (c) => c.notNull())
        .addColumn('rate_limited', 'bigint', (c) => c.notNull())
        .addColumn('last_reject_reason', 'text')
        .addColumn('last_rejected_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
