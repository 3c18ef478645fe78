import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { YONGHE, makeWarehouse, receive, stockOf } from './supplies.test-support.ts';

describe.each(DIALECTS)('supplies under concurrent outbound requests on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    admin = await env.login('admin');
  });
  afterAll(() => env.close());

  it('never oversells: 20 parallel 出库 of 7 against 100 in two batches, exactly 14 succeed', async () => {
    const depot = await makeWarehouse(county, YONGHE, 'county');
    await receive(county, depot, 'quilt', 'Q-A', 60);
    await receive(county, depot, 'quilt', 'Q-B', 40);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        county.post('/api/supplies/issues', {
          warehouseId: depot,
          purpose: 'distribution',
          reference: `FF-${i}`,
          lines: [{ kindId: 'quilt', quantity: 7 }],
        }),
      ),
    );
    const codes = results.map((r) => (r.statusCode === 201 ? 'ok' : r.json().code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(14);
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'STOCK_INSUFFICIENT')).toBe(true);
    expect(await stockOf(county, depot, 'quilt')).toMatchObject({ onHand: 2 });
    const ledger = (await county.get(`/api/supplies/movements?warehouseId=${depot}&type=issue&limit=500`)).json();
    expect(ledger.items.reduce((n: number, m: { quantity: number }) => n + m.quantity, 0)).toBe(-98);
    expect((await admin.get('/api/supplies/reconcile')).json().mismatches).toEqual([]);
  });

  it('never oversells a single batch through parallel named-batch, bulk and scrap requests', async () => {
    const depot = await makeWarehouse(county, YONGHE, 'county');
    await receive(county, depot, 'life-jacket', 'LJ-1', 50);
    const me = { userId: 'x', username: 'zhiban', roles: ['duty_officer' as const], areaCode: '441825' };
    const attempts = Array.from({ length: 21 }, (_, i) => {
      if (i % 3 === 0) {
        return county
          .post('/api/supplies/issues', {
            warehouseId: depot,
            purpose: 'incident',
            reference: `SJ-${i}`,
            lines: [{ kindId: 'life-jacket', batchNo: 'LJ-1', quantity: 6 }],
          })
          .then((r) => (r.statusCode === 201 ? 'ok' : r.json().code));
      }
      if (i % 3 === 1) {
        return env.platform.supplies.bulk
          .post(me, [
            { type: 'issue', warehouseId: depot, kindId: 'life-jacket', batchNo: 'LJ-1', quantity: 6, reference: `FF-${i}` },
          ])
          .then(
            () => 'ok',
            (e: { code: string }) => e.code,
          );
      }
      return county
        .post('/api/supplies/scraps', {
          warehouseId: depot,
          reason: '破损',
          lines: [{ kindId: 'life-jacket', batchNo: 'LJ-1', quantity: 6 }],
        })
        .then((r) => (r.statusCode === 201 ? 'ok' : r.json().code));
    });
    const codes = await Promise.all(attempts);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(8);
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'STOCK_INSUFFICIENT')).toBe(true);
    expect(await stockOf(county, depot, 'life-jacket')).toMatchObject({ onHand: 2 });
    expect((await admin.get('/api/supplies/reconcile')).json().mismatches).toEqual([]);
  });
});
