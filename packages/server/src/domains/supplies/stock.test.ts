import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { JITIAN, YONGHE, makeWarehouse, receive, stockOf } from './supplies.test-support.ts';

describe.each(DIALECTS)('supplies stock ledger on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let admin: ApiClient;
  let depot: string;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    admin = await env.login('admin');
    depot = await makeWarehouse(yonghe, YONGHE, 'township');
  });
  afterAll(() => env.close());

  const ledgerCount = async (warehouseId: string) =>
    (await county.get(`/api/supplies/movements?warehouseId=${warehouseId}`)).json().total as number;
  const auditCount = async () => (await admin.get('/api/audit?limit=1')).json().total as number;

  it('receives batches (验收入库) with dates, deriving the expiry from the shelf life', async () => {
    const res = await yonghe.post('/api/supplies/receipts', {
      warehouseId: depot,
      reference: 'CG-2026-015',
      lines: [
        { kindId: 'instant-food', batchNo: 'F-2026-01', productionDate: '2026-01-10', quantity: 40 },
        { kindId: 'relief-tent', batchNo: 'T-2025-09', productionDate: '2025-09-01', quantity: 12 },
        { kindId: 'instant-food', batchNo: 'F-2026-03', productionDate: '2026-03-01', expiryDate: '2026-12-31', quantity: 25 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const movements = res.json().movements;
    expect(
      movements.map((m: { type: string; quantity: number; balanceAfter: number }) => [m.type, m.quantity, m.balanceAfter]),
    ).toEqual([
      ['receive', 40, 40],
      ['receive', 12, 12],
      ['receive', 25, 25],
    ]);
    const batches = (await yonghe.get(`/api/supplies/stock?warehouseId=${depot}&kindId=instant-food`)).json().items;
    expect(batches.map((b: { batchNo: string; expiryDate: string }) => [b.batchNo, b.expiryDate])).toEqual([
      ['F-2026-03', '2026-12-31'],
      ['F-2026-01', '2027-01-10'],
    ]);
    expect(await stockOf(yonghe, depot, 'instant-food')).toMatchObject({ onHand: 65, available: 65 });
  });

  it('issues (出库) earliest expiry first, for an incident with its reference', async () => {
    const res = await yonghe.post('/api/supplies/issues', {
      warehouseId: depot,
      purpose: 'incident',
      reference: 'SJ-20260701-003',
      lines: [{ kindId: 'instant-food', quantity: 30 }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().movements.map((m: { batchNo: string; quantity: number }) => [m.batchNo, m.quantity])).toEqual([
      ['F-2026-03', -25],
      ['F-2026-01', -5],
    ]);
    expect(res.json().movements[0]).toMatchObject({
      type: 'issue',
      purpose: 'incident',
      reference: 'SJ-20260701-003',
      actorName: 'yonghe',
    });
    expect(await stockOf(yonghe, depot, 'instant-food')).toMatchObject({ onHand: 35 });
  });

  it('scraps and rotates named batches, with reasons on the ledger', async () => {
    const scrap = await yonghe.post('/api/supplies/scraps', {
      warehouseId: depot,
      reason: '受潮霉变',
      lines: [{ kindId: 'relief-tent', batchNo: 'T-2025-09', quantity: 2 }],
    });
    expect(scrap.statusCode).toBe(201);
    expect(scrap.json().movements[0]).toMatchObject({ type: 'scrap', quantity: -2, balanceAfter: 10, reason: '受潮霉变' });
    const rotate = await yonghe.post('/api/supplies/rotations', {
      warehouseId: depot,
      kindId: 'instant-food',
      reason: '临期轮换，转学校食堂使用',
      out: { batchNo: 'F-2026-01', quantity: 35 },
      in: { batchNo: 'F-2026-06', productionDate: '2026-06-01', quantity: 40 },
    });
    expect(rotate.statusCode).toBe(201);
    expect(
      rotate
        .json()
        .movements.map((m: { type: string; batchNo: string; balanceAfter: number }) => [m.type, m.batchNo, m.balanceAfter]),
    ).toEqual([
      ['rotate_out', 'F-2026-01', 0],
      ['rotate_in', 'F-2026-06', 40],
    ]);
  });

  it('posts stocktake (盘点) differences as movements with their reasons, and requires a reason', async () => {
    const missingReason = await yonghe.post('/api/supplies/stocktakes', {
      warehouseId: depot,
      lines: [{ kindId: 'relief-tent', batchNo: 'T-2025-09', counted: 9 }],
    });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.json().code).toBe('STOCKTAKE_REASON_REQUIRED');
    const res = await yonghe.post('/api/supplies/stocktakes', {
      warehouseId: depot,
      note: '2026 年第三季度盘点',
      lines: [
        { kindId: 'relief-tent', batchNo: 'T-2025-09', counted: 9, reason: '上次发放漏记 1 顶' },
        { kindId: 'instant-food', batchNo: 'F-2026-06', counted: 40 },
        { kindId: 'instant-food', batchNo: 'F-2026-02', counted: 6, reason: '发现未入账批次', productionDate: '2026-02-01' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(
      res
        .json()
        .lines.map((l: { batchNo: string; book: number; counted: number; difference: number }) => [
          l.batchNo,
          l.book,
          l.counted,
          l.difference,
        ]),
    ).toEqual([
      ['T-2025-09', 10, 9, -1],
      ['F-2026-06', 40, 40, 0],
      ['F-2026-02', 0, 6, 6],
    ]);
    const ledger = (await yonghe.get(`/api/supplies/movements?warehouseId=${depot}&type=stocktake_loss`)).json().items;
    expect(ledger[0]).toMatchObject({ quantity: -1, reason: '上次发放漏记 1 顶', stocktakeId: res.json().id });
    const found = (await yonghe.get(`/api/supplies/stock?warehouseId=${depot}&kindId=instant-food`)).json().items;
    expect(found.find((b: { batchNo: string }) => b.batchNo === 'F-2026-02')).toMatchObject({
      quantity: 6,
      expiryDate: '2027-02-01',
    });
    expect((await yonghe.get(`/api/supplies/warehouses/${depot}/stocktakes`)).json()[0].id).toBe(res.json().id);
  });

  it('refuses bad input with a stable code and a Chinese message, writing nothing', async () => {
    const movementsBefore = await ledgerCount(depot);
    const auditBefore = await auditCount();
    const stockBefore = await stockOf(yonghe, depot, 'instant-food');
    const issue = (lines: unknown[]) =>
      yonghe.post('/api/supplies/issues', { warehouseId: depot, purpose: 'distribution', reference: 'FF-1', lines });
    const cases = [
      { res: await issue([{ kindId: 'instant-food', quantity: -5 }]), code: 'VALIDATION_FAILED' },
      { res: await issue([{ kindId: 'instant-food', quantity: '五箱' }]), code: 'VALIDATION_FAILED' },
      { res: await issue([{ kindId: 'instant-food', quantity: 1.5 }]), code: 'VALIDATION_FAILED' },
      { res: await issue([{ kindId: 'instant-food', quantity: 0 }]), code: 'VALIDATION_FAILED' },
      { res: await issue([{ kindId: 'no-such-kind', quantity: 1 }]), code: 'SUPPLY_KIND_NOT_FOUND' },
      // The first line alone would fit; together they exceed the stock, and neither is posted.
      {
        res: await issue([
          { kindId: 'instant-food', quantity: 40 },
          { kindId: 'instant-food', quantity: 10 },
        ]),
        code: 'STOCK_INSUFFICIENT',
      },
      { res: await issue([{ kindId: 'instant-food', quantity: 10_000 }]), code: 'STOCK_INSUFFICIENT' },
      { res: await issue([{ kindId: 'instant-food', quantity: 1, batchNo: 'NOPE' }]), code: 'BATCH_NOT_FOUND' },
      { res: await receive(yonghe, depot, 'no-such-kind', 'B1', 1), code: 'SUPPLY_KIND_NOT_FOUND' },
      {
        res: await receive(yonghe, depot, 'instant-food', 'F-2026-06', 5, { productionDate: '2026-05-01' }),
        code: 'BATCH_CONFLICT',
      },
      {
        res: await receive(yonghe, depot, 'instant-food', 'F-2099', 5, { productionDate: '2099-01-01' }),
        code: 'STOCK_DATE_INVALID',
      },
      {
        res: await receive(yonghe, depot, 'instant-food', 'F-X', 5, { productionDate: '2026-05-01', expiryDate: '2026-04-01' }),
        code: 'STOCK_DATE_INVALID',
      },
      {
        res: await receive(yonghe, depot, 'instant-food', 'F-Y', 5, { productionDate: '2026-13-45' }),
        code: 'VALIDATION_FAILED',
      },
      { res: await yonghe.post('/api/supplies/receipts', { warehouseId: depot, lines: [] }), code: 'VALIDATION_FAILED' },
      {
        res: await yonghe.post('/api/supplies/receipts', {
          warehouseId: 'nope',
          lines: [{ kindId: 'quilt', batchNo: 'Q', productionDate: '2026-01-01', quantity: 1 }],
        }),
        code: 'WAREHOUSE_NOT_FOUND',
      },
      {
        res: await yonghe.post('/api/supplies/scraps', {
          warehouseId: depot,
          reason: '损坏',
          lines: [{ kindId: 'relief-tent', batchNo: 'T-2025-09', quantity: 99 }],
        }),
        code: 'STOCK_INSUFFICIENT',
      },
      {
        res: await yonghe.post('/api/supplies/issues', {
          warehouseId: depot,
          purpose: 'party',
          reference: 'X',
          lines: [{ kindId: 'quilt', quantity: 1 }],
        }),
        code: 'VALIDATION_FAILED',
      },
      {
        res: await yonghe.post('/api/supplies/issues', {
          warehouseId: depot,
          purpose: 'incident',
          reference: 'X',
          lines: [{ kindId: 'quilt', quantity: 1 }],
          extra: 1,
        }),
        code: 'VALIDATION_FAILED',
      },
    ];
    for (const { res, code } of cases) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code, res.body).toBe(code);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await ledgerCount(depot)).toBe(movementsBefore);
    expect(await auditCount()).toBe(auditBefore);
    expect(await stockOf(yonghe, depot, 'instant-food')).toEqual(stockBefore);
  });

  it('refuses to issue an expired batch but lets it be scrapped', async () => {
    await receive(yonghe, depot, 'drinking-water', 'W-OLD', 10, { productionDate: '2025-01-01', expiryDate: '2026-06-30' });
    const named = await yonghe.post('/api/supplies/issues', {
      warehouseId: depot,
      purpose: 'distribution',
      reference: 'FF-2',
      lines: [{ kindId: 'drinking-water', quantity: 1, batchNo: 'W-OLD' }],
    });
    expect(named.json().code).toBe('BATCH_EXPIRED');
    const any = await yonghe.post('/api/supplies/issues', {
      warehouseId: depot,
      purpose: 'distribution',
      reference: 'FF-2',
      lines: [{ kindId: 'drinking-water', quantity: 1 }],
    });
    expect(any.json()).toMatchObject({ code: 'STOCK_INSUFFICIENT', details: { available: 0 } });
    expect(await stockOf(yonghe, depot, 'drinking-water')).toMatchObject({ onHand: 10, available: 0 });
    const scrap = await yonghe.post('/api/supplies/scraps', {
      warehouseId: depot,
      reason: '过期报废',
      lines: [{ kindId: 'drinking-water', batchNo: 'W-OLD', quantity: 10 }],
    });
    expect(scrap.statusCode).toBe(201);
  });

  it('keeps every balance equal to the sum of its movements (账账相符)', async () => {
    // A burst of mixed documents, some failing, then the books are compared row by row.
    const kinds = ['quilt', 'folding-bed', 'life-jacket'];
    for (let i = 0; i < 12; i += 1) {
      const kindId = kinds[i % 3]!;
      await receive(yonghe, depot, kindId, `R-${i % 4}`, 5 + i);
      await yonghe.post('/api/supplies/issues', {
        warehouseId: depot,
        purpose: 'distribution',
        reference: `FF-${i}`,
        lines: [{ kindId, quantity: 3 + (i % 5) * 4 }],
      });
    }
    const reconcile = (await admin.get('/api/supplies/reconcile')).json();
    expect(reconcile.checked).toBeGreaterThan(5);
    expect(reconcile.mismatches).toEqual([]);
    // And the balances the API shows agree with the last balanceAfter of each batch.
    const batches = (await yonghe.get(`/api/supplies/stock?warehouseId=${depot}&limit=500`)).json().items as {
      kindId: string;
      batchNo: string;
      quantity: number;
    }[];
    for (const b of batches) {
      const last = (
        await yonghe.get(`/api/supplies/movements?warehouseId=${depot}&kindId=${b.kindId}&batchNo=${b.batchNo}&limit=1`)
      ).json().items[0];
      expect(last.balanceAfter).toBe(b.quantity);
    }
    expect((await county.get('/api/supplies/reconcile')).statusCode).toBe(403);
  });

  it('filters the ledger and pages it newest first', async () => {
    const all = (await yonghe.get(`/api/supplies/movements?warehouseId=${depot}&limit=500`)).json();
    expect(all.totalCapped).toBe(false);
    expect(all.items.length).toBe(all.total);
    const ids = all.items.map((m: { id: number }) => m.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const page2 = (await yonghe.get(`/api/supplies/movements?warehouseId=${depot}&limit=5&offset=5`)).json();
    expect(page2.items.map((m: { id: number }) => m.id)).toEqual(ids.slice(5, 10));
    const issues = (await yonghe.get(`/api/supplies/movements?warehouseId=${depot}&type=issue&reference=SJ-20260701-003`)).json();
    expect(issues.total).toBe(2);
    const window = (
      await yonghe.get(`/api/supplies/movements?warehouseId=${depot}&from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z`)
    ).json();
    expect(window.total).toBe(all.total);
    const none = (await yonghe.get(`/api/supplies/movements?warehouseId=${depot}&to=2026-06-01T00:00:00Z`)).json();
    expect(none.total).toBe(0);
  });

  it('never lets 永和镇 read or move 吉田镇 stock', async () => {
    const jitian = await env.login('jitian');
    const theirs = await makeWarehouse(jitian, JITIAN, 'township');
    expect((await receive(jitian, theirs, 'quilt', 'Q-J', 50)).statusCode).toBe(201);
    const attempts = [
      yonghe.get(`/api/supplies/warehouses/${theirs}/stock`),
      yonghe.get(`/api/supplies/warehouses/${theirs}/stocktakes`),
      receive(yonghe, theirs, 'quilt', 'Q-J', 1),
      yonghe.post('/api/supplies/issues', {
        warehouseId: theirs,
        purpose: 'incident',
        reference: 'X',
        lines: [{ kindId: 'quilt', quantity: 1 }],
      }),
      yonghe.post('/api/supplies/scraps', {
        warehouseId: theirs,
        reason: 'x',
        lines: [{ kindId: 'quilt', batchNo: 'Q-J', quantity: 1 }],
      }),
      yonghe.post('/api/supplies/stocktakes', {
        warehouseId: theirs,
        lines: [{ kindId: 'quilt', batchNo: 'Q-J', counted: 0, reason: 'x' }],
      }),
      yonghe.post('/api/supplies/rotations', {
        warehouseId: theirs,
        kindId: 'quilt',
        reason: 'x',
        out: { batchNo: 'Q-J', quantity: 1 },
        in: { batchNo: 'Q-K', productionDate: '2026-01-01', quantity: 1 },
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('WAREHOUSE_NOT_FOUND');
    }
    const lists = [
      (await yonghe.get(`/api/supplies/stock?warehouseId=${theirs}`)).json(),
      (await yonghe.get(`/api/supplies/movements?warehouseId=${theirs}`)).json(),
      (await yonghe.get(`/api/supplies/stock?areaCode=${JITIAN}`)).json(),
    ];
    for (const list of lists) expect(list.items).toEqual([]);
    expect(await stockOf(jitian, theirs, 'quilt')).toMatchObject({ onHand: 50 });
  });

  it('lets a read-only user read the ledger but not post to it', async () => {
    const reader = await env.login('chakan');
    expect((await reader.get(`/api/supplies/warehouses/${depot}/stock`)).statusCode).toBe(200);
    const res = await receive(reader, depot, 'quilt', 'Q-R', 1);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });
});
