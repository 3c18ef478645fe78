import type { IssuePurpose } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { postMovements, type MovementDraft } from './stock.ledger.ts';
import type { StockService } from './stock.service.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import { warehousesRepo } from './warehouses.repo.ts';

/** One line of a bulk posting: a whole batch named, as Excel imports and bulk distributions list them. */
export interface BulkLine {
  type: 'receive' | 'issue' | 'scrap';
  warehouseId: string;
  kindId: string;
  batchNo: string;
  /** Positive; the type gives the direction. */
  quantity: number;
  productionDate?: string;
  expiryDate?: string | null;
  purpose?: IssuePurpose;
  reference?: string | null;
  reason?: string | null;
}

export interface BulkResult {
  posted: number;
  firstId: number | null;
  lastId: number | null;
  warehouseIds: string[];
}

/**
 * Many movements in one transaction, each checked against the running balance as postMovements does: the API for
 * Excel imports of inbound batches and for bulk distributions. One audit entry for the whole posting by default, or
 * one per line (`auditEach`, what an import does).
 */
export class BulkStockService {
  constructor(
    private readonly deps: SuppliesDeps,
    private readonly stock: StockService,
  ) {}

  async post(actor: Actor, lines: BulkLine[], options: { auditEach?: boolean; action?: string } = {}): Promise<BulkResult> {
    const result = await this.deps.db.kysely.transaction().execute((trx) => this.postIn(trx, actor, lines, options));
    for (const warehouseId of result.warehouseIds) {
      const warehouse = await warehousesRepo.byIdAnyScope(this.deps.db.kysely, warehouseId);
      if (warehouse)
        await this.deps.events.publish('supplies.changed', warehouse.area_code, { warehouseId, reason: 'stock', kindIds: [] });
    }
    return result;
  }

  /** Inside the caller's transaction; the caller publishes 'supplies.changed' after commit. */
  async postIn(
    trx: Executor,
    actor: Actor,
    lines: BulkLine[],
    options: { auditEach?: boolean; action?: string } = {},
  ): Promise<BulkResult> {
    assertCan(actor, 'supplies:edit');
    const warehouseIds = [...new Set(lines.map((l) => l.warehouseId))];
    const warehouses = await warehousesRepo.byIds(trx, actor.areaCode, warehouseIds);
    const kinds = await this.stock.kinds(
      trx,
      lines.map((l) => l.kindId),
    );
    const today = this.stock.today();
    const drafts = lines.map((line, i): MovementDraft => {
      const warehouse = warehouses.get(line.warehouseId);
      if (!warehouse) fail('WAREHOUSE_NOT_FOUND', { line: i + 1, id: line.warehouseId });
      if (!Number.isInteger(line.quantity) || line.quantity <= 0) fail('VALIDATION_FAILED', { line: i + 1 }, '数量必须是正整数');
      const base = { warehouseId: warehouse.id, areaCode: warehouse.area_code, kindId: line.kindId, batchNo: line.batchNo };
      if (line.type === 'receive') {
        if (!line.productionDate) fail('STOCK_DATE_INVALID', { line: i + 1 }, '入库须填写生产日期');
        const dates = this.stock.batchDates(kinds.get(line.kindId)!, line.productionDate, line.expiryDate, i + 1, today);
        return {
          ...base,
          type: 'receive',
          quantity: line.quantity,
          ...dates,
          reference: line.reference ?? null,
          reason: line.reason ?? null,
        };
      }
      if (line.type === 'issue') {
        return {
          ...base,
          type: 'issue',
          quantity: -line.quantity,
          purpose: line.purpose ?? 'distribution',
          reference: line.reference ?? null,
          reason: line.reason ?? null,
          refuseExpiredBefore: today,
        };
      }
      return { ...base, type: 'scrap', quantity: -line.quantity, reason: line.reason ?? null };
    });
    const ids = await postMovements(trx, this.deps.db.dialect, actor, this.deps.clock.now().toISOString(), drafts);
    const action = options.action ?? 'supplies.bulk';
    if (options.auditEach) {
      for (const [i, line] of lines.entries()) {
        const warehouse = warehouses.get(line.warehouseId)!;
        await this.deps.audit.record(trx, actor, {
          action,
          entity: 'warehouse',
          entityId: warehouse.id,
          areaCode: warehouse.area_code,
          after: { ...line, movementId: ids[i] },
        });
      }
    } else {
      await this.deps.audit.record(trx, actor, {
        action,
        entity: 'warehouse',
        entityId: warehouseIds.length === 1 ? warehouseIds[0]! : 'many',
        areaCode: warehouseIds.length === 1 ? warehouses.get(warehouseIds[0]!)!.area_code : actor.areaCode || null,
        after: { lines: lines.length, firstMovementId: ids[0] ?? null, lastMovementId: ids.at(-1) ?? null, warehouseIds },
      });
    }
    return { posted: ids.length, firstId: ids[0] ?? null, lastId: ids.at(-1) ?? null, warehouseIds };
  }
}
