import type {
  IssueCreate,
  MovementPage,
  MovementQuery,
  Posted,
  ReceiptCreate,
  RotationCreate,
  ScrapCreate,
  StockBatch,
  StockQuery,
  WarehouseStock,
} from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { catalogueRepo, type KindRow } from './catalogue.repo.ts';
import { movementsRepo, planFor } from './movements.repo.ts';
import { postMovements, type MovementDraft } from './stock.ledger.ts';
import { stockRepo, type BalanceRow } from './stock.repo.ts';
import { addDays, allocateFefo, expiryOf, isExpired, shanghaiDate } from './supplies.rules.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import { toMovement, toWarehouse } from './supplies.mappers.ts';
import type { WarehousesService } from './warehouses.service.ts';
import { warehousesRepo, type WarehouseRow } from './warehouses.repo.ts';

/**
 * The stock ledger's everyday documents: 验收入库, 出库, 报废, 轮换, and the reads (balances, a warehouse's stock,
 * the movements list). Every write posts through postMovements in one transaction with its audit entry, and
 * announces 'supplies.changed' after commit.
 */
export class StockService {
  constructor(
    private readonly deps: SuppliesDeps,
    private readonly warehouses: WarehousesService,
  ) {}

  today(): string {
    return shanghaiDate(this.deps.clock.now());
  }

  /** The kinds named, or SUPPLY_KIND_NOT_FOUND listing the unknown ones. */
  async kinds(db: Executor, ids: string[]): Promise<Map<string, KindRow>> {
    const unique = [...new Set(ids)];
    const kinds = await catalogueRepo.byIds(db, unique);
    const unknown = unique.filter((id) => !kinds.has(id));
    if (unknown.length > 0) fail('SUPPLY_KIND_NOT_FOUND', { ids: unknown }, `物资品目不存在：${unknown.join('、')}`);
    return kinds;
  }

  /** A received batch's dates, checked: not produced in the future, not expiring before it was produced. */
  batchDates(kind: KindRow, productionDate: string, stated: string | null | undefined, line: number, today = this.today()) {
    const expiryDate = expiryOf(productionDate, stated, kind.shelf_life_days);
    if (productionDate > today || (expiryDate !== null && expiryDate < productionDate)) {
      fail('STOCK_DATE_INVALID', { line, productionDate, expiryDate });
    }
    return { productionDate, expiryDate };
  }

  /** Runs a stock document: its drafts posted, its audit entry written, then the change announced. */
  async post(
    actor: Actor,
    warehouseId: string,
    build: (trx: Executor, warehouse: WarehouseRow) => Promise<{ drafts: MovementDraft[]; action: string; audit: unknown }>,
  ): Promise<Posted> {
    assertCan(actor, 'supplies:edit');
    const { db, audit, clock } = this.deps;
    const { rows, warehouse, kindIds } = await db.kysely.transaction().execute(async (trx) => {
      const warehouse = await this.warehouses.row(trx, actor, warehouseId);
      const { drafts, action, audit: summary } = await build(trx, warehouse);
      const ids = await postMovements(trx, db.dialect, actor, clock.now().toISOString(), drafts);
      const rows = await movementsRepo.byIds(trx, ids);
      await audit.record(trx, actor, {
        action,
        entity: 'warehouse',
        entityId: warehouse.id,
        areaCode: warehouse.area_code,
        after: { ...(summary as object), movementIds: ids },
      });
      return { rows, warehouse, kindIds: [...new Set(drafts.map((d) => d.kindId))] };
    });
    await this.deps.events.publish('supplies.changed', warehouse.area_code, { warehouseId, reason: 'stock', kindIds });
    return { movements: rows.map(toMovement) };
  }

  /** 验收入库: accepted goods, by batch; the expiry follows from the shelf life when not printed on the goods. */
  receive(actor: Actor, input: ReceiptCreate): Promise<Posted> {
    return this.post(actor, input.warehouseId, async (trx, warehouse) => {
      const kinds = await this.kinds(
        trx,
        input.lines.map((l) => l.kindId),
      );
      const drafts = input.lines.map((line, i): MovementDraft => ({
        type: 'receive',
        warehouseId: warehouse.id,
        areaCode: warehouse.area_code,
        kindId: line.kindId,
        batchNo: line.batchNo,
        quantity: line.quantity,
        ...this.batchDates(kinds.get(line.kindId)!, line.productionDate, line.expiryDate, i + 1),
        reference: input.reference,
        reason: input.note,
      }));
      return { drafts, action: 'supplies.receive', audit: input };
    });
  }

  /** The batches of each kind in a warehouse, locked for this transaction, loaded once per kind. */
  private batchCache(trx: Executor, warehouseId: string) {
    const cache = new Map<string, BalanceRow[]>();
    return async (kindId: string) => {
      if (!cache.has(kindId))
        cache.set(kindId, await stockRepo.lockKindInWarehouse(trx, this.deps.db.dialect, warehouseId, kindId));
      return cache.get(kindId)!;
    };
  }

  /** A named batch that must exist (and, for goods leaving for use, must not have expired). */
  private namedBatch(batches: BalanceRow[], batchNo: string, line: number, mustBeFresh: boolean): BalanceRow {
    const batch = batches.find((b) => b.batch_no === batchNo);
    if (!batch) fail('BATCH_NOT_FOUND', { line, batchNo });
    if (mustBeFresh && isExpired(batch.expiry_date, this.today()))
      fail('BATCH_EXPIRED', { line, batchNo, expiryDate: batch.expiry_date });
    return batch;
  }

  /**
   * Outbound drafts for (kind, quantity[, batch]) lines: a named batch, or unexpired batches earliest expiry first.
   * Lines for the same kind draw down the same batches in turn.
   */
  async allocate(
    trx: Executor,
    warehouse: WarehouseRow,
    lines: { kindId: string; quantity: number; batchNo?: string | undefined }[],
    draft: Omit<MovementDraft, 'warehouseId' | 'areaCode' | 'kindId' | 'batchNo' | 'quantity'>,
  ): Promise<MovementDraft[]> {
    await this.kinds(
      trx,
      lines.map((l) => l.kindId),
    );
    const batchesOf = this.batchCache(trx, warehouse.id);
    const taken = new Map<string, number>();
    const drafts: MovementDraft[] = [];
    for (const [i, line] of lines.entries()) {
      const batches = (await batchesOf(line.kindId)).map((b) => ({
        batchNo: b.batch_no,
        expiryDate: b.expiry_date,
        quantity: Number(b.quantity) - (taken.get(`${line.kindId}\u0000${b.batch_no}`) ?? 0),
      }));
      let takes: { batchNo: string; quantity: number }[] | null;
      if (line.batchNo) {
        this.namedBatch(await batchesOf(line.kindId), line.batchNo, i + 1, true);
        takes = [{ batchNo: line.batchNo, quantity: line.quantity }];
      } else {
        takes = allocateFefo(batches, line.quantity, this.today());
        if (!takes) {
          const available = batches.filter((b) => !isExpired(b.expiryDate, this.today())).reduce((n, b) => n + b.quantity, 0);
          fail(
            'STOCK_INSUFFICIENT',
            { line: i + 1, warehouseId: warehouse.id, kindId: line.kindId, available, requested: line.quantity },
            `库存不足：${warehouse.name} 可用 ${available}，需要 ${line.quantity}`,
          );
        }
      }
      for (const take of takes) {
        const key = `${line.kindId}\u0000${take.batchNo}`;
        taken.set(key, (taken.get(key) ?? 0) + take.quantity);
        drafts.push({
          ...draft,
          warehouseId: warehouse.id,
          areaCode: warehouse.area_code,
          kindId: line.kindId,
          batchNo: take.batchNo,
          quantity: -take.quantity,
        });
      }
    }
    return drafts;
  }

  /** 出库 for an incident or a distribution, with its reference. */
  issue(actor: Actor, input: IssueCreate): Promise<Posted> {
    return this.post(actor, input.warehouseId, async (trx, warehouse) => {
      const drafts = await this.allocate(trx, warehouse, input.lines, {
        type: 'issue',
        purpose: input.purpose,
        reference: input.reference,
        reason: input.note,
      });
      return { drafts, action: 'supplies.issue', audit: input };
    });
  }

  /** 报废: named batches written off with a reason (expired goods included). */
  scrap(actor: Actor, input: ScrapCreate): Promise<Posted> {
    return this.post(actor, input.warehouseId, async (trx, warehouse) => {
      await this.kinds(
        trx,
        input.lines.map((l) => l.kindId),
      );
      const batchesOf = this.batchCache(trx, warehouse.id);
      const drafts: MovementDraft[] = [];
      for (const [i, line] of input.lines.entries()) {
        this.namedBatch(await batchesOf(line.kindId), line.batchNo, i + 1, false);
        drafts.push({
          type: 'scrap',
          warehouseId: warehouse.id,
          areaCode: warehouse.area_code,
          kindId: line.kindId,
          batchNo: line.batchNo,
          quantity: -line.quantity,
          reason: input.reason,
        });
      }
      return { drafts, action: 'supplies.scrap', audit: input };
    });
  }

  /** 轮换: the ageing batch out and the fresh batch in, as one document. */
  rotate(actor: Actor, input: RotationCreate): Promise<Posted> {
    return this.post(actor, input.warehouseId, async (trx, warehouse) => {
      const kind = (await this.kinds(trx, [input.kindId])).get(input.kindId)!;
      if (input.out.batchNo === input.in.batchNo)
        fail('BATCH_CONFLICT', { batchNo: input.in.batchNo }, '轮换入库的批次号不能与轮换出库的相同');
      this.namedBatch(await this.batchCache(trx, warehouse.id)(input.kindId), input.out.batchNo, 1, false);
      const base = { warehouseId: warehouse.id, areaCode: warehouse.area_code, kindId: input.kindId, reason: input.reason };
      const drafts: MovementDraft[] = [
        { ...base, type: 'rotate_out', batchNo: input.out.batchNo, quantity: -input.out.quantity },
        {
          ...base,
          type: 'rotate_in',
          batchNo: input.in.batchNo,
          quantity: input.in.quantity,
          ...this.batchDates(kind, input.in.productionDate, input.in.expiryDate, 2),
        },
      ];
      return { drafts, action: 'supplies.rotate', audit: input };
    });
  }

  async movements(actor: Actor, query: MovementQuery): Promise<MovementPage> {
    assertCan(actor, 'supplies:read');
    const { db } = this.deps;
    const { limit, offset, ...filter } = query;
    // A warehouse outside the scope has no rows to show; answer at once rather than scan its ledger for none.
    if (filter.warehouseId && !(await warehousesRepo.byId(db.kysely, actor.areaCode, filter.warehouseId))) {
      return { items: [], total: 0, totalCapped: false, hasMore: false };
    }
    const plan = planFor(filter, actor.areaCode, await warehousesRepo.scopedIds(db.kysely, actor.areaCode));
    if (plan.scopedWarehouses?.length === 0) return { items: [], total: 0, totalCapped: false, hasMore: false };
    const page = await movementsRepo.page(db.kysely, db.dialect, actor.areaCode, filter, plan, limit, offset);
    return { items: page.rows.map(toMovement), total: page.total, totalCapped: page.capped, hasMore: page.hasMore };
  }

  async balances(actor: Actor, query: StockQuery): Promise<{ items: StockBatch[]; total: number }> {
    assertCan(actor, 'supplies:read');
    const db = this.deps.db.kysely;
    const filter = {
      ...query,
      ...(query.expiringWithinDays !== undefined && { expiringBy: addDays(this.today(), query.expiringWithinDays) }),
    };
    const total = await stockRepo
      .balances(db, actor.areaCode, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await stockRepo
      .balances(db, actor.areaCode, filter)
      .select(stockRepo.balanceColumns())
      .orderBy('w.name')
      .orderBy('k.name')
      .orderBy('b.expiry_date')
      .orderBy('b.batch_no')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return {
      total: Number(total.n),
      items: rows.map((r) => ({
        warehouseId: r.warehouse_id,
        warehouseName: r.warehouse_name,
        areaCode: r.area_code,
        kindId: r.kind_id,
        kindName: r.kind_name,
        category: r.category,
        unit: r.unit,
        batchNo: r.batch_no,
        productionDate: r.production_date,
        expiryDate: r.expiry_date,
        quantity: Number(r.quantity),
        updatedAt: r.updated_at,
      })),
    };
  }

  /** One warehouse's stock by kind, with batches, 在途 both ways and its 储备标准. */
  async warehouseStock(actor: Actor, warehouseId: string): Promise<WarehouseStock> {
    assertCan(actor, 'supplies:read');
    const db = this.deps.db.kysely;
    const warehouse = await this.warehouses.row(db, actor, warehouseId);
    const [batches, transit, kinds] = await Promise.all([
      stockRepo
        .balances(db, actor.areaCode, { warehouseId })
        .select(stockRepo.balanceColumns())
        .orderBy('b.expiry_date')
        .execute(),
      stockRepo.inTransit(db, actor.areaCode, warehouseId),
      catalogueRepo.all(db),
    ]);
    const today = this.today();
    const level = warehouse.level;
    const result = kinds
      .map((kind) => {
        const own = batches.filter((b) => b.kind_id === kind.id);
        const onHand = own.reduce((n, b) => n + Number(b.quantity), 0);
        const available = own.filter((b) => !isExpired(b.expiry_date, today)).reduce((n, b) => n + Number(b.quantity), 0);
        const inTransitIn = transit
          .filter((t) => t.to_warehouse_id === warehouseId && t.kind_id === kind.id)
          .reduce((n, t) => n + t.quantity, 0);
        const inTransitOut = transit
          .filter((t) => t.from_warehouse_id === warehouseId && t.kind_id === kind.id)
          .reduce((n, t) => n + t.quantity, 0);
        const standard =
          level === 'county' ? kind.standard_county : level === 'township' ? kind.standard_township : kind.standard_village;
        return {
          kindId: kind.id,
          kindName: kind.name,
          category: kind.category,
          unit: kind.unit,
          onHand,
          available,
          inTransitIn,
          inTransitOut,
          standard,
          batches: own.map((b) => ({
            batchNo: b.batch_no,
            productionDate: b.production_date,
            expiryDate: b.expiry_date,
            quantity: Number(b.quantity),
          })),
        };
      })
      .filter((k) => k.onHand > 0 || k.inTransitIn > 0 || k.inTransitOut > 0 || (k.standard ?? 0) > 0);
    return { warehouse: toWarehouse(warehouse), kinds: result };
  }

  /** 账账相符: compares every balance with the sum of its ledger rows (administrators). */
  async reconcile(actor: Actor) {
    assertCan(actor, 'audit:verify');
    return stockRepo.reconcile(this.deps.db.kysely);
  }
}
