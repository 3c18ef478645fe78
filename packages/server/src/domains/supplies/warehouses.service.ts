import { randomUUID } from 'node:crypto';
import type { LocatedItem } from '@yingji/contracts/located.ts';
import type { Warehouse, WarehouseCreate, WarehouseQuery, WarehouseUpdate } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { isExpired, managingArea, shanghaiDate } from './supplies.rules.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import { toWarehouse } from './supplies.mappers.ts';
import { warehousesRepo, type WarehouseRow } from './warehouses.repo.ts';

/** 仓库 at the three tiers, each placed on the map and managed by the area its tier points to. */
export class WarehousesService {
  constructor(private readonly deps: SuppliesDeps) {}

  async list(actor: Actor, query: WarehouseQuery): Promise<{ items: Warehouse[]; total: number }> {
    assertCan(actor, 'supplies:read');
    const { rows, total } = await warehousesRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: rows.map(toWarehouse), total };
  }

  /** A warehouse within the actor's scope; outside it and absent look the same. Other domains may call this. */
  async get(actor: Actor, id: string): Promise<Warehouse> {
    assertCan(actor, 'supplies:read');
    return toWarehouse(await this.row(this.deps.db.kysely, actor, id));
  }

  async row(db: Executor, actor: Actor, id: string): Promise<WarehouseRow> {
    const row = await warehousesRepo.byId(db, actor.areaCode, id);
    if (!row) fail('WAREHOUSE_NOT_FOUND', { id });
    return row;
  }

  /** Position → the deepest area there (scope-checked) → the managing area of the tier (scope-checked too). */
  private async place(actor: Actor, level: Warehouse['level'], lon: number, lat: number) {
    const locationAreaCode = await this.deps.areas.locate(actor, lon, lat);
    const areaCode = managingArea(level, locationAreaCode);
    if (!areaCode) fail('WAREHOUSE_LEVEL_MISMATCH', { level, locationAreaCode });
    assertWithinScope(actor, areaCode);
    return { locationAreaCode, areaCode };
  }

  async create(actor: Actor, input: WarehouseCreate): Promise<Warehouse> {
    assertCan(actor, 'supplies:edit');
    const placed = await this.place(actor, input.level, input.lon, input.lat);
    const created = await this.deps.db.kysely.transaction().execute((trx) => this.insert(trx, actor, input, placed));
    await this.changed(created.id, created.areaCode);
    return created;
  }

  /** Inside the caller's transaction, position already resolved (the Excel import places every row first). */
  async insert(
    trx: Executor,
    actor: Actor,
    input: WarehouseCreate,
    placed: { locationAreaCode: string; areaCode: string },
  ): Promise<Warehouse> {
    if (await warehousesRepo.nameTaken(trx, input.name)) fail('WAREHOUSE_EXISTS', { name: input.name });
    const now = this.deps.clock.now().toISOString();
    const id = randomUUID();
    await warehousesRepo.insert(trx, {
      id,
      name: input.name,
      level: input.level,
      area_code: placed.areaCode,
      location_area_code: placed.locationAreaCode,
      lon: input.lon,
      lat: input.lat,
      address: input.address,
      keeper: input.keeper,
      phone: input.phone,
      capacity_m3: input.capacityM3,
      note: input.note,
      created_at: now,
      updated_at: now,
    });
    const warehouse = toWarehouse((await warehousesRepo.byIdAnyScope(trx, id))!);
    await this.deps.audit.record(trx, actor, {
      action: 'warehouse.create',
      entity: 'warehouse',
      entityId: id,
      areaCode: placed.areaCode,
      after: warehouse,
    });
    return warehouse;
  }

  /** Public wrapper for the import: resolve a row's position and tier with the same checks as create. */
  placeFor(actor: Actor, input: Pick<WarehouseCreate, 'level' | 'lon' | 'lat'>) {
    return this.place(actor, input.level, input.lon, input.lat);
  }

  async update(actor: Actor, id: string, input: WarehouseUpdate): Promise<Warehouse> {
    assertCan(actor, 'supplies:edit');
    const { db, audit, clock } = this.deps;
    const current = await this.row(db.kysely, actor, id);
    const moved = input.level !== undefined || input.lon !== undefined || input.lat !== undefined;
    const placed = moved
      ? await this.place(actor, input.level ?? current.level, input.lon ?? Number(current.lon), input.lat ?? Number(current.lat))
      : null;
    const after = await db.kysely.transaction().execute(async (trx) => {
      const before = await this.row(trx, actor, id);
      if (input.name !== undefined && (await warehousesRepo.nameTaken(trx, input.name, id))) {
        fail('WAREHOUSE_EXISTS', { name: input.name });
      }
      await warehousesRepo.update(trx, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.level !== undefined && { level: input.level }),
        ...(input.lon !== undefined && { lon: input.lon }),
        ...(input.lat !== undefined && { lat: input.lat }),
        ...(input.address !== undefined && { address: input.address }),
        ...(input.keeper !== undefined && { keeper: input.keeper }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.capacityM3 !== undefined && { capacity_m3: input.capacityM3 }),
        ...(input.note !== undefined && { note: input.note }),
        ...(placed && { area_code: placed.areaCode, location_area_code: placed.locationAreaCode }),
        updated_at: clock.now().toISOString(),
      });
      if (placed && placed.areaCode !== before.area_code) await warehousesRepo.moveStockScope(trx, id, placed.areaCode);
      const updated = toWarehouse((await warehousesRepo.byIdAnyScope(trx, id))!);
      await audit.record(trx, actor, {
        action: 'warehouse.update',
        entity: 'warehouse',
        entityId: id,
        areaCode: updated.areaCode,
        before: toWarehouse(before),
        after: updated,
      });
      return updated;
    });
    await this.changed(id, after.areaCode);
    return after;
  }

  private async changed(warehouseId: string, areaCode: string): Promise<void> {
    await this.deps.events.publish('supplies.changed', areaCode, { warehouseId, reason: 'warehouse', kindIds: [] });
  }

  /**
   * Every warehouse as the spatial search and the map see it (system-level: no actor, every entry), with the
   * available (on hand, unexpired) quantity of each kind it holds. `areaCode` is the managing area, the scope key.
   */
  async allLocated(): Promise<LocatedItem[]> {
    const db = this.deps.db.kysely;
    const today = shanghaiDate(this.deps.clock.now());
    const [warehouses, balances] = await Promise.all([
      warehousesRepo.all(db),
      db
        .selectFrom('supply_balances')
        .select(['warehouse_id', 'kind_id', 'expiry_date', 'quantity'])
        .where('quantity', '>', 0)
        .execute(),
    ]);
    const stock = new Map<string, Record<string, number>>();
    for (const b of balances) {
      if (isExpired(b.expiry_date, today)) continue;
      const byKind = stock.get(b.warehouse_id) ?? {};
      byKind[b.kind_id] = (byKind[b.kind_id] ?? 0) + Number(b.quantity);
      stock.set(b.warehouse_id, byKind);
    }
    return warehouses.map((w) => ({
      kind: 'warehouse',
      id: w.id,
      name: w.name,
      lon: Number(w.lon),
      lat: Number(w.lat),
      areaCode: w.area_code,
      props: {
        level: w.level,
        locationAreaCode: w.location_area_code,
        keeper: w.keeper,
        phone: w.phone,
        stock: stock.get(w.id) ?? {},
      },
    }));
  }
}
