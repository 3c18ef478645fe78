import type { IssuePurpose, MovementType } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Dialect } from '../../platform/db/database.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { stockRepo, type BalanceKey, type BalanceRow } from './stock.repo.ts';

/** One movement to post: a signed quantity of one batch of one kind in one warehouse. */
export interface MovementDraft {
  type: MovementType;
  warehouseId: string;
  /** The warehouse's managing area: the scope key copied onto the ledger row. */
  areaCode: string;
  kindId: string;
  batchNo: string;
  /** Positive into the warehouse, negative out of it; never zero. */
  quantity: number;
  /** For movements into a batch: its dates, which must agree with the batch's if it exists already. */
  productionDate?: string | null;
  expiryDate?: string | null;
  purpose?: IssuePurpose | null;
  reference?: string | null;
  transferId?: string | null;
  stocktakeId?: string | null;
  reason?: string | null;
  /** Goods leaving for use: refuse a batch that expired before this date (Asia/Shanghai). */
  refuseExpiredBefore?: string;
}

const keyOf = (k: BalanceKey) => `${k.warehouseId}\u0000${k.kindId}\u0000${k.batchNo}`;

/**
 * Posts movements in the caller's transaction: the only code that changes stock. Each movement is checked in
 * order against the running balance of its batch (so a batch of movements can never drive any balance below zero,
 * not even in between), appended to the ledger with the balance after it, and the balance rows are moved by the
 * same amounts in the same transaction. Throws (and the caller's transaction rolls back) on the first bad movement.
 * Returns the ids of the new ledger rows, in order.
 */
export async function postMovements(
  trx: Executor,
  dialect: Dialect,
  actor: Actor,
  at: string,
  drafts: MovementDraft[],
): Promise<number[]> {
  if (drafts.length === 0) return [];
  const keys = new Map<string, BalanceKey>();
  for (const d of drafts) {
    if (!Number.isInteger(d.quantity) || d.quantity === 0)
      fail('VALIDATION_FAILED', { quantity: d.quantity }, '数量必须是非零整数');
    keys.set(keyOf(d), { warehouseId: d.warehouseId, kindId: d.kindId, batchNo: d.batchNo });
  }
  const sortedKeys = [...keys.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = new Map<string, BalanceRow>();
  for (const row of await stockRepo.lockBalances(
    trx,
    dialect,
    sortedKeys.map(([, k]) => k),
  )) {
    rows.set(keyOf({ warehouseId: row.warehouse_id, kindId: row.kind_id, batchNo: row.batch_no }), row);
  }

  // Batches that do not exist yet and that something flows into: create them at zero, then lock them too.
  const firstInflow = new Map<string, MovementDraft>();
  for (const d of drafts) if (d.quantity > 0 && !rows.has(keyOf(d)) && !firstInflow.has(keyOf(d))) firstInflow.set(keyOf(d), d);
  if (firstInflow.size > 0) {
    const fresh = [...firstInflow.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
    await stockRepo.insertEmptyBalances(
      trx,
      fresh.map((d) => ({
        warehouse_id: d.warehouseId,
        kind_id: d.kindId,
        batch_no: d.batchNo,
        area_code: d.areaCode,
        production_date: d.productionDate ?? null,
        expiry_date: d.expiryDate ?? null,
        quantity: 0,
        updated_at: at,
      })),
    );
    for (const row of await stockRepo.lockBalances(trx, dialect, fresh)) {
      rows.set(keyOf({ warehouseId: row.warehouse_id, kindId: row.kind_id, batchNo: row.batch_no }), row);
    }
  }

  const running = new Map<string, number>();
  const net = new Map<string, number>();
  const ledgerRows = drafts.map((d, index) => {
    const key = keyOf(d);
    const row = rows.get(key);
    const before = running.get(key) ?? Number(row?.quantity ?? 0);
    if (d.quantity > 0 && row) {
      const clash =
        (d.productionDate !== undefined && d.productionDate !== row.production_date) ||
        (d.expiryDate !== undefined && d.expiryDate !== row.expiry_date);
      if (clash) {
        fail('BATCH_CONFLICT', {
          line: index + 1,
          batchNo: d.batchNo,
          existing: { productionDate: row.production_date, expiryDate: row.expiry_date },
          given: { productionDate: d.productionDate, expiryDate: d.expiryDate },
        });
      }
    }
    if (d.quantity < 0 && d.refuseExpiredBefore && row?.expiry_date && row.expiry_date < d.refuseExpiredBefore) {
      fail('BATCH_EXPIRED', { line: index + 1, batchNo: d.batchNo, expiryDate: row.expiry_date });
    }
    const after = before + d.quantity;
    if (!row || after < 0) {
      fail(
        'STOCK_INSUFFICIENT',
        {
          line: index + 1,
          warehouseId: d.warehouseId,
          kindId: d.kindId,
          batchNo: d.batchNo,
          available: before,
          requested: -d.quantity,
        },
        `库存不足：批次 ${d.batchNo} 现有 ${before}，需要 ${-d.quantity}`,
      );
    }
    running.set(key, after);
    net.set(key, (net.get(key) ?? 0) + d.quantity);
    return {
      at,
      type: d.type,
      warehouse_id: d.warehouseId,
      area_code: d.areaCode,
      kind_id: d.kindId,
      batch_no: d.batchNo,
      quantity: d.quantity,
      balance_after: after,
      purpose: d.purpose ?? null,
      reference: d.reference ?? null,
      transfer_id: d.transferId ?? null,
      stocktake_id: d.stocktakeId ?? null,
      reason: d.reason ?? null,
      actor_id: actor.userId,
      actor_name: actor.username,
    };
  });

  const ids = await stockRepo.insertMovements(trx, dialect, ledgerRows);
  const deltas = [...net.entries()].filter(([, delta]) => delta !== 0).map(([key, delta]) => ({ ...keys.get(key)!, delta }));
  const moved = await stockRepo.applyDeltas(trx, dialect, deltas, at);
  // Unreachable while rows are locked; if it ever happens, refuse rather than oversell.
  if (moved !== deltas.length) fail('STOCK_INSUFFICIENT', { expected: deltas.length, moved });
  return ids;
}
