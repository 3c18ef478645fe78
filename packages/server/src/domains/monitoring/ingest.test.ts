import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { BAD_INPUT_BUCKET } from './ingest.config.ts';
import {
  ago,
  createStation,
  JITIAN,
  pointIn,
  postReadings,
  RecordingSink,
  stationBody,
  YONGHE,
} from './monitoring.test-support.ts';

describe.each(DIALECTS)('HTTP ingest on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let zhiban: ApiClient;
  let inYonghe: { lon: number; lat: number };
  let inJitian: { lon: number; lat: number };
  const sink = new RecordingSink();
  const events: BusEvent[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
    zhiban = await env.login('zhiban');
    inYonghe = await pointIn(zhiban, YONGHE);
    inJitian = await pointIn(zhiban, JITIAN);
    env.platform.monitoring.ingest.setSink(sink);
    env.platform.monitoring.ingest.setConditionSink(sink);
    env.platform.events.subscribe((e) => events.push(e));
  });
  afterAll(() => env.close());

  const db = () => env.platform.db.kysely;
  const stored = (stationId: string) =>
    db()
      .selectFrom('monitoring_readings')
      .selectAll()
      .where('station_id', '=', stationId)
      .orderBy('metric')
      .orderBy('at')
      .execute();
  const detail = async (id: string) => (await zhiban.get(`/api/monitoring/stations/${id}`)).json();

  it('stores a good batch before answering, hands it to the sink, and brings the station online', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe));
    expect((await detail(station.id)).state).toBe('offline');
    const readings = [
      { metric: 'rainfall_mm', value: 1.5, at: ago(env, 20) },
      { metric: 'rainfall_mm', value: 0, at: ago(env, 10) },
      { metric: 'rainfall_mm', value: 12.2, at: ago(env, 0) },
    ];
    const res = await postReadings(env, credentials.deviceToken, { readings });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    // Acknowledged means committed: the rows are there the moment the reply is.
    expect((await stored(station.id)).map((r) => r.value)).toEqual([1.5, 0, 12.2]);
    await env.platform.monitoring.ingest.drain();
    const seen = sink.readings.filter((r) => r.station.id === station.id);
    expect(seen.map((r) => [r.metric, r.value, r.at])).toEqual(readings.map((r) => [r.metric, r.value, r.at]));
    expect(seen[0]!.station).toMatchObject({ code: station.code, kind: 'rain_gauge', areaCode: station.areaCode });
    const after = await detail(station.id);
    expect(after.state).toBe('online');
    expect(after.latest).toEqual([{ metric: 'rainfall_mm', value: 12.2, at: readings[2]!.at }]);
    expect(after.counters).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    expect(events.some((e) => e.type === 'monitoring.station_state' && (e.data as { id: string }).id === station.id)).toBe(true);
    // The x-device-token header works as well.
    const other = await env.app.inject({
      method: 'POST',
      url: '/api/ingest/readings',
      headers: { 'x-device-token': credentials.deviceToken },
      payload: { readings: [{ metric: 'rainfall_mm', value: 0.5, at: ago(env, 5) }] },
    });
    expect(other.json()).toMatchObject({ accepted: 1 });
  });

  it('refuses bad readings one by one with a reason, stores the good ones of the same batch, and counts per station', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe, { kind: 'forest_fire', name: '火险站' }));
    const at = ago(env, 1);
    const res = await postReadings(env, credentials.deviceToken, {
      readings: [
        { metric: 'air_temperature_c', value: 31.5, at },
        { metric: 'relative_humidity_pct', value: 140, at }, // humidity above 100 %
        { metric: 'rainfall_mm', value: -2, at }, // negative rainfall
        { metric: 'wind_speed_ms', value: '3.2', at }, // a string, not a number
        { metric: 'water_level_m', value: 3, at }, // not a metric this kind reports
        { metric: 'soil_moisture', value: 3, at }, // no such metric
        { metric: 'wind_speed_ms', value: 3.2, at: new Date(env.clock.now().getTime() + 3_600_000).toISOString() },
        { metric: 'wind_speed_ms', value: 3.2, at: '2026-07-01 10:00' }, // no zone, not ISO
        'garbage',
        { metric: 'relative_humidity_pct', value: 45, at },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r: { index: number; reason: string }) => [r.index, r.reason])).toEqual([
      [1, 'out_of_range'],
      [2, 'out_of_range'],
      [3, 'not_numeric'],
      [4, 'metric_not_for_kind'],
      [5, 'unknown_metric'],
      [6, 'future_timestamp'],
      [7, 'bad_timestamp'],
      [8, 'malformed'],
    ]);
    expect(body.rejected[0].message).toContain('140');
    expect((await stored(station.id)).map((r) => [r.metric, r.value])).toEqual([
      ['air_temperature_c', 31.5],
      ['relative_humidity_pct', 45],
    ]);
    const counters = (await detail(station.id)).counters;
    expect(counters).toMatchObject({ accepted: 2, rejected: 8, lastRejectReason: 'malformed' });
    // Counters survive in the table once flushed.
    await env.platform.monitoring.ingest.drain();
    const row = await db()
      .selectFrom('monitoring_ingest_counters')
      .selectAll()
      .where('station_id', '=', station.id)
      .executeTakeFirst();
    expect(row).toMatchObject({ accepted: 2, rejected: 8 });
  });

  it('stores a repeated reading once, in a later batch or within the same one, and aggregates it once', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe));
    const at = ago(env, 3);
    const batch = { readings: [{ metric: 'rainfall_mm', value: 4, at }] };
    expect((await postReadings(env, credentials.deviceToken, batch)).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    await env.platform.monitoring.ingest.drain();
    const before = sink.readings.length;
    // Another spelling of the same instant (+08:00) is the same reading.
    const shanghai = new Date(Date.parse(at) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const again = await postReadings(env, credentials.deviceToken, {
      readings: [
        { metric: 'rainfall_mm', value: 4, at: shanghai },
        { metric: 'rainfall_mm', value: 2, at: ago(env, 2) },
        { metric: 'rainfall_mm', value: 2, at: ago(env, 2) },
      ],
    });
    expect(again.json()).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    expect(await stored(station.id)).toHaveLength(2);
    await env.platform.monitoring.ingest.drain();
    expect(sink.readings.length - before).toBe(1);
    const hourly = await db().selectFrom('monitoring_hourly').selectAll().where('station_id', '=', station.id).execute();
    expect(hourly.reduce((n, h) => n + Number(h.count), 0)).toBe(2);
    expect(hourly.reduce((n, h) => n + h.sum, 0)).toBe(6);
    expect((await detail(station.id)).counters).toMatchObject({ accepted: 2, duplicates: 2 });
  });

  it('accepts late and out-of-order readings: stored, aggregated in their own hour, latest unchanged', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe));
    await postReadings(env, credentials.deviceToken, { readings: [{ metric: 'rainfall_mm', value: 3, at: ago(env, 1) }] });
    const late = ago(env, 180);
    const res = await postReadings(env, credentials.deviceToken, {
      readings: [
        { metric: 'rainfall_mm', value: 7, at: late },
        { metric: 'rainfall_mm', value: 5, at: ago(env, 240) },
      ],
    });
    expect(res.json()).toMatchObject({ accepted: 2 });
    expect((await detail(station.id)).latest[0]).toMatchObject({ value: 3 });
    const hourly = await db()
      .selectFrom('monitoring_hourly')
      .selectAll()
      .where('station_id', '=', station.id)
      .orderBy('bucket')
      .execute();
    expect(hourly.map((h) => h.sum)).toEqual([5, 7, 3]);
    // The 24 h series is in time order whatever the arrival order was.
    const series = (await zhiban.get(`/api/monitoring/stations/${station.id}/series?metric=rainfall_mm&range=24h`)).json();
    expect(series.points.map((p: { value: number }) => p.value)).toEqual([5, 7, 3]);
    const week = (await zhiban.get(`/api/monitoring/stations/${station.id}/series?metric=rainfall_mm&range=7d`)).json();
    expect(week).toMatchObject({ resolution: 'hour', unit: 'mm' });
    expect(week.points.map((p: { sum: number }) => p.sum)).toEqual([5, 7, 3]);
  });

  it('refuses unknown devices and malformed bodies without storing anything', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe));
    const good = { readings: [{ metric: 'rainfall_mm', value: 1, at: ago(env, 1) }] };
    expect((await postReadings(env, null, good)).json().code).toBe('DEVICE_UNAUTHORIZED');
    expect((await postReadings(env, 'not-a-token', good)).statusCode).toBe(401);
    const badJson = await env.app.inject({
      method: 'POST',
      url: '/api/ingest/readings',
      headers: { authorization: `Bearer ${credentials.deviceToken}`, 'content-type': 'application/json' },
      payload: '{"readings": [',
    });
    expect(badJson.statusCode).toBe(400);
    expect((await postReadings(env, credentials.deviceToken, { readings: [] })).statusCode).toBe(400);
    expect((await postReadings(env, credentials.deviceToken, { rows: good.readings })).statusCode).toBe(400);
    expect(await stored(station.id)).toHaveLength(0);
  });

  it('rate-limits a device flooding bad data, without slowing the others', async () => {
    await admin.request({
      method: 'PUT',
      url: `/api/rules/${BAD_INPUT_BUCKET.key}`,
      body: { value: { burst: 20, perSecond: 1 } },
    });
    await env.platform.monitoring.ingest.refreshSettings();
    const flooder = await createStation(zhiban, stationBody(inYonghe, { name: '故障雨量站' }));
    const neighbour = await createStation(zhiban, stationBody(inJitian, { name: '正常雨量站' }));
    const bad = { readings: [{ metric: 'rainfall_mm', value: -1, at: ago(env, 1) }] };
    const statuses: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      statuses.push((await postReadings(env, flooder.credentials.deviceToken, bad)).statusCode);
      // The neighbour keeps reporting in between and is never refused.
      const ok = await postReadings(env, neighbour.credentials.deviceToken, {
        readings: [{ metric: 'rainfall_mm', value: 0.5, at: ago(env, 40 - i) }],
      });
      expect(ok.statusCode).toBe(200);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const limited = await postReadings(env, flooder.credentials.deviceToken, bad);
    expect(limited.json()).toMatchObject({ code: 'DEVICE_RATE_LIMITED' });
    // While limited even a good reading is refused, and nothing is stored.
    const goodWhileLimited = await postReadings(env, flooder.credentials.deviceToken, {
      readings: [{ metric: 'rainfall_mm', value: 1, at: ago(env, 1) }],
    });
    expect(goodWhileLimited.statusCode).toBe(429);
    expect(await stored(flooder.station.id)).toHaveLength(0);
    expect((await detail(flooder.station.id)).counters).toMatchObject({ rejected: 20, rateLimited: 22 });
    expect(await stored(neighbour.station.id)).toHaveLength(40);
    // The bucket refills with time (1 token a second here).
    env.clock.advance(5_000);
    const later = await postReadings(env, flooder.credentials.deviceToken, {
      readings: [{ metric: 'rainfall_mm', value: 1, at: ago(env, 0) }],
    });
    expect(later.json()).toMatchObject({ accepted: 1 });
    await admin.request({ method: 'PUT', url: `/api/rules/${BAD_INPUT_BUCKET.key}`, body: { value: BAD_INPUT_BUCKET.default } });
    await env.platform.monitoring.ingest.refreshSettings();
  });

  it('publishes latest values at most once per township per publish, only what changed, each event small', async () => {
    const a = await createStation(zhiban, stationBody(inYonghe));
    const b = await createStation(zhiban, stationBody(inJitian));
    const latest = env.platform.monitoring.ingest.latest;
    await latest.publish();
    const mark = events.length;
    for (let i = 0; i < 30; i += 1) {
      await postReadings(env, a.credentials.deviceToken, {
        readings: [{ metric: 'rainfall_mm', value: i, at: ago(env, 30 - i) }],
      });
      await postReadings(env, b.credentials.deviceToken, {
        readings: [{ metric: 'rainfall_mm', value: i, at: ago(env, 30 - i) }],
      });
    }
    await env.platform.monitoring.ingest.drain();
    await latest.publish();
    const published = events.slice(mark).filter((e) => e.type === 'monitoring.latest');
    // The timer may have fired once in between too; never anything like one event per reading.
    expect(published.length).toBeGreaterThanOrEqual(2);
    expect(published.length).toBeLessThanOrEqual(4);
    for (const e of published) expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThan(8000);
    const last = (id: string) =>
      published
        .flatMap((e) => (e.data as { stations: { id: string; latest: { value: number }[] }[] }).stations)
        .filter((s) => s.id === id)
        .at(-1)!;
    expect(last(a.station.id).latest).toEqual([expect.objectContaining({ metric: 'rainfall_mm', value: 29 })]);
    expect(
      published.find((e) => (e.data as { stations: { id: string }[] }).stations.some((s) => s.id === b.station.id))!.areaCode,
    ).toBe(b.station.areaCode.slice(0, 9));
    // A township officer's live feed carries its township's stations only (the live route's scope test).
    const { reaches } = await import('../../platform/http/live.routes.ts');
    const yonghe = { userId: 'u', username: 'yonghe', roles: ['township_officer' as const], areaCode: YONGHE };
    expect(published.filter((e) => reaches(yonghe, e)).every((e) => e.areaCode!.startsWith(YONGHE))).toBe(true);
  });
});
