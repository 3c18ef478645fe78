import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { BAD_INPUT_BUCKET } from './ingest.config.ts';
import { ago, createStation, pointIn, RecordingSink, stationBody, YONGHE } from './monitoring.test-support.ts';
import { READINGS_TOPIC, startEmbeddedBroker, type RunningBroker } from './mqtt.broker.ts';
import { subscribeExternal } from './mqtt.external.ts';
import { startMqttIngest } from './mqtt.ts';

const run = promisify(execFile);
const log = pino({ level: 'silent' });

function connect(port: number, username: string, password: string) {
  return mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username, password, reconnectPeriod: 0, clientId: `dev-${username}` });
}

describe.each(DIALECTS)('MQTT ingest on %s', (dialect) => {
  let env: TestEnv;
  let zhiban: ApiClient;
  let inYonghe: { lon: number; lat: number };
  let broker: RunningBroker;
  const sink = new RecordingSink();

  beforeAll(async () => {
    env = await testEnv(dialect);
    zhiban = await env.login('zhiban');
    inYonghe = await pointIn(zhiban, YONGHE);
    env.platform.monitoring.ingest.setSink(sink);
    broker = await startEmbeddedBroker(env.platform.monitoring.ingest, { port: 0, host: '127.0.0.1', log });
  });
  afterAll(async () => {
    await broker.close();
    await env.close();
  });

  const stored = (stationId: string) =>
    env.platform.db.kysely
      .selectFrom('monitoring_readings')
      .selectAll()
      .where('station_id', '=', stationId)
      .orderBy('at')
      .execute();

  it('takes readings from a device logged in with its station credentials; the PUBACK comes after the commit', async () => {
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe));
    const device = await connect(broker.port, credentials.mqttUsername, credentials.mqttPassword);
    const readings = [
      { metric: 'rainfall_mm', value: 2.5, at: ago(env, 2) },
      { metric: 'rainfall_mm', value: 3.5, at: ago(env, 1) },
    ];
    await device.publishAsync(READINGS_TOPIC(station.code), JSON.stringify({ readings }), { qos: 1 });
    // publishAsync resolved on the PUBACK: the readings are in the table already.
    expect((await stored(station.id)).map((r) => r.value)).toEqual([2.5, 3.5]);
    // A bare reading object and a bare array are accepted too; a repeated one is stored once.
    await device.publishAsync(READINGS_TOPIC(station.code), JSON.stringify(readings[0]), { qos: 1 });
    await device.publishAsync(
      READINGS_TOPIC(station.code),
      JSON.stringify([{ metric: 'rainfall_mm', value: 1, at: ago(env, 0) }]),
      {
        qos: 1,
      },
    );
    expect(await stored(station.id)).toHaveLength(3);
    // Malformed and impossible payloads are acknowledged (resending would not fix them) and counted.
    await device.publishAsync(READINGS_TOPIC(station.code), 'not json', { qos: 1 });
    await device.publishAsync(
      READINGS_TOPIC(station.code),
      JSON.stringify({ metric: 'rainfall_mm', value: -5, at: ago(env, 0) }),
      {
        qos: 1,
      },
    );
    expect(device.connected).toBe(true);
    const detail = (await zhiban.get(`/api/monitoring/stations/${station.id}`)).json();
    expect(detail.counters).toMatchObject({ accepted: 3, duplicates: 1, rejected: 2 });
    expect(detail.state).toBe('online');
    await device.endAsync();
    await env.platform.monitoring.ingest.drain();
    expect(sink.readings.filter((r) => r.station.id === station.id)).toHaveLength(3);
  });

  it('refuses wrong credentials, and ends a device publishing to another station’s topic', async () => {
    const a = await createStation(zhiban, stationBody(inYonghe));
    const b = await createStation(zhiban, stationBody(inYonghe));
    await expect(connect(broker.port, a.credentials.mqttUsername, 'wrong')).rejects.toThrow(
      /Bad username or password|Not authorized/i,
    );
    await expect(connect(broker.port, 'nobody', a.credentials.mqttPassword)).rejects.toThrow();
    const device = await connect(broker.port, a.credentials.mqttUsername, a.credentials.mqttPassword);
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    device.publish(READINGS_TOPIC(b.station.code), JSON.stringify({ metric: 'rainfall_mm', value: 1, at: ago(env, 0) }), {
      qos: 1,
    });
    await closed;
    expect(await stored(b.station.id)).toHaveLength(0);
    device.end(true);
  });

  it('disconnects a device flooding bad messages, and refuses its log-in until its bucket refills', async () => {
    await env.platform.rules.set({ userId: 'system', username: 'system', roles: ['admin'], areaCode: '' }, BAD_INPUT_BUCKET.key, {
      burst: 5,
      perSecond: 1,
    });
    await env.platform.monitoring.ingest.refreshSettings();
    const { station, credentials } = await createStation(zhiban, stationBody(inYonghe));
    const good = await createStation(zhiban, stationBody(inYonghe));
    const device = await connect(broker.port, credentials.mqttUsername, credentials.mqttPassword);
    const neighbour = await connect(broker.port, good.credentials.mqttUsername, good.credentials.mqttPassword);
    const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
    for (let i = 0; i < 5; i += 1) await device.publishAsync(READINGS_TOPIC(station.code), 'bad', { qos: 1 });
    device.publish(READINGS_TOPIC(station.code), 'bad', { qos: 1 });
    await closed;
    device.end(true);
    await expect(connect(broker.port, credentials.mqttUsername, credentials.mqttPassword)).rejects.toThrow(/unavailable/i);
    // The neighbour is not affected.
    await neighbour.publishAsync(
      READINGS_TOPIC(good.station.code),
      JSON.stringify({ metric: 'rainfall_mm', value: 1, at: ago(env, 0) }),
      {
        qos: 1,
      },
    );
    expect(await stored(good.station.id)).toHaveLength(1);
    await neighbour.endAsync();
    env.clock.advance(3_000);
    const again = await connect(broker.port, credentials.mqttUsername, credentials.mqttPassword);
    await again.publishAsync(READINGS_TOPIC(station.code), JSON.stringify({ metric: 'rainfall_mm', value: 1, at: ago(env, 0) }), {
      qos: 1,
    });
    expect(await stored(station.id)).toHaveLength(1);
    await again.endAsync();
    await env.platform.rules.set(
      { userId: 'system', username: 'system', roles: ['admin'], areaCode: '' },
      BAD_INPUT_BUCKET.key,
      BAD_INPUT_BUCKET.default,
    );
    await env.platform.monitoring.ingest.refreshSettings();
  });

  it('reports the MQTT ingest in /api/health: none, the embedded broker, an external broker', async () => {
    const health = async () => (await zhiban.get('/api/health')).json().broker as { state: string; detail: string };
    expect((await health()).state).toBe('disabled');
    const asConfigured = (overrides: Partial<typeof env.platform.config>) => ({
      ...env.platform,
      config: { ...env.platform.config, host: '127.0.0.1', ...overrides },
    });
    const embedded = (await startMqttIngest(asConfigured({ mqttMode: 'embedded', mqttPort: 0 })))!;
    try {
      expect(await health()).toEqual({
        state: 'running',
        detail: expect.stringMatching(/^MQTT 接入：内置代理 mqtt:\/\/127\.0\.0\.1:\d+$/),
      });
    } finally {
      await embedded.close();
    }
    const external = (await startMqttIngest(asConfigured({ mqttMode: 'external', mqttUrl: 'mqtt://127.0.0.1:1883' })))!;
    try {
      expect((await health()).state).toBe('connected');
    } finally {
      await external.close();
    }
    expect((await health()).state).toBe('disconnected');
  });

  it('subscribes to an external broker (Mosquitto) and stores what mosquitto_pub publishes', async () => {
    const { station } = await createStation(zhiban, stationBody(inYonghe));
    const sub = await subscribeExternal(env.platform.monitoring.ingest, {
      url: 'mqtt://127.0.0.1:1883',
      log,
      database: `${dialect}-${station.id}`,
    });
    try {
      const payload = JSON.stringify({
        readings: [
          { metric: 'rainfall_mm', value: 8.5, at: ago(env, 1) },
          { metric: 'rainfall_mm', value: 9.5, at: ago(env, 0) },
        ],
      });
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', '1883', '-q', '1', '-t', READINGS_TOPIC(station.code), '-m', payload]);
      let rows = await stored(station.id);
      while (rows.length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        rows = await stored(station.id);
      }
      expect(rows.map((r) => r.value)).toEqual([8.5, 9.5]);
    } finally {
      await sub.close();
    }
  });
});
