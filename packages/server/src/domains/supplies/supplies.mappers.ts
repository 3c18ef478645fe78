import type { Movement, SupplyKind, Warehouse } from '@yingji/contracts/supplies.ts';
import type { KindRow } from './catalogue.repo.ts';
import type { MovementView } from './movements.repo.ts';
import type { WarehouseRow } from './warehouses.repo.ts';

/** Rows → API shapes, shared by the services of this domain. */

export function toKind(row: KindRow): SupplyKind {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    unit: row.unit,
    shelfLifeDays: row.shelf_life_days,
    spec: row.spec,
    reserveStandard: { county: row.standard_county, township: row.standard_township, village: row.standard_village },
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toWarehouse(row: WarehouseRow): Warehouse {
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    areaCode: row.area_code,
    areaName: row.area_name,
    locationAreaCode: row.location_area_code,
    lon: Number(row.lon),
    lat: Number(row.lat),
    address: row.address,
    keeper: row.keeper,
    phone: row.phone,
    capacityM3: row.capacity_m3 === null ? null : Number(row.capacity_m3),
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toMovement(row: MovementView): Movement {
  return {
    id: Number(row.id),
    at: row.at,
    type: row.type,
    warehouseId: row.warehouse_id,
    warehouseName: row.warehouse_name,
    areaCode: row.area_code,
    kindId: row.kind_id,
    kindName: row.kind_name,
    unit: row.unit,
    batchNo: row.batch_no,
    quantity: Number(row.quantity),
    balanceAfter: Number(row.balance_after),
    purpose: row.purpose,
    reference: row.reference,
    transferId: row.transfer_id,
    stocktakeId: row.stocktake_id,
    reason: row.reason,
    actorName: row.actor_name,
  };
}
