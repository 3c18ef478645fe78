import type { AddressInfo } from 'node:net';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DIALECTS } from '../../../test/db.ts';
import { ADMIN_PASSWORD, testEnv, type TestEnv } from '../../../test/env.ts';
import { DEMO_PASSWORD } from '../../demo/demo.ts';
import { installErrorHandler } from '../../platform/http/error-handler.ts';
import { installSessionHook } from '../../platform/http/session-hook.ts';
import { alarmsRoutes } from './alarms.routes.ts';
import { harness, JITIAN, reading, station, YONGHE, type EvaluationHarness } from './alarms.test-support.ts';

const START = '2026-07-01T00:00:00.000Z';

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each(DIALECTS)('alarms over HTTP and the live feed on %s', (dialect) => {
  let env: TestEnv;
  let h: EvaluationHarness;
  let api: FastifyInstance;
  let base: string;
  const sockets: WebSocket[] = [];
  const yongheGauge = station({ id: 'rain-yh', kind: 'rain_gauge', areaCode: `${YONGHE}201` });
  const jitianGauge = station({ id: 'rain-jt', kind: 'rain_gauge', areaCode: `${JITIAN}201` });

  beforeAll(async () => {
    env = await testEnv(dialect);
    h = harness(env.platform.db, env.clock, env.platform.events);
    // The alarm routes on an app of their own (the composition registers them in app.ts), with the platform's
    // sessions, CSRF check and error handler.
    api = Fastify();
    api.setValidatorCompiler(validatorCompiler);
    api.setSerializerCompiler(serializerCompiler);
    installErrorHandler(api);
    await api.register(cookie);
    installSessionHook(api, env.platform.sessions);
    alarmsRoutes(api, h);
    await api.ready();
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await api.close();
    await env.close();
  });

  async function session(username: string) {
    const password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD;
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    const token = res.cookies.find((c) => c.name === 'yingji_session')!.value;
    const csrf = (res.json() as { csrfToken: string }).csrfToken;
    const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
      api.inject({
        method,
        url,
        cookies: { yingji_session: token },
        headers: { 'x-csrf-token': csrf },
        ...(body !== undefined && { payload: body as object }),
      });
    return { call, cookie: `yingji_session=${token}` };
  }

  async function live(cookieHeader: string): Promise<{ type: string; areaCode: string | null; data: unknown }[]> {
    const messages: { type: string; areaCode: string | null; data: unknown }[] = [];
    const socket = new WebSocket(`ws://${base}/api/live`, { headers: { cookie: cookieHeader } });
    sockets.push(socket);
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await until(() => messages.some((m) => m.type === 'live.connected'));
    return messages;
  }

  it('pushes alarm events only to users whose scope covers the station, and lists them by scope', async () => {
    const yonghe = await session('yonghe');
    const jitian = await session('jitian');
    const zhiban = await session('zhiban');
    const yongheFeed = await live(yonghe.cookie);
    const countyFeed = await live(zhiban.cookie);
    type Message = { type: string; areaCode: string | null; data: unknown };
    const alarmsOf = (feed: Message[]) => feed.filter((m) => m.type.startsWith('alarm.'));

    // 吉田 first, then 永和: events travel in order, so once 永和's has arrived 吉田's would have too.
    await h.ingest([reading(jitianGauge, 'rainfall_mm', START, 10, 60)]);
    await h.ingest([reading(yongheGauge, 'rainfall_mm', START, 10, 30)]);
    await until(() => alarmsOf(yongheFeed).length >= 1 && alarmsOf(countyFeed).length >= 2);
    expect(alarmsOf(yongheFeed)).toEqual([
      expect.objectContaining({
        type: 'alarm.raised',
        areaCode: yongheGauge.areaCode,
        data: expect.objectContaining({ stationId: 'rain-yh', level: 'blue' }),
      }),
    ]);
    expect(alarmsOf(countyFeed).map((m) => (m as { data: { stationId: string } }).data.stationId)).toEqual([
      'rain-jt',
      'rain-yh',
    ]);

    const mine = (await yonghe.call('GET', '/api/alarms')).json();
    expect(mine.items.map((a: { stationId: string }) => a.stationId)).toEqual(['rain-yh']);
    expect((await jitian.call('GET', `/api/alarms?areaCode=${YONGHE}`)).json().total).toBe(0);
    const county = (await zhiban.call('GET', '/api/alarms?level=orange,red&state=active')).json();
    expect(county.items.map((a: { stationId: string }) => a.stationId)).toEqual(['rain-jt']);
  });

  it('acknowledges through the API with permission, scope and validation', async () => {
    const yonghe = await session('yonghe');
    const jitian = await session('jitian');
    const chakan = await session('chakan');
    const id = (await yonghe.call('GET', '/api/alarms?stationId=rain-yh')).json().items[0].id as string;

    const refused = [
      [await jitian.call('GET', `/api/alarms/${id}`), 404, 'ALARM_NOT_FOUND'],
      [await jitian.call('POST', `/api/alarms/${id}/acknowledge`, { note: '已知悉' }), 404, 'ALARM_NOT_FOUND'],
      [await chakan.call('POST', `/api/alarms/${id}/acknowledge`, { note: '已知悉' }), 403, 'FORBIDDEN'],
      [await yonghe.call('POST', `/api/alarms/${id}/acknowledge`, { note: '  ' }), 400, 'VALIDATION_FAILED'],
      [await yonghe.call('POST', `/api/alarms/${id}/acknowledge`, { note: '好', extra: 1 }), 400, 'VALIDATION_FAILED'],
      [await yonghe.call('POST', '/api/alarms/not-a-uuid/acknowledge', { note: '好' }), 400, 'VALIDATION_FAILED'],
      [await yonghe.call('GET', '/api/alarms?level=purple'), 400, 'VALIDATION_FAILED'],
      [await yonghe.call('GET', '/api/alarms?state=open'), 400, 'VALIDATION_FAILED'],
      [await yonghe.call('POST', `/api/alarms/${id}/warning-draft`), 501, 'ALARM_ACTION_NOT_AVAILABLE'],
      [await yonghe.call('POST', `/api/alarms/${id}/incident`), 501, 'ALARM_ACTION_NOT_AVAILABLE'],
    ] as const;
    for (const [res, status, code] of refused) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
    }
    // Nothing was written by the refusals.
    expect((await yonghe.call('GET', `/api/alarms/${id}`)).json()).toMatchObject({
      acknowledgedAt: null,
      history: [{ kind: 'raised' }],
    });

    const acked = await yonghe.call('POST', `/api/alarms/${id}/acknowledge`, { note: '已安排巡查' });
    expect(acked.statusCode, acked.body).toBe(200);
    expect(acked.json()).toMatchObject({ acknowledgedBy: 'yonghe', ackNote: '已安排巡查' });
    const again = await yonghe.call('POST', `/api/alarms/${id}/acknowledge`, { note: '再次' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'ALARM_ALREADY_ACKNOWLEDGED']);
  });

  it('sets a station override through the API (administrator), validated against the rule', async () => {
    const admin = await session('admin');
    const yonghe = await session('yonghe');
    const url = '/api/alarm-rules/stations/rain-yh/rainfall';
    const config = {
      enabled: true,
      windows: [{ hours: 1, thresholds: { blue: 10, yellow: 20, orange: 30, red: 40 } }],
      hysteresis: 2,
    };
    expect((await yonghe.call('PUT', url, { config })).json().code).toBe('FORBIDDEN');
    const bad = await admin.call('PUT', url, { config: { ...config, windows: [] } });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'ALARM_RULE_INVALID']);
    expect((await admin.call('PUT', '/api/alarm-rules/stations/rain-yh/bogus', { config })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    const ok = await admin.call('PUT', url, { config });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().find((v: { rule: string }) => v.rule === 'rainfall')).toMatchObject({
      source: 'station',
      version: 1,
      effective: config,
    });
    const views = (await yonghe.call('GET', '/api/alarm-rules/stations/rain-yh')).json();
    expect(views.find((v: { rule: string }) => v.rule === 'water_level')).toMatchObject({ source: 'default', version: 0 });
    expect((await (await session('jitian')).call('GET', '/api/alarm-rules/stations/rain-yh')).json().code).toBe(
      'STATION_NOT_FOUND',
    );
    // The evaluator uses it from the next batch: 30 mm in 1 h is now orange.
    await h.ingest([reading(yongheGauge, 'rainfall_mm', START, 20, 0)]);
    expect(h.evaluator.levelOf('rain-yh', 'rainfall')).toBe('orange');
    const removed = await admin.call('DELETE', url);
    expect(removed.json().find((v: { rule: string }) => v.rule === 'rainfall')).toMatchObject({ source: 'default', version: 2 });
  });
});
