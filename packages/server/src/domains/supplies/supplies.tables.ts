import type { Generated } from 'kysely';
import type { IssuePurpose, MovementType, TransferState, WarehouseLevel } from '@yingji/contracts/supplies.ts';

/** 品目: one kind of supply, with its 储备标准 per warehouse tier. */
export interface SupplyKindsTable {
  id: string;
  name: string;
  category: string;
  unit: string;
  shelf_life_days: number | null;
  spec: string | null;
  standard_county: number | null;
  standard_township: number | null;
  standard_village: number | null;
  source: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupplyWarehousesTable {
  id: string;
  name: string;
  level: WarehouseLevel;
  /** The managing area, derived from level and position: the scope key of the warehouse and of its stock. */
  area_code: string;
  /** Where it stands: the deepest area containing (lon, lat). */
  location_area_code: string;
  lon: number;
  lat: number;
  address: string | null;
  keeper: string;
  phone: string;
  capacity_m3: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * The balance of one batch of one kind in one warehouse. Derived data: it changes only in the transaction that
 * appends the movements explaining the change, and always equals the sum of those movements.
 */
export interface SupplyBalancesTable {
  warehouse_id: string;
  kind_id: string;
  batch_no: string;
  area_code: string;
  production_date: string | null;
  expiry_date: string | null;
  quantity: number;
  updated_at: string;
}

/** The stock ledger (专账): append-only, one signed row per movement of one batch. */
export interface SupplyMovementsTable {
  /** Generated on insert (SQLite rowid, PostgreSQL bigserial); orders the ledger. */
  id: Generated<number>;
  at: string;
  type: MovementType;
  warehouse_id: string;
  area_code: string;
  kind_id: string;
  batch_no: string;
  quantity: number;
  balance_after: number;
  purpose: IssuePurpose | null;
  reference: string | null;
  transfer_id: string | null;
  stocktake_id: string | null;
  reason: string | null;
  actor_id: string | null;
  actor_name: string;
}

export interface SupplyTransfersTable {
  id: string;
  from_warehouse_id: string;
  to_warehouse_id: string;
  from_area_code: string;
  to_area_code: string;
  state: TransferState;
  reason: string;
  /** Requested lines, JSON [{kindId, quantity}]. */
  lines: string;
  requested_by_id: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  shipped_by: string | null;
  shipped_at: string | null;
  received_by: string | null;
  received_at: string | null;
  updated_at: string;
}

/** The batches a transfer shipped: stock in transit while the transfer is shipped. */
export interface SupplyTransferItemsTable {
  transfer_id: string;
  kind_id: string;
  batch_no: string;
  production_date: string | null;
  expiry_date: string | null;
  quantity: number;
}

export interface SupplyStocktakesTable {
  id: string;
  warehouse_id: string;
  area_code: string;
  at: string;
  actor_name: string;
  note: string | null;
  /** JSON [{kindId, batchNo, book, counted, difference, reason}]. */
  lines: string;
}

export interface SuppliesTables {
  supply_kinds: SupplyKindsTable;
  supply_warehouses: SupplyWarehousesTable;
  supply_balances: SupplyBalancesTable;
  supply_movements: SupplyMovementsTable;
  supply_transfers: SupplyTransfersTable;
  supply_transfer_items: SupplyTransferItemsTable;
  supply_stocktakes: SupplyStocktakesTable;
}
