import type { StationCreate } from '@yingji/contracts/monitoring.ts';
import type { ApiClient, TestEnv } from '../../../test/env.ts';
import type { AcceptedReading, ConditionReport, ConditionSink, ReadingSink } from './monitoring.pipeline.ts';

export { pointIn, YONGHE, YONGLIAN, JITIAN } from '../shelters/shelters.test-support.ts';

/** A sink that keeps what it was handed, in order: what the rules half would have seen. */
export class RecordingSink implements ReadingSink, ConditionSink {
  readonly batches: AcceptedReading[][] = [];
  readonly conditions: ConditionReport[] = [];
  async accept(batch: readonly AcceptedReading[]): Promise<void> {
    this.batches.push([...batch]);
  }
  async report(conditions: readonly ConditionReport[]): Promise<void> {
    this.conditions.push(...conditions);
  }
  get readings(): AcceptedReading[] {
    return this.batches.flat();
  }
}

let seq = 0;
export function stationBody(point: { lon: number; lat: number }, overrides: Partial<StationCreate> = {}): StationCreate {
  seq += 1;
  return {
    code: `T-${process.pid}-${seq}`,
    name: `测试雨量站${seq}`,
    kind: 'rain_gauge',
    ownerType: 'department',
    ownerName: '县水利局',
    deviceIds: ['RTU-1'],
    waterLevels: null,
    note: null,
    ...point,
    ...overrides,
  };
}

/** Creates a station through the API; returns it with its credentials. */
export async function createStation(client: ApiClient, body: StationCreate) {
  const res = await client.post('/api/monitoring/stations', body);
  if (res.statusCode !== 201) throw new Error(`create station: ${res.statusCode} ${res.body}`);
  return res.json() as {
    station: { id: string; code: string; areaCode: string };
    credentials: { deviceToken: string; mqttUsername: string; mqttPassword: string };
  };
}

/** POST /api/ingest/readings as a device does. */
export function postReadings(env: TestEnv, token: string | null, body: unknown) {
  return env.app.inject({
    method: 'POST',
    url: '/api/ingest/readings',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: body as object,
  });
}

/** Minutes before the test clock's now, as ISO. */
export function ago(env: TestEnv, minutes: number): string {
  return new Date(env.clock.now().getTime() - minutes * 60_000).toISOString();
}
