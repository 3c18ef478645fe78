import type { Insertable, Selectable, Updateable } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { SupplyWarehousesTable } from './supplies.tables.ts';

export type WarehouseRow = Selectable<SupplyWarehousesTable> & { area_name: string | null };

function base(db: Executor) {
  return db
    .selectFrom('supply_warehouses')
    .leftJoin('areas', 'areas.code', 'supply_warehouses.area_code')
    .selectAll('supply_warehouses')
    .select('areas.name as area_name');
}

/** Every read that takes a scope returns only warehouses whose managing area lies within it. */
export const warehousesRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<WarehouseRow | undefined> {
    return base(db)
      .where((eb) => inScope(eb, 'supply_warehouses.area_code', scopeCode))
      .where('supply_warehouses.id', '=', id)
      .executeTakeFirst();
  },

  /** For transfers (whose two ends may lie in different scopes) and system work; callers check scope themselves. */
  byIdAnyScope(db: Executor, id: string): Promise<WarehouseRow | undefined> {
    return base(db).where('supply_warehouses.id', '=', id).executeTakeFirst();
  },

  async byIds(db: Executor, scopeCode: string, ids: string[]): Promise<Map<string, WarehouseRow>> {
    if (ids.length === 0) return new Map();
    const rows = await base(db)
      .where((eb) => inScope(eb, 'supply_warehouses.area_code', scopeCode))
      .where('supply_warehouses.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  },

  async byNames(db: Executor, scopeCode: string, names: string[]): Promise<Map<string, WarehouseRow>> {
    if (names.length === 0) return new Map();
    const rows = await base(db)
      .where((eb) => inScope(eb, 'supply_warehouses.area_code', scopeCode))
      .where('supply_warehouses.name', 'in', names)
      .execute();
    return new Map(rows.map((r) => [r.name, r]));
  },

  /** Name uniqueness is installation-wide, so this check is not scoped. */
  nameTaken(db: Executor, name: string, exceptId?: string): Promise<boolean> {
    let q = db.selectFrom('supply_warehouses').select('id').where('name', '=', name);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return q.executeTakeFirst().then((r) => r !== undefined);
  },

  /** The ids of the warehouses in a scope, or null when the scope holds every warehouse (no narrowing needed). */
  async scopedIds(db: Executor, scopeCode: string): Promise<string[] | null> {
    const inside = await db
      .selectFrom('supply_warehouses')
      .select('id')
      .where((eb) => inScope(eb, 'supply_warehouses.area_code', scopeCode))
      .execute();
    const all = await db
      .selectFrom('supply_warehouses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return inside.length === Number(all.n) ? null : inside.map((r) => r.id);
  },

  all(db: Executor): Promise<WarehouseRow[]> {
    return base(db).orderBy('supply_warehouses.area_code').orderBy('supply_warehouses.name').execute();
  },

  allInScope(db: Executor, scopeCode: string): Promise<WarehouseRow[]> {
    return base(db)
      .where((eb) => inScope(eb, 'supply_warehouses.area_code', scopeCode))
      .orderBy('supply_warehouses.area_code')
      .orderBy('supply_warehouses.name')
      .execute();
  },

  async list(
    db: Executor,
    scopeCode: string,
    filter: { areaCode?: string; level?: string; q?: string; limit: number; offset: number },
  ): Promise<{ rows: WarehouseRow[]; total: number }> {
    let q = db.selectFrom('supply_warehouses').where((eb) => inScope(eb, 'supply_warehouses.area_code', scopeCode));
    if (filter.areaCode) q = q.where((eb) => inScope(eb, 'supply_warehouses.area_code', filter.areaCode!));
    if (filter.level) q = q.where('supply_warehouses.level', '=', filter.level as never);
    if (filter.q) q = q.where('supply_warehouses.name', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ids = q.select('supply_warehouses.id');
    const rows = await base(db)
      .where('supply_warehouses.id', 'in', ids)
      .orderBy('supply_warehouses.area_code')
      .orderBy('supply_warehouses.name')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { rows, total: Number(total.n) };
  },

  async insert(db: Executor, row: Insertable<SupplyWarehousesTable>): Promise<void> {
    await db.insertInto('supply_warehouses').values(row).execute();
  },

  async update(db: Executor, id: string, changes: Updateable<SupplyWarehousesTable>): Promise<void> {
    await db.updateTable('supply_warehouses').set(changes).where('id', '=', id).execute();
  },

  /** A warehouse now managed by another area takes its stock and its ledger history into that area's scope. */
  async moveStockScope(db: Executor, id: string, areaCode: string): Promise<void> {
    await db.updateTable('supply_balances').set({ area_code: areaCode }).where('warehouse_id', '=', id).execute();
    await db.updateTable('supply_movements').set({ area_code: areaCode }).where('warehouse_id', '=', id).execute();
    await db.updateTable('supply_stocktakes').set({ area_code: areaCode }).where('warehouse_id', '=', id).execute();
    await db.updateTable('supply_transfers').set({ from_area_code: areaCode }).where('from_warehouse_id', '=', id).execute();
    await db.updateTable('supply_transfers').set({ to_area_code: areaCode }).where('to_warehouse_id', '=', id).execute();
  },
};
