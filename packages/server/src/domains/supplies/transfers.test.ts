import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { JITIAN, YONGHE, makeWarehouse, receive, stockOf } from './supplies.test-support.ts';

describe.each(DIALECTS)('supplies transfers (调拨) on %s', (dialect) => {
  let env: TestEnv;
  let zhiban: ApiClient;
  let lingdao: ApiClient;
  let yonghe: ApiClient;
  let jitian: ApiClient;
  let countyDepot: string;
  let yongheDepot: string;
  let jitianDepot: string;

  beforeAll(async () => {
    env = await testEnv(dialect);
    zhiban = await env.login('zhiban');
    lingdao = await env.login('lingdao');
    yonghe = await env.login('yonghe');
    jitian = await env.login('jitian');
    countyDepot = await makeWarehouse(zhiban, JITIAN, 'county', '测试县级储备库');
    yongheDepot = await makeWarehouse(yonghe, YONGHE, 'township', '测试永和镇储备库');
    jitianDepot = await makeWarehouse(jitian, JITIAN, 'township', '测试吉田镇储备库');
    await receive(zhiban, countyDepot, 'relief-tent', 'T-1', 30, { productionDate: '2025-05-01' });
    await receive(zhiban, countyDepot, 'relief-tent', 'T-2', 30, { productionDate: '2026-05-01' });
  });
  afterAll(() => env.close());

  it('runs request → approval by another person → ship (在途, visible both ends) → receive', async () => {
    const events: BusEvent[] = [];
    const unsubscribe = env.platform.events.subscribe((e) => events.push(e));
    const requested = await yonghe.post('/api/supplies/transfers', {
      fromWarehouseId: countyDepot,
      toWarehouseId: yongheDepot,
      reason: '汛期前预置帐篷',
      lines: [{ kindId: 'relief-tent', quantity: 40 }],
    });
    expect(requested.statusCode).toBe(201);
    const id = requested.json().id as string;
    expect(requested.json()).toMatchObject({
      state: 'requested',
      requestedBy: 'yonghe',
      fromWarehouseName: '测试县级储备库',
      toWarehouseName: '测试永和镇储备库',
    });

    // The requester cannot ship or receive what nobody approved; a township cannot approve county stock.
    expect((await zhiban.post(`/api/supplies/transfers/${id}/ship`)).json().code).toBe('TRANSFER_STATE_INVALID');
    expect((await yonghe.post(`/api/supplies/transfers/${id}/approve`, {})).json().code).toBe('FORBIDDEN');

    const approved = await lingdao.post(`/api/supplies/transfers/${id}/approve`, { note: '同意，尽快发运' });
    expect(approved.json()).toMatchObject({ state: 'approved', decidedBy: 'lingdao', decisionNote: '同意，尽快发运' });
    expect((await lingdao.post(`/api/supplies/transfers/${id}/approve`, {})).json().code).toBe('TRANSFER_STATE_INVALID');

    const shipped = await zhiban.post(`/api/supplies/transfers/${id}/ship`);
    expect(shipped.json().state).toBe('shipped');
    // Earliest expiry first would pick either: neither expires, so by batch number.
    expect(shipped.json().shipped.map((s: { batchNo: string; quantity: number }) => [s.batchNo, s.quantity])).toEqual([
      ['T-1', 30],
      ['T-2', 10],
    ]);
    expect(await stockOf(zhiban, countyDepot, 'relief-tent')).toMatchObject({ onHand: 20, inTransitOut: 40 });
    expect(await stockOf(yonghe, yongheDepot, 'relief-tent')).toMatchObject({ onHand: 0, inTransitIn: 40 });
    // The receiving township cannot act for the sending county.
    expect((await yonghe.post(`/api/supplies/transfers/${id}/ship`)).json().code).toBe('OUT_OF_SCOPE');

    const received = await yonghe.post(`/api/supplies/transfers/${id}/receive`);
    expect(received.json()).toMatchObject({ state: 'received', receivedBy: 'yonghe' });
    expect(await stockOf(yonghe, yongheDepot, 'relief-tent')).toMatchObject({ onHand: 40, inTransitIn: 0 });
    const batches = (await yonghe.get(`/api/supplies/stock?warehouseId=${yongheDepot}`)).json().items;
    expect(
      batches.map((b: { batchNo: string; productionDate: string; quantity: number }) => [
        b.batchNo,
        b.productionDate,
        b.quantity,
      ]),
    ).toEqual([
      ['T-1', '2025-05-01', 30],
      ['T-2', '2026-05-01', 10],
    ]);
    const ledger = (await zhiban.get(`/api/supplies/movements?reference=&type=transfer_out&warehouseId=${countyDepot}`)).json();
    expect(ledger.items.every((m: { transferId: string }) => m.transferId === id)).toBe(true);
    unsubscribe();
    expect(
      events.filter((e) => e.type === 'supplies.transfer_changed').map((e) => (e.data as { state: string }).state),
    ).toContain('shipped');
    expect(
      events.some((e) => e.type === 'supplies.changed' && (e.data as { warehouseId: string }).warehouseId === yongheDepot),
    ).toBe(true);
  });

  it('refuses self-approval: the approver must be another person', async () => {
    const own = await zhiban.post('/api/supplies/transfers', {
      fromWarehouseId: countyDepot,
      toWarehouseId: jitianDepot,
      reason: '调剂',
      lines: [{ kindId: 'relief-tent', quantity: 5 }],
    });
    const res = await zhiban.post(`/api/supplies/transfers/${own.json().id}/approve`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('TRANSFER_SELF_APPROVAL');
    const rejected = await lingdao.post(`/api/supplies/transfers/${own.json().id}/reject`, { note: '吉田镇库存充足' });
    expect(rejected.json()).toMatchObject({ state: 'rejected', decisionNote: '吉田镇库存充足' });
    expect((await zhiban.post(`/api/supplies/transfers/${own.json().id}/ship`)).json().code).toBe('TRANSFER_STATE_INVALID');
  });

  it('refuses a transfer to the same warehouse, beyond stock, or of an unknown kind, writing nothing', async () => {
    const before = (await zhiban.get('/api/supplies/transfers?limit=500')).json().total;
    const same = await zhiban.post('/api/supplies/transfers', {
      fromWarehouseId: countyDepot,
      toWarehouseId: countyDepot,
      reason: 'x',
      lines: [{ kindId: 'relief-tent', quantity: 1 }],
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().code).toBe('TRANSFER_SAME_WAREHOUSE');
    const unknown = await zhiban.post('/api/supplies/transfers', {
      fromWarehouseId: countyDepot,
      toWarehouseId: jitianDepot,
      reason: 'x',
      lines: [{ kindId: 'unicorn', quantity: 1 }],
    });
    expect(unknown.json().code).toBe('SUPPLY_KIND_NOT_FOUND');
    const negative = await zhiban.post('/api/supplies/transfers', {
      fromWarehouseId: countyDepot,
      toWarehouseId: jitianDepot,
      reason: 'x',
      lines: [{ kindId: 'relief-tent', quantity: -1 }],
    });
    expect(negative.json().code).toBe('VALIDATION_FAILED');
    expect((await zhiban.get('/api/supplies/transfers?limit=500')).json().total).toBe(before);
    const big = await zhiban.post('/api/supplies/transfers', {
      fromWarehouseId: countyDepot,
      toWarehouseId: jitianDepot,
      reason: '大量调拨',
      lines: [{ kindId: 'relief-tent', quantity: 500 }],
    });
    expect(big.statusCode).toBe(201);
    const approve = await lingdao.post(`/api/supplies/transfers/${big.json().id}/approve`, {});
    expect(approve.statusCode).toBe(409);
    expect(approve.json().code).toBe('STOCK_INSUFFICIENT');
    expect((await zhiban.get(`/api/supplies/transfers/${big.json().id}`)).json().state).toBe('requested');
    expect((await zhiban.post(`/api/supplies/transfers/${big.json().id}/cancel`)).json().state).toBe('cancelled');
  });

  it('never lets 永和镇 see or act on a transfer between the county and 吉田镇', async () => {
    const t = await zhiban.post('/api/supplies/transfers', {
      fromWarehouseId: countyDepot,
      toWarehouseId: jitianDepot,
      reason: '调剂',
      lines: [{ kindId: 'relief-tent', quantity: 2 }],
    });
    const id = t.json().id as string;
    for (const res of [
      await yonghe.get(`/api/supplies/transfers/${id}`),
      await yonghe.post(`/api/supplies/transfers/${id}/cancel`),
      await yonghe.post(`/api/supplies/transfers/${id}/receive`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('TRANSFER_NOT_FOUND');
    }
    expect((await yonghe.get('/api/supplies/transfers?limit=500')).json().items.some((x: { id: string }) => x.id === id)).toBe(
      false,
    );
    // A request between two warehouses it cannot see is refused as if they did not exist.
    const foreign = await yonghe.post('/api/supplies/transfers', {
      fromWarehouseId: countyDepot,
      toWarehouseId: jitianDepot,
      reason: 'x',
      lines: [{ kindId: 'relief-tent', quantity: 1 }],
    });
    expect(foreign.json().code).toBe('WAREHOUSE_NOT_FOUND');
    // 吉田镇 sees its incoming transfer but cannot approve it (no approval right) nor ship from the county.
    expect((await jitian.get(`/api/supplies/transfers/${id}`)).json().state).toBe('requested');
    expect((await jitian.post(`/api/supplies/transfers/${id}/approve`, {})).json().code).toBe('FORBIDDEN');
    await lingdao.post(`/api/supplies/transfers/${id}/approve`, {});
    expect((await jitian.post(`/api/supplies/transfers/${id}/ship`)).json().code).toBe('OUT_OF_SCOPE');
  });
});
