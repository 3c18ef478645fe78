import { randomUUID } from 'node:crypto';
import type { Stocktake, StocktakeCreate } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { inScope } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import { postMovements, type MovementDraft } from './stock.ledger.ts';
import { stockRepo } from './stock.repo.ts';
import type { StockService } from './stock.service.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import type { WarehousesService } from './warehouses.service.ts';

/**
 * 盘点 (000「实行专账管理，确保账物相符」): counted quantities per batch against the book. Every difference is posted
 * as a 盘盈/盘亏 movement carrying its reason, and the count itself is kept, so the book explains every correction.
 */
export class StocktakeService {
  constructor(
    private readonly deps: SuppliesDeps,
    private readonly warehouses: WarehousesService,
    private readonly stock: StockService,
  ) {}

  async record(actor: Actor, input: StocktakeCreate): Promise<Stocktake> {
    assertCan(actor, 'supplies:edit');
    const { db, audit, clock } = this.deps;
    const seen = new Set<string>();
    for (const [i, line] of input.lines.entries()) {
      const key = `${line.kindId}\u0000${line.batchNo}`;
      if (seen.has(key)) fail('VALIDATION_FAILED', { line: i + 1 }, `第 ${i + 1} 行：同一批次重复盘点`);
      seen.add(key);
    }
    const result = await db.kysely.transaction().execute(async (trx) => {
      const warehouse = await this.warehouses.row(trx, actor, input.warehouseId);
      const kinds = await this.stock.kinds(
        trx,
        input.lines.map((l) => l.kindId),
      );
      const at = clock.now().toISOString();
      const id = randomUUID();
      const lines: Stocktake['lines'] = [];
      const drafts: MovementDraft[] = [];
      const books = new Map<string, Awaited<ReturnType<typeof stockRepo.lockKindInWarehouse>>>();
      for (const [i, line] of input.lines.entries()) {
        if (!books.has(line.kindId)) {
          books.set(line.kindId, await stockRepo.lockKindInWarehouse(trx, db.dialect, warehouse.id, line.kindId));
        }
        const row = books.get(line.kindId)!.find((b) => b.batch_no === line.batchNo);
        const book = Number(row?.quantity ?? 0);
        const difference = line.counted - book;
        if (difference !== 0 && !line.reason)
          fail('STOCKTAKE_REASON_REQUIRED', { line: i + 1, batchNo: line.batchNo, book, counted: line.counted });
        const kind = kinds.get(line.kindId)!;
        lines.push({
          kindId: kind.id,
          kindName: kind.name,
          batchNo: line.batchNo,
          book,
          counted: line.counted,
          difference,
          reason: line.reason,
        });
        if (difference === 0) continue;
        // A batch found on the shelf but not on the book enters with the dates read off the goods.
        const dates = row || !line.productionDate ? {} : this.stock.batchDates(kind, line.productionDate, line.expiryDate, i + 1);
        drafts.push({
          type: difference > 0 ? 'stocktake_gain' : 'stocktake_loss',
          warehouseId: warehouse.id,
          areaCode: warehouse.area_code,
          kindId: kind.id,
          batchNo: line.batchNo,
          quantity: difference,
          stocktakeId: id,
          reason: line.reason,
          ...dates,
        });
      }
      const ids = await postMovements(trx, db.dialect, actor, at, drafts);
      await trx
        .insertInto('supply_stocktakes')
        .values({
          id,
          warehouse_id: warehouse.id,
          area_code: warehouse.area_code,
          at,
          actor_name: actor.username,
          note: input.note,
          lines: JSON.stringify(lines),
        })
        .execute();
      const stocktake: Stocktake = { id, warehouseId: warehouse.id, at, actorName: actor.username, note: input.note, lines };
      await audit.record(trx, actor, {
        action: 'supplies.stocktake',
        entity: 'warehouse',
        entityId: warehouse.id,
        areaCode: warehouse.area_code,
        after: { ...stocktake, movementIds: ids },
      });
      return { stocktake, areaCode: warehouse.area_code, kindIds: [...new Set(drafts.map((d) => d.kindId))] };
    });
    if (result.kindIds.length > 0) {
      await this.deps.events.publish('supplies.changed', result.areaCode, {
        warehouseId: input.warehouseId,
        reason: 'stock',
        kindIds: result.kindIds,
      });
    }
    return result.stocktake;
  }

  async list(actor: Actor, warehouseId: string): Promise<Stocktake[]> {
    assertCan(actor, 'supplies:read');
    await this.warehouses.row(this.deps.db.kysely, actor, warehouseId);
    const rows = await this.deps.db.kysely
      .selectFrom('supply_stocktakes')
      .selectAll()
      .where((eb) => inScope(eb, 'supply_stocktakes.area_code', actor.areaCode))
      .where('warehouse_id', '=', warehouseId)
      .orderBy('at', 'desc')
      .limit(50)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      warehouseId: r.warehouse_id,
      at: r.at,
      actorName: r.actor_name,
      note: r.note,
      lines: JSON.parse(r.lines) as Stocktake['lines'],
    }));
  }
}
