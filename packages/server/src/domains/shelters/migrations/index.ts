import { sql, type Kysely } from 'kysely';
import type { DomainMigration } from '../../../platform/db/migrator.ts';
import type { NameIndex } from '../../../platform/search/name-index.ts';
import { shelterNames } from '../shelters.repo.ts';
import { targetNames } from '../targets.repo.ts';

export const sheltersMigrations: DomainMigration[] = [
  {
    name: '20261210T1000_shelters',
    async up(db) {
      await db.schema
        .createTable('shelters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('grade', 'text', (c) => c.notNull())
        .addColumn('usable_area', 'double precision', (c) => c.notNull())
        .addColumn('facilities', 'text', (c) => c.notNull())
        .addColumn('manager_name', 'text', (c) => c.notNull())
        .addColumn('manager_phone', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('note', 'text')
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('open', 'integer', (c) => c.notNull())
        .addColumn('occupancy', 'integer', (c) => c.notNull())
        .addColumn('opened_at', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // The last line of defence behind the service's checks: a head count is never negative.
        .addCheckConstraint('shelters_occupancy_nonnegative', sql`occupancy >= 0`)
        .execute();
      // Lists filter by scope (an area-code range) and sort by area, name: one index answers both, page by page.
      await db.schema.createIndex('shelters_area_name').on('shelters').columns(['area_code', 'name', 'id']).execute();
      // A narrow one for the list's count under the register's filters (the wide one above is slow to count through).
      await db.schema
        .createIndex('shelters_area_filters')
        .on('shelters')
        .columns(['area_code', 'type', 'grade', 'open'])
        .execute();

      await db.schema
        .createTable('protection_targets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('people', 'integer')
        .addColumn('responsible_name', 'text', (c) => c.notNull())
        .addColumn('responsible_phone', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('note', 'text')
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('demo', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('protection_targets_area_name')
        .on('protection_targets')
        .columns(['area_code', 'name', 'id'])
        .execute();

      await db.schema
        .createTable('duty_holders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('shelter_id', 'text', (c) => c.references('shelters.id'))
        .addColumn('target_id', 'text', (c) => c.references('protection_targets.id'))
        .addColumn('note', 'text')
        .addColumn('demo', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('duty_holders_area_role_name')
        .on('duty_holders')
        .columns(['area_code', 'role', 'name', 'id'])
        .execute();
      await db.schema.createIndex('duty_holders_shelter').on('duty_holders').column('shelter_id').execute();
      await db.schema.createIndex('duty_holders_target').on('duty_holders').column('target_id').execute();
    },
  },
  {
    // Register lists at 1,000,000 rows (ADR 0007): name indexes, and the index that drives a shelter list filtered by
    // type, grade and open together (matches in list order, so a rare combination does not walk the order index).
    name: '20261221T0910_shelters_list_indexes',
    async up(db, dialect) {
      await db.schema
        .createIndex('shelters_kind')
        .on('shelters')
        .columns(['type', 'grade', 'open', 'area_code', 'name', 'id'])
        .execute();
      await indexNames(db, dialect, shelterNames, 'shelters');
      await indexNames(db, dialect, targetNames, 'protection_targets');
    },
  },
];

/** Creates a name index and fills it with the rows already there. */
async function indexNames(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres', index: NameIndex, table: string) {
  await index.create(db, dialect);
  const rows = await (db as Kysely<Record<string, { id: string; name: string }>>)
    .selectFrom(table)
    .select(['id', 'name'])
    .execute();
  await index.put(
    db as never,
    dialect,
    rows.map((r) => ({ id: r.id, text: r.name })),
  );
}
