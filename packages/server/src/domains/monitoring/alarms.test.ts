import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmLevel } from '@yingji/contracts/monitoring.ts';
import { DIALECTS, freshDb, type FreshDb } from '../../../test/db.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { AuditLog } from '../../platform/audit/audit.ts';
import { ManualClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { InProcessBus } from '../../platform/events/bus.ts';
import { RulesService } from '../../platform/rules/rules.ts';
import { RAINFALL_RULE } from './rules.defaults.ts';
import { harness, JITIAN, reading, station, YONGHE, type EvaluationHarness } from './alarms.test-support.ts';

const START = '2026-07-01T00:00:00.000Z';
const duty: Actor = { userId: 'u1', username: 'zhiban', roles: ['duty_officer'], areaCode: '441825' };
const yongheOfficer: Actor = { userId: 'u2', username: 'yonghe', roles: ['township_officer'], areaCode: YONGHE };
const jitianOfficer: Actor = { userId: 'u3', username: 'jitian', roles: ['township_officer'], areaCode: JITIAN };
const readonly: Actor = { userId: 'u4', username: 'chakan', roles: ['readonly'], areaCode: '441825' };

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

describe.each(DIALECTS)('alarms from readings on %s', (dialect) => {
  let fresh: FreshDb;
  let clock: ManualClock;
  let bus: InProcessBus;
  let h: EvaluationHarness;
  const gauge = station({ id: 'rain-1', kind: 'rain_gauge' });

  beforeEach(async () => {
    fresh = await freshDb(dialect);
    clock = new ManualClock('2026-07-01T12:00:00.000Z');
    bus = new InProcessBus(clock);
    h = harness(fresh.db, clock, bus);
  });
  afterEach(() => fresh.drop());

  const types = () => h.events.map((e) => `${e.type}:${(e.data as { level: AlarmLevel }).level}`);

  it('raises, escalates step by step within one batch, de-duplicates, and keeps the history', async () => {
    // 10-minute increments: 10 mm each → 20 mm (blue) at 20 min, 50 mm (orange) at 50 min, 100 mm (red, 3 h) at 100.
    await h.ingest(Array.from({ length: 10 }, (_, i) => reading(gauge, 'rainfall_mm', START, (i + 1) * 10, 10)));
    expect(types()).toEqual(['alarm.raised:blue', 'alarm.escalated:orange', 'alarm.escalated:red']);
    expect(h.events.every((e) => e.areaCode === gauge.areaCode)).toBe(true);

    // More rain at red: nothing new.
    await h.ingest([reading(gauge, 'rainfall_mm', START, 110, 5), reading(gauge, 'rainfall_mm', START, 120, 5)]);
    expect(h.events).toHaveLength(3);

    const { items, total } = await h.alarms.list(duty, { limit: 50, offset: 0 });
    expect(total).toBe(1);
    const alarm = items[0]!;
    expect(alarm).toMatchObject({ rule: 'rainfall', state: 'active', level: 'red', peakLevel: 'red', stationCode: 'RAIN-1' });
    expect(alarm.raisedAt).toBe('2026-07-01T00:20:00.000Z');
    expect(alarm.changedAt).toBe('2026-07-01T01:40:00.000Z');
    expect(alarm.message).toBe('3小时降雨量 100.0 mm，达到红色阈值 100 mm');
    const detail = await h.alarms.get(duty, alarm.id);
    expect(detail.history.map((c) => [c.kind, c.fromLevel, c.toLevel])).toEqual([
      ['raised', null, 'blue'],
      ['escalated', 'blue', 'orange'],
      ['escalated', 'orange', 'red'],
    ]);
    // One audit entry per alarm and batch (the history holds each step), by the system, in the station's area.
    const audit = await fresh.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor_name', 'area_code', 'after_json'])
      .where('entity', '=', 'alarm')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'alarm.raised',
      entity_id: alarm.id,
      actor_name: 'system',
      area_code: gauge.areaCode,
    });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ state: 'active', level: 'red' });
  });

  it('recovers with hysteresis, then a new storm raises a new alarm', async () => {
    // 25 mm in the first hour (blue), then dry readings every 10 minutes.
    await h.ingest([reading(gauge, 'rainfall_mm', START, 10, 25)]);
    expect(types()).toEqual(['alarm.raised:blue']);
    // The 1 h sum stays 25 until the rain leaves the window; the 12 h and 24 h sums (25) are below their 50 mm.
    await h.ingest(Array.from({ length: 5 }, (_, i) => reading(gauge, 'rainfall_mm', START, 20 + i * 10, 0)));
    expect(types()).toEqual(['alarm.raised:blue']);
    await h.ingest([reading(gauge, 'rainfall_mm', START, 71, 0)]);
    expect(types()).toEqual(['alarm.raised:blue', 'alarm.recovered:blue']);
    const [recovered] = (await h.alarms.list(duty, { limit: 50, offset: 0, state: 'recovered' })).items;
    expect(recovered).toMatchObject({ state: 'recovered', recoveredAt: '2026-07-01T01:11:00.000Z', level: 'blue' });

    // Hovering around a threshold, with the station's own rule (1 h only, blue at 20 mm, hysteresis 5 mm): 16 mm in
    // the next hour holds blue (≥ 20 − 5), 14.9 mm clears it; no flapping in between.
    const admin: Actor = { userId: 'a', username: 'admin', roles: ['admin'], areaCode: '' };
    const oneHour = { hours: 1, thresholds: { blue: 20, yellow: null, orange: null, red: null } };
    await h.stationRules.set(admin, 'rain-1', 'rainfall', { enabled: true, windows: [oneHour], hysteresis: 5 });
    await h.ingest([reading(gauge, 'rainfall_mm', START, 180, 19.9)]);
    await h.ingest([reading(gauge, 'rainfall_mm', START, 241, 21)]);
    await h.ingest([reading(gauge, 'rainfall_mm', START, 302, 16)]);
    expect(types()).toEqual(['alarm.raised:blue', 'alarm.recovered:blue', 'alarm.raised:blue']);
    await h.ingest([reading(gauge, 'rainfall_mm', START, 363, 14.9)]);
    expect(types().at(-1)).toBe('alarm.recovered:blue');
    expect((await h.alarms.list(duty, { limit: 50, offset: 0 })).total).toBe(2);
  });

  it('places late and out-of-order readings in order and judges the affected windows again', async () => {
    // Out of order within a batch: judged in timestamp order, so the escalation steps come out in order.
    await h.ingest([30, 10, 20, 40, 50].map((m) => reading(gauge, 'rainfall_mm', START, m, 10)));
    expect(types()).toEqual(['alarm.raised:blue', 'alarm.escalated:orange']);
    const alarm = (await h.alarms.list(duty, { limit: 50, offset: 0 })).items[0]!;
    expect(alarm.raisedAt).toBe('2026-07-01T00:20:00.000Z');

    // A second station: newer readings first, then a late one inside their hour that lifts the 1 h sum to 50 mm.
    const other = station({ id: 'rain-2', kind: 'rain_gauge' });
    await h.ingest([reading(other, 'rainfall_mm', START, 40, 15), reading(other, 'rainfall_mm', START, 50, 15)]);
    expect(h.evaluator.levelOf('rain-2', 'rainfall')).toBe('blue');
    await h.ingest([reading(other, 'rainfall_mm', START, 20, 20)]);
    expect(h.evaluator.levelOf('rain-2', 'rainfall')).toBe('orange');
    const escalated = h.events.filter(
      (e) => e.type === 'alarm.escalated' && (e.data as { stationId: string }).stationId === 'rain-2',
    );
    // Judged at the newest reading's time, as the windows end there.
    expect(escalated.map((e) => (e.data as { at: string }).at)).toEqual(['2026-07-01T00:50:00.000Z']);
    // A duplicate changes nothing.
    await h.ingest([reading(other, 'rainfall_mm', START, 20, 20)]);
    expect(h.evaluator.levelOf('rain-2', 'rainfall')).toBe('orange');
  });

  it('after a restart, rebuilds state from stored readings and open alarms without re-raising', async () => {
    await h.ingest([reading(gauge, 'rainfall_mm', START, 10, 30)]);
    expect(types()).toEqual(['alarm.raised:blue']);
    // A new evaluator (a restart) over the same database and stored readings.
    const again = harness(fresh.db, clock, bus);
    for (const row of h.readings.rows) again.readings.rows.push(row);
    again.events.length = 0;
    await again.ingest([reading(gauge, 'rainfall_mm', START, 20, 1)]);
    expect(again.events).toEqual([]);
    expect(again.evaluator.levelOf('rain-1', 'rainfall')).toBe('blue');
    expect(again.readings.loads).toBe(1);
    // Its 1 h sum (30 + 1) rises to 51: escalates the same alarm.
    await again.ingest([reading(gauge, 'rainfall_mm', START, 30, 20)]);
    expect(again.events.map((e) => e.type)).toEqual(['alarm.escalated']);
    expect((await again.alarms.list(duty, { limit: 50, offset: 0 })).total).toBe(1);
    expect(again.readings.loads).toBe(1);
  });

  it('water level: escalates and lowers against the station register levels', async () => {
    const river = station({
      id: 'water-1',
      kind: 'water_level',
      waterLevels: { warning: 100, guaranteed: 102, historicMax: 103.5 },
    });
    const levels = [99.6, 100.2, 102.3, 101.5, 99.3];
    await h.ingest(levels.map((v, i) => reading(river, 'water_level_m', START, i * 5, v)));
    expect(types()).toEqual([
      'alarm.raised:blue',
      'alarm.escalated:yellow',
      'alarm.escalated:orange',
      'alarm.lowered:yellow',
      'alarm.recovered:yellow',
    ]);
    // An older reading than the newest changes nothing (the level now is the newest one).
    await h.ingest([reading(river, 'water_level_m', START, 1, 103.9)]);
    expect(h.events).toHaveLength(5);
    const [alarm] = (await h.alarms.list(duty, { limit: 50, offset: 0, stationKind: 'water_level' })).items;
    expect(alarm).toMatchObject({ state: 'recovered', peakLevel: 'orange' });
  });

  it('gas concentration (%LEL) and per-station overrides, versioned and audited', async () => {
    const tank = station({ id: 'hz-1', kind: 'hazmat' });
    await h.ingest([reading(tank, 'gas_lel_pct', START, 0, 24.9), reading(tank, 'gas_lel_pct', START, 1, 25)]);
    expect(types()).toEqual(['alarm.raised:orange']);
    await h.ingest([reading(tank, 'gas_lel_pct', START, 2, 50)]);
    expect(types().at(-1)).toBe('alarm.escalated:red');
    // 有毒气体 has no county-wide thresholds: nothing until the station's own are set.
    await h.ingest([reading(tank, 'toxic_gas_ppm', START, 3, 40)]);
    expect(h.evaluator.levelOf('hz-1', 'toxic_gas')).toBe(null);
    const admin: Actor = { userId: 'a', username: 'admin', roles: ['admin'], areaCode: '' };
    const config = { enabled: true, thresholds: { blue: null, yellow: 10, orange: 20, red: null }, hysteresis: 2 };
    expect(await code(h.stationRules.set(yongheOfficer, 'hz-1', 'toxic_gas', config))).toBe('FORBIDDEN');
    expect(
      await code(
        h.stationRules.set(admin, 'hz-1', 'toxic_gas', {
          ...config,
          thresholds: { blue: 5, yellow: 1, orange: null, red: null },
        }),
      ),
    ).toBe('ALARM_RULE_INVALID');
    const views = await h.stationRules.set(admin, 'hz-1', 'toxic_gas', config);
    expect(views.find((v) => v.rule === 'toxic_gas')).toMatchObject({ source: 'station', version: 1, updatedBy: 'admin' });
    await h.ingest([reading(tank, 'toxic_gas_ppm', START, 4, 21)]);
    expect(types().at(-1)).toBe('alarm.raised:orange');
    // Removing the override keeps the version count; the alarm recovers at the next reading (no thresholds left).
    const cleared = await h.stationRules.set(admin, 'hz-1', 'toxic_gas', null);
    expect(cleared.find((v) => v.rule === 'toxic_gas')).toMatchObject({ source: 'default', version: 2 });
    await h.ingest([reading(tank, 'toxic_gas_ppm', START, 5, 21)]);
    expect(types().at(-1)).toBe('alarm.recovered:orange');
    const audit = await fresh.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'alarm_station_rule')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['alarm_rule.station_set', 'alarm_rule.station_cleared']);
    // A township outside the station's area does not see the station.
    expect(await code(h.stationRules.list(jitianOfficer, 'hz-1'))).toBe('STATION_NOT_FOUND');
  });

  it('county-wide rules per station kind (platform rules, audited) apply from the next batch', async () => {
    const admin: Actor = { userId: 'a', username: 'admin', roles: ['admin'], areaCode: '' };
    const slope = station({ id: 'geo-1', kind: 'geohazard' });
    const family = RAINFALL_RULE.default;
    // 地质灾害 points alarm on less rain: 10 mm in 1 h is blue there, nothing at a plain rain gauge.
    const geohazard = {
      ...family.default,
      windows: [{ hours: 1, thresholds: { blue: 10, yellow: 30, orange: null, red: null } }],
    };
    await new RulesService({ db: fresh.db, audit: new AuditLog(fresh.db, clock), clock }).set(admin, RAINFALL_RULE.key, {
      ...family,
      byKind: { geohazard },
    });
    h.evaluator.rulesChanged();
    await h.ingest([reading(slope, 'rainfall_mm', START, 10, 12), reading(gauge, 'rainfall_mm', START, 10, 12)]);
    expect(h.evaluator.levelOf('geo-1', 'rainfall')).toBe('blue');
    expect(h.evaluator.levelOf('rain-1', 'rainfall')).toBe(null);
    const views = await h.stationRules.list(duty, 'geo-1');
    expect(views.find((v) => v.rule === 'rainfall')).toMatchObject({ source: 'kind', effective: geohazard });
  });

  it('forest-fire danger: grade 3 raises yellow, grade 4 escalates to orange', async () => {
    const fire = station({ id: 'fire-1', kind: 'forest_fire' });
    // 2026-03-10 Beijing time; 6 dry days on record before it (0 mm readings), rain a week before.
    const day = '2026-03-09T16:00:00.000Z';
    const history = [reading(fire, 'rainfall_mm', day, -7 * 1440 + 600, 12)];
    for (let d = 6; d >= 1; d -= 1) history.push(reading(fire, 'rainfall_mm', day, -d * 1440 + 600, 0));
    await h.ingest(history);
    await h.ingest([
      reading(fire, 'air_temperature_c', day, 600, 18),
      reading(fire, 'relative_humidity_pct', day, 600, 50),
      reading(fire, 'wind_speed_ms', day, 600, 2),
    ]);
    // 12 + 8 + 35 + 10 = 65 → 三级 → yellow.
    expect(types()).toEqual(['alarm.raised:yellow']);
    await h.ingest([reading(fire, 'air_temperature_c', day, 840, 26), reading(fire, 'relative_humidity_pct', day, 840, 30)]);
    // → 四级 → orange.
    expect(types()).toEqual(['alarm.raised:yellow', 'alarm.escalated:orange']);
    const [alarm] = (await h.alarms.list(duty, { limit: 50, offset: 0, rule: 'fire_danger' })).items;
    expect(alarm!.message).toContain('四级（高火险）');
    // Judged reading by reading: the 26 ℃ at 14:00 already makes 20 + 8 + 10 + 35 = 73 (四级) before the 30 %.
    expect(alarm!.value).toBe(73);
  });

  it('acknowledgement: permission, scope, a note, once; event and history', async () => {
    await h.ingest([reading(gauge, 'rainfall_mm', START, 10, 60)]);
    const id = (await h.alarms.list(duty, { limit: 50, offset: 0 })).items[0]!.id;
    expect(await code(h.alarms.acknowledge(readonly, id, '已知悉'))).toBe('FORBIDDEN');
    expect(await code(h.alarms.acknowledge(jitianOfficer, id, '已知悉'))).toBe('ALARM_NOT_FOUND');
    expect(await code(h.alarms.get(jitianOfficer, id))).toBe('ALARM_NOT_FOUND');
    expect((await h.alarms.list(jitianOfficer, { limit: 50, offset: 0 })).total).toBe(0);
    expect((await h.alarms.list(yongheOfficer, { limit: 50, offset: 0 })).total).toBe(1);

    const acked = await h.alarms.acknowledge(yongheOfficer, id, '已通知永联村转移低洼地带群众');
    expect(acked).toMatchObject({ acknowledgedBy: 'yonghe', ackNote: '已通知永联村转移低洼地带群众', state: 'active' });
    expect(await code(h.alarms.acknowledge(duty, id, '再次确认'))).toBe('ALARM_ALREADY_ACKNOWLEDGED');
    const event = h.events.find((e) => e.type === 'alarm.acknowledged')!;
    expect(event).toMatchObject({ areaCode: gauge.areaCode, data: { id, acknowledgedBy: 'yonghe', level: 'orange' } });
    // The condition changes after acknowledgement: the history stays in order.
    await h.ingest([reading(gauge, 'rainfall_mm', START, 20, 50)]);
    const detail = await h.alarms.get(duty, id);
    expect(detail.history.map((c) => c.kind)).toEqual(['raised', 'acknowledged', 'escalated']);
    expect(detail.history[1]).toMatchObject({ actor: 'yonghe', message: '已通知永联村转移低洼地带群众' });
    // The rise to red asks for a new acknowledgement; the earlier one stays in the history.
    expect(detail).toMatchObject({ level: 'red', acknowledgedAt: null, acknowledgedBy: null });
    expect((await h.alarms.list(duty, { limit: 50, offset: 0, acknowledged: true })).total).toBe(0);
    expect((await h.alarms.list(duty, { limit: 50, offset: 0, acknowledged: false })).total).toBe(1);
    expect(await h.alarms.acknowledge(duty, id, '县局已启动会商')).toMatchObject({ acknowledgedBy: 'zhiban' });
    expect((await h.alarms.list(duty, { limit: 50, offset: 0, acknowledged: true })).total).toBe(1);
    const audit = await fresh.db.kysely
      .selectFrom('audit_log')
      .select(['actor_name', 'area_code'])
      .where('action', '=', 'alarm.acknowledged')
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { actor_name: 'yonghe', area_code: gauge.areaCode },
      { actor_name: 'zhiban', area_code: gauge.areaCode },
    ]);
  });

  it('filters by state, level, station kind and area; converting answers ALARM_ACTION_NOT_AVAILABLE', async () => {
    const jitianGauge = station({ id: 'rain-j', kind: 'rain_gauge', areaCode: `${JITIAN}201` });
    await h.ingest([
      reading(gauge, 'rainfall_mm', START, 10, 25),
      reading(jitianGauge, 'rainfall_mm', START, 10, 60),
      reading(station({ id: 'hz-2', kind: 'hazmat' }), 'gas_lel_pct', START, 10, 60),
    ]);
    const list = (query: Record<string, unknown>) =>
      h.alarms.list(duty, { limit: 50, offset: 0, ...query }).then((r) => r.items.map((a) => a.stationId).sort());
    expect(await list({})).toEqual(['hz-2', 'rain-1', 'rain-j']);
    expect(await list({ level: ['orange', 'red'] })).toEqual(['hz-2', 'rain-j']);
    expect(await list({ stationKind: 'rain_gauge' })).toEqual(['rain-1', 'rain-j']);
    expect(await list({ areaCode: JITIAN })).toEqual(['rain-j']);
    expect(await list({ state: 'recovered' })).toEqual([]);
    // A township's own filter cannot widen its scope.
    const widened = await h.alarms.list(yongheOfficer, { limit: 50, offset: 0, areaCode: JITIAN });
    expect(widened.total).toBe(0);
    const id = (await h.alarms.list(duty, { limit: 1, offset: 0, stationId: 'rain-j' })).items[0]!.id;
    expect(await code(h.alarms.convert(duty, id, 'warning'))).toBe('ALARM_ACTION_NOT_AVAILABLE');
    expect(await code(h.alarms.convert(duty, id, 'incident'))).toBe('ALARM_ACTION_NOT_AVAILABLE');
    expect(await code(h.alarms.convert(yongheOfficer, id, 'incident'))).toBe('ALARM_NOT_FOUND');
  });

  it('a report that cannot be written is reported again with the next reading', async () => {
    const original = h.alarms.report.bind(h.alarms);
    let failNext = true;
    h.alarms.report = async (conditions) => {
      if (failNext) {
        failNext = false;
        throw new Error('database unavailable');
      }
      return original(conditions);
    };
    await expect(h.ingest([reading(gauge, 'rainfall_mm', START, 10, 30)])).rejects.toThrow('database unavailable');
    expect(h.evaluator.levelOf('rain-1', 'rainfall')).toBe(null);
    await h.ingest([reading(gauge, 'rainfall_mm', START, 11, 0)]);
    expect(types()).toEqual(['alarm.raised:blue']);
  });

  it('many stations in one batch: one transaction, one alarm each', async () => {
    const gauges = Array.from({ length: 300 }, (_, i) => station({ id: `g-${i}`, kind: 'rain_gauge' }));
    await h.ingest(gauges.map((g) => reading(g, 'rainfall_mm', START, 10, 55)));
    expect(h.events.filter((e) => e.type === 'alarm.raised')).toHaveLength(300);
    const { total } = await h.alarms.list(duty, { limit: 1, offset: 0, level: ['orange'] });
    expect(total).toBe(300);
  });
});
