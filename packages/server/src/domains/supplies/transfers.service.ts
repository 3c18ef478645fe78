import { randomUUID } from 'node:crypto';
import type { Transfer, TransferCreate, TransferDecision, TransferQuery, TransferState } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope, isWithin } from '../../platform/access/scope.ts';
import type { Updateable } from 'kysely';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { catalogueRepo } from './catalogue.repo.ts';
import { postMovements, type MovementDraft } from './stock.ledger.ts';
import { stockRepo } from './stock.repo.ts';
import type { StockService } from './stock.service.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import { isExpired } from './supplies.rules.ts';
import type { SupplyTransfersTable } from './supplies.tables.ts';
import { transfersRepo, type TransferRow } from './transfers.repo.ts';
import { warehousesRepo } from './warehouses.repo.ts';

type Step = 'approve' | 'reject' | 'ship' | 'receive' | 'cancel';

/**
 * 调拨/移库 between warehouses (WF-06「动用申请 → 动用决策与指令下达 → 出库 → … → 接收」): requested by a keeper of
 * either end, approved or rejected by another person holding 'supplies:approve' over the source, shipped by the
 * source (its stock leaves the balance and is 在途, visible on both ends), received by the destination.
 */
export class TransfersService {
  constructor(
    private readonly deps: SuppliesDeps,
    private readonly stock: StockService,
  ) {}

  async list(actor: Actor, query: TransferQuery): Promise<{ items: Transfer[]; total: number }> {
    assertCan(actor, 'supplies:read');
    const { rows, total } = await transfersRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: await this.view(this.deps.db.kysely, rows), total };
  }

  async get(actor: Actor, id: string): Promise<Transfer> {
    assertCan(actor, 'supplies:read');
    const db = this.deps.db.kysely;
    return (await this.view(db, [await this.row(db, actor, id)]))[0]!;
  }

  private async row(db: Executor, actor: Actor, id: string): Promise<TransferRow> {
    const row = await transfersRepo.byId(db, actor.areaCode, id);
    if (!row) fail('TRANSFER_NOT_FOUND', { id });
    return row;
  }

  async request(actor: Actor, input: TransferCreate): Promise<Transfer> {
    assertCan(actor, 'supplies:edit');
    if (input.fromWarehouseId === input.toWarehouseId) fail('TRANSFER_SAME_WAREHOUSE', { warehouseId: input.fromWarehouseId });
    const { db, audit, clock } = this.deps;
    const created = await db.kysely.transaction().execute(async (trx) => {
      const from = await warehousesRepo.byIdAnyScope(trx, input.fromWarehouseId);
      const to = await warehousesRepo.byIdAnyScope(trx, input.toWarehouseId);
      if (!from) fail('WAREHOUSE_NOT_FOUND', { id: input.fromWarehouseId });
      if (!to) fail('WAREHOUSE_NOT_FOUND', { id: input.toWarehouseId });
      // A keeper of either end may ask: a township asks the county for stock, the county sends stock down.
      if (!isWithin(from.area_code, actor.areaCode) && !isWithin(to.area_code, actor.areaCode)) {
        fail('WAREHOUSE_NOT_FOUND', { id: input.fromWarehouseId });
      }
      await this.stock.kinds(
        trx,
        input.lines.map((l) => l.kindId),
      );
      const now = clock.now().toISOString();
      const id = randomUUID();
      await transfersRepo.insert(trx, {
        id,
        from_warehouse_id: from.id,
        to_warehouse_id: to.id,
        from_area_code: from.area_code,
        to_area_code: to.area_code,
        state: 'requested',
        reason: input.reason,
        lines: JSON.stringify(input.lines),
        requested_by_id: actor.userId,
        requested_by: actor.username,
        requested_at: now,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        shipped_by: null,
        shipped_at: null,
        received_by: null,
        received_at: null,
        updated_at: now,
      });
      const row = (await transfersRepo.byId(trx, actor.areaCode, id))!;
      await audit.record(trx, actor, {
        action: 'supplies.transfer_request',
        entity: 'supply_transfer',
        entityId: id,
        areaCode: from.area_code,
        after: input,
      });
      return row;
    });
    await this.announce(created, 'requested', false);
    return (await this.view(db.kysely, [created]))[0]!;
  }

  approve(actor: Actor, id: string, decision: TransferDecision): Promise<Transfer> {
    return this.step(actor, id, 'approve', async (trx, row, now) => {
      if (row.requested_by_id === actor.userId) fail('TRANSFER_SELF_APPROVAL', { id });
      // Approving what the source cannot send would only fail at shipping; say so now (nothing is reserved yet).
      const today = this.stock.today();
      for (const line of JSON.parse(row.lines) as { kindId: string; quantity: number }[]) {
        const batches = await stockRepo.lockKindInWarehouse(trx, this.deps.db.dialect, row.from_warehouse_id, line.kindId);
        const available = batches.filter((b) => !isExpired(b.expiry_date, today)).reduce((n, b) => n + Number(b.quantity), 0);
        if (available < line.quantity) fail('STOCK_INSUFFICIENT', { kindId: line.kindId, available, requested: line.quantity });
      }
      return { state: 'approved', decided_by: actor.username, decided_at: now, decision_note: decision.note };
    });
  }

  reject(actor: Actor, id: string, decision: TransferDecision): Promise<Transfer> {
    return this.step(actor, id, 'reject', async (_trx, row, now) => {
      if (row.requested_by_id === actor.userId) fail('TRANSFER_SELF_APPROVAL', { id });
      return { state: 'rejected', decided_by: actor.username, decided_at: now, decision_note: decision.note };
    });
  }

  /** Out of the source, earliest expiry first: the stock leaves the balance and is in transit under this transfer. */
  ship(actor: Actor, id: string): Promise<Transfer> {
    return this.step(actor, id, 'ship', async (trx, row, now) => {
      const source = (await warehousesRepo.byIdAnyScope(trx, row.from_warehouse_id))!;
      const drafts = await this.stock.allocate(trx, source, JSON.parse(row.lines), {
        type: 'transfer_out',
        transferId: row.id,
        reason: row.reason,
      });
      await postMovements(trx, this.deps.db.dialect, actor, now, drafts);
      const batches = await stockRepo.lockBalances(trx, this.deps.db.dialect, drafts);
      const dates = new Map(batches.map((b) => [`${b.kind_id}\u0000${b.batch_no}`, b]));
      await transfersRepo.insertItems(
        trx,
        drafts.map((d) => ({
          transfer_id: row.id,
          kind_id: d.kindId,
          batch_no: d.batchNo,
          production_date: dates.get(`${d.kindId}\u0000${d.batchNo}`)?.production_date ?? null,
          expiry_date: dates.get(`${d.kindId}\u0000${d.batchNo}`)?.expiry_date ?? null,
          quantity: -d.quantity,
        })),
      );
      return { state: 'shipped', shipped_by: actor.username, shipped_at: now };
    });
  }

  /** Into the destination, batch by batch as shipped, with the batches' dates. */
  receive(actor: Actor, id: string): Promise<Transfer> {
    return this.step(actor, id, 'receive', async (trx, row, now) => {
      const destination = (await warehousesRepo.byIdAnyScope(trx, row.to_warehouse_id))!;
      const items = await transfersRepo.items(trx, [row.id]);
      const drafts: MovementDraft[] = items.map((item) => ({
        type: 'transfer_in',
        warehouseId: destination.id,
        areaCode: destination.area_code,
        kindId: item.kind_id,
        batchNo: item.batch_no,
        quantity: Number(item.quantity),
        productionDate: item.production_date,
        expiryDate: item.expiry_date,
        transferId: row.id,
        reason: row.reason,
      }));
      await postMovements(trx, this.deps.db.dialect, actor, now, drafts);
      return { state: 'received', received_by: actor.username, received_at: now };
    });
  }

  cancel(actor: Actor, id: string): Promise<Transfer> {
    return this.step(actor, id, 'cancel', async () => ({ state: 'cancelled' }));
  }

  /** Who may take each step, over which end, from which states. */
  private static readonly STEPS: Record<
    Step,
    { permission: 'supplies:approve' | 'supplies:edit'; end: 'from' | 'to' | 'either'; from: TransferState[]; moves: boolean }
  > = {
    approve: { permission: 'supplies:approve', end: 'from', from: ['requested'], moves: false },
    reject: { permission: 'supplies:approve', end: 'from', from: ['requested'], moves: false },
    ship: { permission: 'supplies:edit', end: 'from', from: ['approved'], moves: true },
    receive: { permission: 'supplies:edit', end: 'to', from: ['shipped'], moves: true },
    cancel: { permission: 'supplies:edit', end: 'either', from: ['requested', 'approved'], moves: false },
  };

  private async step(
    actor: Actor,
    id: string,
    step: Step,
    apply: (trx: Executor, row: TransferRow, now: string) => Promise<Updateable<SupplyTransfersTable> & { state: TransferState }>,
  ): Promise<Transfer> {
    const rule = TransfersService.STEPS[step];
    assertCan(actor, rule.permission);
    const { db, audit, clock } = this.deps;
    const after = await db.kysely.transaction().execute(async (trx) => {
      const row = await this.row(trx, actor, id);
      if (rule.end === 'from') assertWithinScope(actor, row.from_area_code);
      if (rule.end === 'to') assertWithinScope(actor, row.to_area_code);
      if (!rule.from.includes(row.state)) fail('TRANSFER_STATE_INVALID', { id, state: row.state, step });
      const now = clock.now().toISOString();
      const changes = { ...(await apply(trx, row, now)), updated_at: now };
      if (!(await transfersRepo.advance(trx, id, rule.from, changes))) fail('TRANSFER_STATE_INVALID', { id, step });
      const updated = (await transfersRepo.byId(trx, actor.areaCode, id))!;
      await audit.record(trx, actor, {
        action: `supplies.transfer_${step}`,
        entity: 'supply_transfer',
        entityId: id,
        areaCode: row.from_area_code,
        before: { state: row.state },
        after: { state: updated.state, note: updated.decision_note },
      });
      return updated;
    });
    await this.announce(after, after.state, rule.moves);
    return (await this.view(db.kysely, [after]))[0]!;
  }

  /** Both ends hear of every step; stock changes go out as 'supplies.changed' for the warehouse that moved. */
  private async announce(row: TransferRow, state: TransferState, moved: boolean): Promise<void> {
    const data = { id: row.id, state, fromWarehouseId: row.from_warehouse_id, toWarehouseId: row.to_warehouse_id };
    const areas = new Set([row.from_area_code, row.to_area_code]);
    for (const area of areas) await this.deps.events.publish('supplies.transfer_changed', area, data);
    if (!moved) return;
    const kindIds = (JSON.parse(row.lines) as { kindId: string }[]).map((l) => l.kindId);
    const [warehouseId, areaCode] =
      state === 'shipped' ? [row.from_warehouse_id, row.from_area_code] : [row.to_warehouse_id, row.to_area_code];
    await this.deps.events.publish('supplies.changed', areaCode, { warehouseId, reason: 'stock', kindIds });
  }

  private async view(db: Executor, rows: TransferRow[]): Promise<Transfer[]> {
    const [kinds, items] = await Promise.all([
      catalogueRepo.all(db),
      transfersRepo.items(
        db,
        rows.map((r) => r.id),
      ),
    ]);
    const kind = new Map(kinds.map((k) => [k.id, k]));
    return rows.map((row) => ({
      id: row.id,
      fromWarehouseId: row.from_warehouse_id,
      fromWarehouseName: row.from_name,
      toWarehouseId: row.to_warehouse_id,
      toWarehouseName: row.to_name,
      state: row.state,
      reason: row.reason,
      lines: (JSON.parse(row.lines) as { kindId: string; quantity: number }[]).map((l) => ({
        kindId: l.kindId,
        kindName: kind.get(l.kindId)?.name ?? l.kindId,
        unit: kind.get(l.kindId)?.unit ?? '',
        quantity: l.quantity,
      })),
      shipped: items
        .filter((i) => i.transfer_id === row.id)
        .map((i) => ({
          kindId: i.kind_id,
          batchNo: i.batch_no,
          productionDate: i.production_date,
          expiryDate: i.expiry_date,
          quantity: Number(i.quantity),
        })),
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
      decisionNote: row.decision_note,
      shippedBy: row.shipped_by,
      shippedAt: row.shipped_at,
      receivedBy: row.received_by,
      receivedAt: row.received_at,
    }));
  }
}
