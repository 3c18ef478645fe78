import type { DomainMigration } from '../../../platform/db/migrator.ts';

export const warningsMigrations: DomainMigration[] = [
  {
    name: '20261226T1000_warnings',
    async up(db) {
      await db.schema
        .createTable('warnings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('identifier', 'text', (c) => c.unique())
        .addColumn('msg_type', 'text', (c) => c.notNull())
        .addColumn('replaces_id', 'text', (c) => c.references('warnings.id'))
        .addColumn('hazard', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('instruction', 'text', (c) => c.notNull())
        .addColumn('effective', 'text')
        .addColumn('expires', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('channels', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('alarm_id', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('sender', 'text')
        .addColumn('drafted_by', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'text')
        .addColumn('signed_by', 'text')
        .addColumn('published_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('history', 'text', (c) => c.notNull())
        .addColumn('cap_xml', 'text')
        .addColumn('cancel_identifier', 'text', (c) => c.unique())
        .addColumn('cancel_xml', 'text')
        .addColumn('receipt_key', 'text', (c) => c.notNull())
        .addColumn('fanned_out', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('warnings_area_created').on('warnings').columns(['area_code', 'created_at']).execute();
      // The public page and the expiry sweep read published warnings only.
      await db.schema.createIndex('warnings_state_expires').on('warnings').columns(['state', 'expires']).execute();

      await db.schema
        .createTable('warning_villages')
        .addColumn('warning_id', 'text', (c) => c.notNull().references('warnings.id'))
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('village_name', 'text', (c) => c.notNull())
        .addColumn('township_name', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('confirmed_by', 'text')
        .addColumn('actions', 'text', (c) => c.notNull())
        .addColumn('transferred', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('warning_villages_pk', ['warning_id', 'village_code'])
        .execute();

      await db.schema
        .createTable('warning_deliveries')
        // <warning>:<channel>:<address>[:cancel] — one message per address, channel and kind, so a repeated fan-out
        // and a person in two registers both write nothing twice (ADR 0009).
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('warning_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('grp', 'text')
        .addColumn('recipient_ref', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('village_code', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_at', 'text', (c) => c.notNull())
        .addColumn('provider_id', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The dispatcher's claim: due rows of one channel in order.
      await db.schema
        .createIndex('warning_deliveries_due')
        .on('warning_deliveries')
        .columns(['channel', 'state', 'next_at'])
        .execute();
      // Coverage per village and delivery board filters.
      await db.schema
        .createIndex('warning_deliveries_village')
        .on('warning_deliveries')
        .columns(['warning_id', 'village_code', 'state'])
        .execute();
      await db.schema.createIndex('warning_deliveries_provider').on('warning_deliveries').column('provider_id').execute();

      await db.schema
        .createTable('warning_contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('consent', 'integer', (c) => c.notNull())
        .addColumn('special_need', 'text')
        .addColumn('helper_name', 'text')
        .addColumn('helper_phone', 'text')
        .addColumn('route', 'text')
        .addColumn('shelter_name', 'text')
        .addColumn('note', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Lists by scope in area order, and the fan-out's walk of a village's consenting contacts by group.
      await db.schema
        .createIndex('warning_contacts_area_name')
        .on('warning_contacts')
        .columns(['area_code', 'name', 'id'])
        .execute();
      await db.schema
        .createIndex('warning_contacts_village_grp')
        .on('warning_contacts')
        .columns(['village_code', 'grp', 'id'])
        .execute();
      // The fan-out's INSERT … SELECT reads a village's consenting residents from this index alone, in phone order, so
      // the outbox's primary key (<warning>:<channel>:<phone>) grows in runs instead of at random (ADR 0009).
      await db.schema
        .createIndex('warning_contacts_fanout')
        .on('warning_contacts')
        .columns(['village_code', 'grp', 'consent', 'phone', 'id', 'name', 'email'])
        .execute();

      await db.schema
        .createTable('cap_feed_seen')
        .addColumn('entry_id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
