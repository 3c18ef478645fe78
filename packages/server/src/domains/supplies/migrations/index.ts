import { sql, type Kysely } from 'kysely';
import type { DomainMigration } from '../../../platform/db/migrator.ts';
import { catalogueSeedRows } from '../supplies.catalogue-seed.ts';

export const suppliesMigrations: DomainMigration[] = [
  {
    name: '20261127T0900_supplies',
    async up(db, dialect) {
      await db.schema
        .createTable('supply_kinds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('shelf_life_days', 'integer')
        .addColumn('spec', 'text')
        .addColumn('standard_county', 'integer')
        .addColumn('standard_township', 'integer')
        .addColumn('standard_village', 'integer')
        .addColumn('source', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('supply_warehouses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('location_area_code', 'text', (c) => c.notNull())
        .addColumn('lon', 'double precision', (c) => c.notNull())
        .addColumn('lat', 'double precision', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('keeper', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('capacity_m3', 'double precision')
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('supply_warehouses_area').on('supply_warehouses').column('area_code').execute();

      await db.schema
        .createTable('supply_balances')
        .addColumn('warehouse_id', 'text', (c) => c.notNull().references('supply_warehouses.id'))
        .addColumn('kind_id', 'text', (c) => c.notNull().references('supply_kinds.id'))
        .addColumn('batch_no', 'text', (c) => c.notNull())
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('production_date', 'text')
        .addColumn('expiry_date', 'text')
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('supply_balances_pk', ['warehouse_id', 'kind_id', 'batch_no'])
        // The last line of defence: whatever a bug does, the database refuses a negative balance.
        .addCheckConstraint('supply_balances_not_negative', sql`quantity >= 0`)
        .execute();
      await db.schema.createIndex('supply_balances_kind').on('supply_balances').column('kind_id').execute();
      await db.schema.createIndex('supply_balances_area').on('supply_balances').column('area_code').execute();
      await db.schema.createIndex('supply_balances_expiry').on('supply_balances').column('expiry_date').execute();

      await createMovements(db, dialect);

      await db.schema
        .createTable('supply_transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('from_warehouse_id', 'text', (c) => c.notNull().references('supply_warehouses.id'))
        .addColumn('to_warehouse_id', 'text', (c) => c.notNull().references('supply_warehouses.id'))
        .addColumn('from_area_code', 'text', (c) => c.notNull())
        .addColumn('to_area_code', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('lines', 'text', (c) => c.notNull())
        .addColumn('requested_by_id', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('shipped_by', 'text')
        .addColumn('shipped_at', 'text')
        .addColumn('received_by', 'text')
        .addColumn('received_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('supply_transfers_state').on('supply_transfers').columns(['state', 'requested_at']).execute();
      await db.schema.createIndex('supply_transfers_from').on('supply_transfers').column('from_warehouse_id').execute();
      await db.schema.createIndex('supply_transfers_to').on('supply_transfers').column('to_warehouse_id').execute();

      await db.schema
        .createTable('supply_transfer_items')
        .addColumn('transfer_id', 'text', (c) => c.notNull().references('supply_transfers.id'))
        .addColumn('kind_id', 'text', (c) => c.notNull())
        .addColumn('batch_no', 'text', (c) => c.notNull())
        .addColumn('production_date', 'text')
        .addColumn('expiry_date', 'text')
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('supply_transfer_items_transfer').on('supply_transfer_items').column('transfer_id').execute();

      await db.schema
        .createTable('supply_stocktakes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('warehouse_id', 'text', (c) => c.notNull().references('supply_warehouses.id'))
        .addColumn('area_code', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('lines', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('supply_stocktakes_warehouse')
        .on('supply_stocktakes')
        .columns(['warehouse_id', 'at'])
        .execute();

      await (db as Kysely<{ supply_kinds: object }>)
        .insertInto('supply_kinds')
        .values(catalogueSeedRows('2026-11-27T00:00:00.000Z'))
        .execute();
    },
  },
];

/**
 * The ledger. Its indexes serve the ledger page's filters (see movements.repo.ts): each ends in `at`, and SQLite
 * appends the rowid, so a filtered page comes off the index newest first without a sort, and a date range narrows
 * the same index. Reference and batch numbers pick out a few rows and need no order.
 */
async function createMovements(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('supply_movements')
    // SQLite: an INTEGER PRIMARY KEY is the rowid, assigned in insert order; PostgreSQL: a bigserial.
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('warehouse_id', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('kind_id', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('balance_after', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('reference', 'text')
    .addColumn('transfer_id', 'text')
    .addColumn('stocktake_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .execute();
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(`supply_movements_${name}`).on('supply_movements').columns(columns).execute();
  await index('warehouse', ['warehouse_id', 'at']);
  await index('warehouse_kind', ['warehouse_id', 'kind_id', 'at']);
  await index('kind', ['kind_id', 'at']);
  await index('type', ['type', 'at']);
  await index('area', ['area_code', 'at']);
  await index('at', ['at']);
  await index('batch', ['batch_no']);
  await index('reference', ['reference']);
  await index('transfer', ['transfer_id']);
}
