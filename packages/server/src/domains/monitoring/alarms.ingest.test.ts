import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createEvaluation, type Evaluation } from './alarms.factory.ts';
import { ago, createStation, pointIn, postReadings, stationBody, YONGHE } from './monitoring.test-support.ts';

/**
 * The seam end to end: readings posted over HTTP by a device, stored by the ingest half, judged by the evaluator
 * (history from the ingest half's RecentReadings), alarms written and published. Wired here as the composition will.
 */
describe.each(DIALECTS)('alarms from HTTP ingest on %s', (dialect) => {
  let env: TestEnv;
  let zhiban: ApiClient;
  let evaluation: Evaluation;
  const events: BusEvent[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    zhiban = await env.login('zhiban');
    const { db, audit, events: bus, clock, rules, monitoring } = env.platform;
    evaluation = createEvaluation({
      db,
      audit,
      events: bus,
      clock,
      rules,
      recent: monitoring.recentReadings,
      stations: monitoring.stationLookup,
      log: pino({ level: 'silent' }),
    });
    monitoring.ingest.setSink(evaluation.evaluator);
    monitoring.ingest.setConditionSink(evaluation.alarms);
    bus.subscribe((e) => events.push(e));
  });
  afterAll(() => env.close());

  it('a device posting a storm raises and escalates one alarm; a late reading is judged in order', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(await pointIn(zhiban, YONGHE)));
    const post = async (readings: { value: number; at: string }[]) => {
      const res = await postReadings(env, credentials.deviceToken, {
        readings: readings.map((r) => ({ metric: 'rainfall_mm', ...r })),
      });
      expect(res.statusCode, res.body).toBe(200);
      await env.platform.monitoring.ingest.drain();
    };
    await post([
      { value: 12, at: ago(env, 50) },
      { value: 12, at: ago(env, 40) },
    ]);
    // The late one (45 minutes ago) completes 20 + 4 mm within the hour → blue; then 30 mm more → orange.
    await post([{ value: 4, at: ago(env, 45) }]);
    await post([{ value: 30, at: ago(env, 0) }]);
    // On PostgreSQL events come back through LISTEN/NOTIFY: wait for them rather than assume they are there.
    const seen = () =>
      events
        .filter((e) => e.type.startsWith('alarm.') && (e.data as { stationId: string }).stationId === station.id)
        .map((e) => `${e.type}:${(e.data as { level: string }).level}`);
    while (seen().length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen()).toEqual(['alarm.raised:blue', 'alarm.escalated:orange']);
    const list = await evaluation.alarms.list(SYSTEM_ACTOR, { limit: 10, offset: 0, stationId: station.id });
    expect(list.items).toEqual([expect.objectContaining({ level: 'orange', areaCode: station.areaCode, state: 'active' })]);
  });
});
