import type { Insertable, Selectable, Updateable } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { SupplyTransferItemsTable, SupplyTransfersTable } from './supplies.tables.ts';

export type TransferRow = Selectable<SupplyTransfersTable> & { from_name: string; to_name: string };

function base(db: Executor, scopeCode: string) {
  return (
    db
      .selectFrom('supply_transfers as t')
      .innerJoin('supply_warehouses as f', 'f.id', 't.from_warehouse_id')
      .innerJoin('supply_warehouses as d', 'd.id', 't.to_warehouse_id')
      .selectAll('t')
      .select(['f.name as from_name', 'd.name as to_name'])
      // A transfer is visible to both ends: to the area sending and to the area receiving.
      .where((eb) => eb.or([inScope(eb, 't.from_area_code', scopeCode), inScope(eb, 't.to_area_code', scopeCode)]))
  );
}

export const transfersRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<TransferRow | undefined> {
    return base(db, scopeCode).where('t.id', '=', id).executeTakeFirst();
  },

  async list(db: Executor, scopeCode: string, filter: { state?: string; warehouseId?: string; limit: number; offset: number }) {
    let q = base(db, scopeCode);
    if (filter.state) q = q.where('t.state', '=', filter.state as never);
    if (filter.warehouseId) {
      const id = filter.warehouseId;
      q = q.where((eb) => eb.or([eb('t.from_warehouse_id', '=', id), eb('t.to_warehouse_id', '=', id)]));
    }
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q.orderBy('t.requested_at', 'desc').orderBy('t.id').limit(filter.limit).offset(filter.offset).execute();
    return { rows, total: Number(total.n) };
  },

  async items(db: Executor, ids: string[]): Promise<Selectable<SupplyTransferItemsTable>[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('supply_transfer_items')
      .selectAll()
      .where('transfer_id', 'in', ids)
      .orderBy('kind_id')
      .orderBy('batch_no')
      .execute();
  },

  async insert(db: Executor, row: Insertable<SupplyTransfersTable>): Promise<void> {
    await db.insertInto('supply_transfers').values(row).execute();
  },

  async insertItems(db: Executor, rows: Insertable<SupplyTransferItemsTable>[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('supply_transfer_items').values(rows).execute();
  },

  /** Moves the transfer on only from the state expected; false if someone else moved it first. */
  async advance(
    db: Executor,
    id: string,
    from: SupplyTransfersTable['state'][],
    changes: Updateable<SupplyTransfersTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('supply_transfers')
      .set(changes)
      .where('id', '=', id)
      .where('state', 'in', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
