import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { DAILY_SCAN_JOB } from './alerts.service.ts';
import { YONGHE, makeWarehouse, receive } from './supplies.test-support.ts';

const DAY = 86_400_000;

describe.each(DIALECTS)('supplies alerts (物资预警) on %s', (dialect) => {
  let env: TestEnv;
  let yonghe: ApiClient;
  let jitian: ApiClient;
  let depot: string;

  beforeAll(async () => {
    env = await testEnv(dialect);
    yonghe = await env.login('yonghe');
    jitian = await env.login('jitian');
    depot = await makeWarehouse(yonghe, YONGHE, 'township', '预警测试库');
    // Today is 2026-07-01 (Beijing). 106 days to go: outside the 90-day window for now.
    await receive(yonghe, depot, 'instant-food', 'F-1', 25, { productionDate: '2025-10-15', expiryDate: '2026-10-15' });
    await receive(yonghe, depot, 'relief-tent', 'T-1', 25);
  });
  afterAll(() => env.close());

  type Item = { warehouseId: string; kindId: string };
  const mine = (items: Item[]) => items.filter((i) => i.warehouseId === depot);

  it('shows shortfall against the tier’s 储备标准 and nothing expiring yet', async () => {
    const alerts = (await yonghe.get('/api/supplies/alerts')).json();
    expect(alerts).toMatchObject({ asOf: '2026-07-01', warningDays: 90 });
    expect(mine(alerts.expiring)).toEqual([]);
    const short = mine(alerts.shortfall);
    expect(short.find((s: { kindId: string }) => s.kindId === 'instant-food')).toMatchObject({
      standard: 30,
      available: 25,
      shortfall: 5,
      level: 'township',
    });
    expect(short.find((s: { kindId: string }) => s.kindId === 'relief-tent')).toBeUndefined();
    expect(short.find((s: { kindId: string }) => s.kindId === 'quilt')).toMatchObject({
      standard: 50,
      available: 0,
      shortfall: 50,
    });
    // 吉田镇 sees none of 永和镇's alerts.
    const theirs = (await jitian.get('/api/supplies/alerts')).json();
    expect(mine(theirs.expiring)).toEqual([]);
    expect(mine(theirs.shortfall)).toEqual([]);
    expect((await jitian.get(`/api/supplies/alerts?areaCode=${YONGHE}`)).json().code).toBe('OUT_OF_SCOPE');
  });

  it('raises supplies.expiring and supplies.shortfall from the daily scan once a batch enters the window', async () => {
    const events: BusEvent[] = [];
    const unsubscribe = env.platform.events.subscribe((e) => events.push(e));
    await env.platform.supplies.alerts.scan();
    expect(events.some((e) => e.type === 'supplies.expiring' && (e.data as { warehouseId: string }).warehouseId === depot)).toBe(
      false,
    );
    events.length = 0;

    env.clock.advance(20 * DAY); // 2026-07-21: 86 days left
    await env.platform.supplies.alerts.scan();
    const expiring = events.find(
      (e) => e.type === 'supplies.expiring' && (e.data as { warehouseId: string }).warehouseId === depot,
    )!;
    expect(expiring.areaCode).toBe(YONGHE);
    expect(expiring.data).toMatchObject({
      warehouseName: '预警测试库',
      items: [{ kindId: 'instant-food', batchNo: 'F-1', daysLeft: 86, quantity: 25 }],
    });
    const shortfall = events.find(
      (e) => e.type === 'supplies.shortfall' && (e.data as { warehouseId: string }).warehouseId === depot,
    )!;
    expect((shortfall.data as { items: { kindId: string }[] }).items.map((i) => i.kindId)).toContain('instant-food');
    unsubscribe();

    // Past expiry the batch is flagged expired and no longer counts against the standard.
    // Sessions expire over months of moved time: ask the service directly, as the actor would.
    env.clock.advance(90 * DAY);
    const actor = { userId: 'u', username: 'yonghe', roles: ['township_officer' as const], areaCode: YONGHE };
    const later = await env.platform.supplies.alerts.dashboard(actor, {});
    expect(mine(later.expiring)[0]).toMatchObject({ batchNo: 'F-1', expired: true, daysLeft: -4 });
    expect(mine(later.shortfall).find((s: { kindId: string }) => s.kindId === 'instant-food')).toMatchObject({
      available: 0,
      shortfall: 30,
    });
    env.clock.advance(-110 * DAY);
  });

  it('follows the configurable warning window', async () => {
    const adminActor = { userId: 'a', username: 'admin', roles: ['admin' as const], areaCode: '' };
    await env.platform.rules.set(adminActor, 'supplies.expiry_warning_days', 120);
    const wide = (await yonghe.get('/api/supplies/alerts')).json();
    expect(wide.warningDays).toBe(120);
    expect(mine(wide.expiring)).toHaveLength(1);
    await env.platform.rules.set(adminActor, 'supplies.expiry_warning_days', 90);
  });

  it('runs as a daily job registered on the platform queue, which queues the next day', async () => {
    const queued = () =>
      env.platform.db.kysely
        .selectFrom('jobs')
        .select(['run_at', 'state'])
        .where('kind', '=', DAILY_SCAN_JOB)
        .orderBy('run_at')
        .execute();
    // The server queues the first run when it starts; asking again queues nothing more.
    await env.platform.supplies.scheduleDailyScan();
    expect(await queued()).toEqual([{ run_at: '2026-07-01T17:00:00.000Z', state: 'queued' }]);
    await env.platform.supplies.scheduleDailyScan();
    expect(await queued()).toHaveLength(1);

    const events: BusEvent[] = [];
    const unsubscribe = env.platform.events.subscribe((e) => events.push(e));
    env.clock.set('2026-07-21T17:00:01.000Z');
    while (await env.platform.jobs.runOnce()) {
      /* drain */
    }
    unsubscribe();
    expect(events.some((e) => e.type === 'supplies.expiring')).toBe(true);
    expect(await queued()).toEqual([
      { run_at: '2026-07-01T17:00:00.000Z', state: 'done' },
      { run_at: '2026-07-22T17:00:00.000Z', state: 'queued' },
    ]);
  });
});
