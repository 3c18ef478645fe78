import type { DomainMigration } from '../../../platform/db/migrator.ts';

/** The alarms half of monitoring: alarms, their history, per-station rule overrides. */
export const alarmsMigrations: DomainMigration[] = [
  {
    name: '20261220T1100_alarms',
    async up(db) {
      await db.schema
        .createTable('alarms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull())
        .addColumn('station_code', 'text', (c) => c.notNull())
        .addColumn('station_name', 'text', (c) => c.notNull())
        .addColumn('station_kind', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('peak_level', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('raised_at', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('recovered_at', 'text')
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .addColumn('ack_note', 'text')
        .addColumn('warning_id', 'text')
        .addColumn('incident_id', 'text')
        .addColumn('open_key', 'text')
        .addColumn('changes', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One open alarm per station and rule, enforced by the database (recovered rows hold NULL).
      await db.schema.createIndex('alarms_open_key').on('alarms').column('open_key').unique().execute();
      // Lists: scope (area-code prefix), newest first; the state filter rides along.
      await db.schema.createIndex('alarms_area_raised').on('alarms').columns(['area_code', 'raised_at']).execute();
      await db.schema.createIndex('alarms_state_raised').on('alarms').columns(['state', 'raised_at']).execute();
      await db.schema.createIndex('alarms_station').on('alarms').columns(['station_id', 'raised_at']).execute();

      await db.schema
        .createTable('alarm_history')
        .addColumn('alarm_id', 'text', (c) => c.notNull().references('alarms.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_level', 'text')
        .addColumn('to_level', 'text')
        .addColumn('value', 'double precision')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alarm_history_pk', ['alarm_id', 'seq'])
        .execute();

      await db.schema
        .createTable('alarm_station_rules')
        .addColumn('station_id', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('config', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alarm_station_rules_pk', ['station_id', 'rule'])
        .execute();
    },
  },
];
