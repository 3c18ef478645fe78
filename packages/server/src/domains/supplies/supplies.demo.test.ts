import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { loadDemo } from '../../demo/demo.ts';
import { DEMO_NOTE } from './supplies.demo.ts';

describe.each(DIALECTS)('supplies demo data for 连山 on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
  });
  afterAll(() => env.close());

  it('places a county reserve, township stores and a village 储存室 inside their areas, marked as demo', async () => {
    const warehouses = (await county.get('/api/supplies/warehouses?limit=500')).json().items as {
      name: string;
      level: string;
      areaCode: string;
      note: string;
    }[];
    const demo = warehouses.filter((w) => w.note === DEMO_NOTE);
    expect(demo.length).toBeGreaterThanOrEqual(6);
    expect(demo.every((w) => w.name.endsWith('（演示）'))).toBe(true);
    expect(demo.find((w) => w.level === 'county')).toMatchObject({ areaCode: '441825' });
    expect(demo.find((w) => w.name.startsWith('上帅镇'))).toMatchObject({ level: 'township', areaCode: '441825111' });
    expect(demo.find((w) => w.level === 'village')).toMatchObject({ areaCode: '441825100201' });
    // The village's 信息员 sees the 储存室 of 永联村 and nothing else.
    const reporter = await env.login('xinxiyuan');
    expect((await reporter.get('/api/supplies/warehouses')).json().items.map((w: { name: string }) => w.name)).toEqual([
      '永联村应急物资储存室（演示）',
    ]);
  });

  it('gives the dashboard batches near expiry and shortfalls, and the approval page transfers in each state', async () => {
    const alerts = (await county.get('/api/supplies/alerts')).json();
    expect(alerts.expiring.length).toBeGreaterThan(3);
    expect(alerts.expiring.every((e: { daysLeft: number }) => e.daysLeft <= 90)).toBe(true);
    expect(alerts.shortfall.some((s: { warehouseName: string }) => s.warehouseName.startsWith('上帅镇'))).toBe(true);
    const states = (await county.get('/api/supplies/transfers?limit=50')).json().items.map((t: { state: string }) => t.state);
    expect(states.sort()).toEqual(['received', 'requested', 'shipped']);
    const ledger = (await county.get('/api/supplies/movements?type=issue')).json();
    expect(ledger.items.some((m: { purpose: string }) => m.purpose === 'incident')).toBe(true);
    const admin = await env.login('admin');
    expect((await admin.get('/api/supplies/reconcile')).json().mismatches).toEqual([]);
  });

  it('loads once: running the demo again changes nothing', async () => {
    const count = async () => (await county.get('/api/supplies/movements?limit=1')).json().total;
    const before = await count();
    await loadDemo(env.platform);
    expect(await count()).toBe(before);
  });
});
