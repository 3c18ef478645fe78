import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { XLSX_TYPE } from '../../platform/excel.ts';
import { OFFLINE_RULE, RAW_RETENTION_DAYS } from './ingest.config.ts';
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

describe.each(DIALECTS)('monitoring stations on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let zhiban: ApiClient;
  let yonghe: ApiClient;
  let chakan: ApiClient;
  let inYonghe: { lon: number; lat: number };
  let inJitian: { lon: number; lat: number };
  const events: BusEvent[] = [];
  const sink = new RecordingSink();

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
    zhiban = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    chakan = await env.login('chakan');
    inYonghe = await pointIn(zhiban, YONGHE);
    inJitian = await pointIn(zhiban, JITIAN);
    env.platform.events.subscribe((e) => events.push(e));
    env.platform.monitoring.ingest.setSink(sink);
    env.platform.monitoring.ingest.setConditionSink(sink);
  });
  afterAll(() => env.close());

  it('registers a station placed by its point, returns its credentials once, and audits without secrets', async () => {
    const res = await yonghe.post(
      '/api/monitoring/stations',
      stationBody(inYonghe, {
        kind: 'water_level',
        name: '连江测试水位站',
        waterLevels: { warning: 215.5, guaranteed: 217, historicMax: 218.2 },
        deviceIds: ['RTU-9', 'RTU-9', 'WL-1'],
      }),
    );
    expect(res.statusCode).toBe(201);
    const { station, credentials } = res.json();
    expect(station).toMatchObject({
      kind: 'water_level',
      state: 'offline',
      deviceIds: ['RTU-9', 'WL-1'],
      waterLevels: { warning: 215.5, guaranteed: 217, historicMax: 218.2 },
      demo: false,
      latest: [],
      counters: { accepted: 0, rejected: 0 },
    });
    expect(station.areaCode.startsWith(YONGHE)).toBe(true);
    expect(credentials.deviceToken.length).toBeGreaterThanOrEqual(40);
    expect(credentials.mqttUsername).toBe(station.code);
    // Only hashes are stored.
    const row = await env.platform.db.kysely
      .selectFrom('monitoring_stations')
      .selectAll()
      .where('id', '=', station.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(credentials.deviceToken);
    expect(JSON.stringify(row)).not.toContain(credentials.mqttPassword);
    const audit = (await admin.get(`/api/audit?entity=station&entityId=${station.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['station.create']);
    expect(JSON.stringify(audit)).not.toMatch(/token_hash|password_hash/);
    // The detail never shows secrets again.
    expect(JSON.stringify((await yonghe.get(`/api/monitoring/stations/${station.id}`)).json())).not.toContain(
      credentials.deviceToken,
    );
  });

  it('refuses bad input, places outside the scope or the county, duplicate codes and other roles, writing nothing', async () => {
    const count = async () =>
      Number(
        (
          await env.platform.db.kysely
            .selectFrom('monitoring_stations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const code = async (client: ApiClient, body: unknown) => (await client.post('/api/monitoring/stations', body)).json().code;
    expect(await code(yonghe, stationBody(inJitian))).toBe('OUT_OF_SCOPE');
    expect(await code(zhiban, stationBody({ lon: 116.4, lat: 39.9 }))).toBe('LOCATION_OUTSIDE');
    expect(await code(chakan, stationBody(inYonghe))).toBe('FORBIDDEN');
    expect(await code(zhiban, { ...stationBody(inYonghe), kind: 'volcano' })).toBe('VALIDATION_FAILED');
    expect(await code(zhiban, { ...stationBody(inYonghe), code: 'has space' })).toBe('VALIDATION_FAILED');
    expect(await code(zhiban, { ...stationBody(inYonghe), extra: 1 })).toBe('VALIDATION_FAILED');
    expect(await code(zhiban, stationBody(inYonghe, { waterLevels: { warning: 1, guaranteed: 2, historicMax: 3 } }))).toBe(
      'VALIDATION_FAILED',
    );
    const taken = await createStation(zhiban, stationBody(inYonghe));
    expect(await code(zhiban, stationBody(inYonghe, { code: taken.station.code }))).toBe('STATION_CODE_TAKEN');
    expect(await count()).toBe(before + 1);
  });

  it('lists and reads within the scope only; out of scope looks absent', async () => {
    const jitian = await createStation(zhiban, stationBody(inJitian, { name: '吉田测试站' }));
    const mine = await createStation(yonghe, stationBody(inYonghe, { name: '永和测试站' }));
    const list = (await yonghe.get('/api/monitoring/stations?limit=2000')).json();
    expect(list.items.every((s: { areaCode: string }) => s.areaCode.startsWith(YONGHE))).toBe(true);
    expect(list.items.map((s: { id: string }) => s.id)).toContain(mine.station.id);
    expect((await yonghe.get(`/api/monitoring/stations/${jitian.station.id}`)).json().code).toBe('STATION_NOT_FOUND');
    const county = (await chakan.get('/api/monitoring/stations?kind=rain_gauge&q=吉田测试')).json();
    expect(county.items.map((s: { id: string }) => s.id)).toEqual([jitian.station.id]);
    expect((await chakan.get('/api/monitoring/stations?kind=nope')).statusCode).toBe(400);
  });

  it('updates, marks and clears a fault, rotates credentials and deletes with the readings', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe));
    const moved = await zhiban.patch(`/api/monitoring/stations/${station.id}`, { name: '改名站', ...inJitian });
    expect(moved.json()).toMatchObject({ name: '改名站' });
    expect(moved.json().areaCode.startsWith(JITIAN)).toBe(true);
    expect((await zhiban.patch(`/api/monitoring/stations/${station.id}`, { code: 'X' })).statusCode).toBe(400);
    const fault = await zhiban.patch(`/api/monitoring/stations/${station.id}`, { fault: true });
    expect(fault.json().state).toBe('fault');
    expect(events.some((e) => e.type === 'monitoring.station_state' && (e.data as { state: string }).state === 'fault')).toBe(
      true,
    );
    // A reading does not clear a fault set by a person.
    await postReadings(env, credentials.deviceToken, { readings: [{ metric: 'rainfall_mm', value: 1, at: ago(env, 1) }] });
    await env.platform.monitoring.ingest.drain();
    expect((await zhiban.get(`/api/monitoring/stations/${station.id}`)).json().state).toBe('fault');
    expect((await zhiban.patch(`/api/monitoring/stations/${station.id}`, { fault: false })).json().state).toBe('offline');

    const rotated = (await zhiban.post(`/api/monitoring/stations/${station.id}/credentials`)).json();
    const reading = { readings: [{ metric: 'rainfall_mm', value: 2, at: ago(env, 0) }] };
    expect((await postReadings(env, credentials.deviceToken, reading)).statusCode).toBe(401);
    expect((await postReadings(env, rotated.deviceToken, reading)).statusCode).toBe(200);

    expect((await zhiban.request({ method: 'DELETE', url: `/api/monitoring/stations/${station.id}` })).json()).toEqual({
      ok: true,
    });
    expect((await zhiban.get(`/api/monitoring/stations/${station.id}`)).statusCode).toBe(404);
    expect((await postReadings(env, rotated.deviceToken, reading)).statusCode).toBe(401);
    const left = await env.platform.db.kysely
      .selectFrom('monitoring_readings')
      .select('at')
      .where('station_id', '=', station.id)
      .execute();
    expect(left).toEqual([]);
    const audit = (await admin.get(`/api/audit?entity=station&entityId=${station.id}`))
      .json()
      .items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['station.create', 'station.update', 'station.credentials', 'station.delete']));
  });

  it('imports an Excel sheet all or nothing, with row errors, and exports what the scope holds', async () => {
    const template = await zhiban.get('/api/monitoring/stations/template.xlsx');
    expect(template.headers['content-type']).toBe(XLSX_TYPE);
    const sheet = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      ws.spliceRows(2, 1);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = (buffer: Buffer) =>
      zhiban.request({
        method: 'POST',
        url: '/api/monitoring/stations/import',
        body: buffer,
        headers: { 'content-type': XLSX_TYPE },
      });
    const bad = await upload(
      await sheet([
        [
          `XL-${process.pid}-1`,
          '导入雨量站',
          '雨量站',
          '部门',
          '县水利局',
          'RTU-1、RTU-2',
          inYonghe.lon,
          inYonghe.lat,
          '',
          '',
          '',
          '',
        ],
        [`XL-${process.pid}-2`, '导入站', '火山站', '部门', '县水利局', '', 116.4, 39.9, '', '', '', ''],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('IMPORT_INVALID');
    expect(bad.json().details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ row: 3, column: '站点类型' })]));
    const good = await upload(
      await sheet([
        [
          `XL-${process.pid}-1`,
          '导入雨量站',
          '雨量站',
          '部门',
          '县水利局',
          'RTU-1、RTU-2',
          inYonghe.lon,
          inYonghe.lat,
          '',
          '',
          '',
          '',
        ],
        [
          `XL-${process.pid}-3`,
          '导入水位站',
          '水位站',
          '部门',
          '县水利局',
          '',
          inJitian.lon,
          inJitian.lat,
          230.5,
          232,
          233.1,
          '备注',
        ],
      ]),
    );
    expect(good.statusCode).toBe(200);
    expect(good.json().imported).toBe(2);
    expect(good.json().credentials).toHaveLength(2);
    const list = (await zhiban.get(`/api/monitoring/stations?q=XL-${process.pid}`)).json();
    expect(list.items.find((s: { kind: string }) => s.kind === 'water_level').waterLevels).toEqual({
      warning: 230.5,
      guaranteed: 232,
      historicMax: 233.1,
    });
    const exported = await yonghe.get('/api/monitoring/stations/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const codes: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => n > 1 && codes.push(String(row.getCell(1).value)));
    expect(codes).toContain(`XL-${process.pid}-1`);
    expect(codes).not.toContain(`XL-${process.pid}-3`); // in 吉田镇, outside 永和镇's scope
  });

  it('loads demo stations for 连山 inside the county, labelled demo', async () => {
    const all = (await chakan.get('/api/monitoring/stations?limit=2000&q=DEMO-')).json().items as {
      areaCode: string;
      demo: boolean;
      kind: string;
      note: string;
      waterLevels: unknown;
    }[];
    expect(all.length).toBeGreaterThanOrEqual(14);
    expect(all.every((s) => s.demo && s.areaCode.startsWith('441825') && s.note.includes('演示'))).toBe(true);
    expect(new Set(all.map((s) => s.kind))).toEqual(new Set(['rain_gauge', 'water_level', 'geohazard', 'forest_fire', 'hazmat']));
    expect(all.filter((s) => s.kind === 'water_level').every((s) => s.waterLevels !== null)).toBe(true);
  });

  it('marks a silent station offline after N minutes, reports the condition, and brings it back on the next reading', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe, { name: '看门狗测试站' }));
    await postReadings(env, credentials.deviceToken, { readings: [{ metric: 'rainfall_mm', value: 1, at: ago(env, 0) }] });
    await env.platform.monitoring.ingest.drain();
    expect((await zhiban.get(`/api/monitoring/stations/${station.id}`)).json().state).toBe('online');
    const { minutes } = OFFLINE_RULE.default;
    env.clock.advance((minutes - 1) * 60_000);
    await env.platform.monitoring.jobs.checkOffline();
    expect((await zhiban.get(`/api/monitoring/stations/${station.id}`)).json().state).toBe('online');
    env.clock.advance(2 * 60_000);
    // Through the job queue, as the running server does it.
    await env.platform.monitoring.jobs.schedule();
    env.clock.advance(60_000);
    while (await env.platform.jobs.runOnce()) {
      /* run every due job */
    }
    expect((await zhiban.get(`/api/monitoring/stations/${station.id}`)).json().state).toBe('offline');
    const offline = sink.conditions.filter((c) => c.station.id === station.id);
    expect(offline).toEqual([expect.objectContaining({ rule: 'offline', level: 'blue' })]);
    expect(
      events.some(
        (e) =>
          e.type === 'monitoring.station_state' &&
          (e.data as { id: string; state: string }).id === station.id &&
          (e.data as { state: string }).state === 'offline',
      ),
    ).toBe(true);
    await postReadings(env, credentials.deviceToken, { readings: [{ metric: 'rainfall_mm', value: 1, at: ago(env, 0) }] });
    await env.platform.monitoring.ingest.drain();
    expect((await zhiban.get(`/api/monitoring/stations/${station.id}`)).json().state).toBe('online');
    expect(sink.conditions.filter((c) => c.station.id === station.id).at(-1)).toMatchObject({ rule: 'offline', level: null });
  });

  it('prunes raw readings past the retention and keeps the hourly and daily aggregates', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe));
    const days = RAW_RETENTION_DAYS.default;
    const old = ago(env, (days + 2) * 24 * 60);
    await postReadings(env, credentials.deviceToken, {
      readings: [
        { metric: 'rainfall_mm', value: 4, at: old },
        { metric: 'rainfall_mm', value: 6, at: ago(env, 10) },
      ],
    });
    await env.platform.monitoring.ingest.drain();
    const deleted = await env.platform.monitoring.jobs.pruneRaw();
    expect(deleted).toBeGreaterThanOrEqual(1);
    const db = env.platform.db.kysely;
    const raw = await db.selectFrom('monitoring_readings').select('value').where('station_id', '=', station.id).execute();
    expect(raw.map((r) => r.value)).toEqual([6]);
    const hourly = await db
      .selectFrom('monitoring_hourly')
      .selectAll()
      .where('station_id', '=', station.id)
      .orderBy('bucket')
      .execute();
    expect(hourly.map((h) => h.sum)).toEqual([4, 6]);
    const daily = await db
      .selectFrom('monitoring_daily')
      .selectAll()
      .where('station_id', '=', station.id)
      .orderBy('bucket')
      .execute();
    expect(daily.map((d) => [d.bucket, d.sum, Number(d.count)])).toEqual([
      [new Date(Date.parse(old) + 8 * 3_600_000).toISOString().slice(0, 10), 4, 1],
      [expect.any(String), 6, 1],
    ]);
  });
});
