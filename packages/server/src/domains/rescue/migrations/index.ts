import type { Kysely } from 'kysely';
import type { DomainMigration } from '../../../platform/db/migrator.ts';
import { expertNames, searchText } from '../experts.repo.ts';
import { teamNames } from '../teams.repo.ts';

export const rescueMigrations: DomainMigration[] = [
  {
    name: '20261203T0900_rescue',
    async up(db) {
      await db.schema
        .createTable('rescue_teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('specialty', 'text')
        .addColumn('base_address', 'text')
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('leader_name', 'text', (c) => c.notNull())
        .addColumn('leader_phone', 'text', (c) => c.notNull())
        .addColumn('duty_phone', 'text')
        .addColumn('duty_state', 'text', (c) => c.notNull())
        .addColumn('remarks', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Scope range first, then the list's order: a page is read off the index without sorting the register.
      await db.schema.createIndex('rescue_teams_area').on('rescue_teams').columns(['area_code', 'name']).execute();
      // The list's filters beside the scope: counts of a filtered list are answered from this index alone.
      await db.schema
        .createIndex('rescue_teams_filters')
        .on('rescue_teams')
        .columns(['area_code', 'type', 'level', 'duty_state'])
        .execute();

      await db.schema
        .createTable('rescue_members')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull().references('rescue_teams.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('gender', 'text')
        .addColumn('phone', 'text')
        .addColumn('position', 'text')
        .addColumn('skills', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rescue_members_team').on('rescue_members').column('team_id').execute();

      await db.schema
        .createTable('rescue_certificates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text', (c) => c.notNull().references('rescue_members.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('expires_on', 'text')
        .execute();
      await db.schema.createIndex('rescue_certificates_member').on('rescue_certificates').column('member_id').execute();
      await db.schema.createIndex('rescue_certificates_expiry').on('rescue_certificates').column('expires_on').execute();

      await db.schema
        .createTable('rescue_experts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('available', 'integer', (c) => c.notNull())
        .addColumn('availability_note', 'text')
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('remarks', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rescue_experts_area').on('rescue_experts').columns(['area_code', 'name']).execute();

      await db.schema
        .createTable('rescue_equipment')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('model', 'text')
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('owner_type', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('maintenance_due', 'text')
        .addColumn('last_maintained', 'text')
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('remarks', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rescue_equipment_area').on('rescue_equipment').columns(['area_code', 'kind']).execute();
      await db.schema.createIndex('rescue_equipment_owner').on('rescue_equipment').columns(['owner_type', 'owner_id']).execute();
      await db.schema.createIndex('rescue_equipment_due').on('rescue_equipment').column('maintenance_due').execute();
    },
  },
  {
    // Register lists at 1,000,000 rows (ADR 0007): the name indexes (teams; experts by name and organisation), and the index that drives a list filtered by type,
    // level and duty state together (matches in list order, so a rare combination no longer walks the order index).
    name: '20261221T0900_rescue_list_indexes',
    async up(db, dialect) {
      await db.schema
        .createIndex('rescue_teams_kind')
        .on('rescue_teams')
        .columns(['type', 'level', 'duty_state', 'area_code', 'name'])
        .execute();
      await teamNames.create(db, dialect);
      const teams = await (db as Kysely<{ rescue_teams: { id: string; name: string } }>)
        .selectFrom('rescue_teams')
        .select(['id', 'name'])
        .execute();
      await teamNames.put(
        db as never,
        dialect,
        teams.map((t) => ({ id: t.id, text: t.name })),
      );
      await expertNames.create(db, dialect);
      const experts = await (db as Kysely<{ rescue_experts: { id: string; name: string; organisation: string } }>)
        .selectFrom('rescue_experts')
        .select(['id', 'name', 'organisation'])
        .execute();
      await expertNames.put(
        db as never,
        dialect,
        experts.map((e) => ({ id: e.id, text: searchText(e) })),
      );
    },
  },
];
