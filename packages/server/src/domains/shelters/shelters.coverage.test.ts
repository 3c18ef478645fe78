import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { clearShelters, pointIn, putRule, readWorkbook, shelterBody, YONGHE } from './shelters.test-support.ts';

const HEDONG_FARM = '441825451'; // 禾洞农林场
const LIANSHAN_FARM = '441825450'; // 连山林场

interface Row {
  areaCode: string;
  population: number | null;
  outdoorCapacity: number;
  outdoorRatio: number | null;
  indoorCapacity: number;
  indoorRatio: number | null;
  status: string;
}

describe.each(DIALECTS)('shelter coverage (R-09) on %s', (dialect) => {
  let env: TestEnv;
  let admin: ApiClient;
  let county: ApiClient;
  let yonghe: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    admin = await env.login('admin');
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    // A hand-made case: 10 000 people, shelters of known sizes, nothing else in the township.
    await clearShelters(county, HEDONG_FARM);
    expect((await county.patch(`/api/areas/${HEDONG_FARM}`, { population: 10_000 })).statusCode).toBe(200);
    expect((await county.patch(`/api/areas/${LIANSHAN_FARM}`, { population: null })).statusCode).toBe(200);
    const point = await pointIn(county, HEDONG_FARM);
    const shelters = [
      { name: '固定室外', type: 'outdoor', grade: 'fixed', usableArea: 1500 }, // 1000 people
      { name: '中心室外', type: 'outdoor', grade: 'central', usableArea: 1530 }, // 1020
      { name: '紧急室外', type: 'outdoor', grade: 'emergency', usableArea: 900 }, // 600, not counted by R-09
      { name: '室内', type: 'indoor', grade: 'fixed', usableArea: 450 }, // 300
    ];
    for (const s of shelters) expect((await county.post('/api/shelters', shelterBody(point, s))).statusCode).toBe(201);
  });
  afterAll(() => env.close());

  const rowOf = async (client: ApiClient, code: string) =>
    ((await client.get('/api/shelters/coverage')).json().rows as Row[]).find((r) => r.areaCode === code);

  it('computes the township figures exactly', async () => {
    const report = (await county.get('/api/shelters/coverage')).json();
    expect(report.thresholds).toEqual({
      outdoorMin: 0.2,
      outdoorGood: 0.3,
      indoorMin: 0.03,
      indoorGood: 0.05,
      outdoorGrades: ['fixed', 'central'],
    });
    expect(report.rows).toHaveLength(9);
    expect(report.rows.find((r: Row) => r.areaCode === HEDONG_FARM)).toEqual({
      areaCode: HEDONG_FARM,
      areaName: '禾洞农林场',
      population: 10_000,
      outdoorShelters: 2,
      outdoorCapacity: 2020,
      outdoorRatio: 0.202,
      indoorShelters: 1,
      indoorCapacity: 300,
      indoorRatio: 0.03,
      status: 'sufficient',
    });
    expect(report.rows.find((r: Row) => r.areaCode === LIANSHAN_FARM)).toMatchObject({
      population: null,
      outdoorRatio: null,
      status: 'no_population',
    });
    const rows = report.rows as Row[];
    expect(report.total).toMatchObject({
      areaCode: '441825',
      areaName: '合计',
      population: rows.reduce((n, r) => n + (r.population ?? 0), 0),
      outdoorCapacity: rows.reduce((n, r) => n + r.outdoorCapacity, 0),
      indoorCapacity: rows.reduce((n, r) => n + r.indoorCapacity, 0),
    });
  });

  it('follows the thresholds and norms an administrator sets', async () => {
    const put = (key: string, value: unknown) => putRule(admin, key, value);
    expect(
      (
        await put('shelters.coverage', {
          outdoorMin: 0.2,
          outdoorGood: 0.3,
          indoorMin: 0.05,
          indoorGood: 0.05,
          outdoorGrades: ['fixed', 'central'],
        })
      ).statusCode,
    ).toBe(200);
    expect(await rowOf(county, HEDONG_FARM)).toMatchObject({ indoorRatio: 0.03, status: 'insufficient' });
    await put('shelters.coverage', {
      outdoorMin: 0.2,
      outdoorGood: 0.3,
      indoorMin: 0.03,
      indoorGood: 0.05,
      outdoorGrades: ['fixed', 'central', 'emergency'],
    });
    expect(await rowOf(county, HEDONG_FARM)).toMatchObject({ outdoorShelters: 3, outdoorCapacity: 2620, status: 'sufficient' });
    await put('shelters.coverage', {
      outdoorMin: 0.2,
      outdoorGood: 0.3,
      indoorMin: 0.03,
      indoorGood: 0.05,
      outdoorGrades: ['fixed', 'central'],
    });
    // 2 m² per person in fixed shelters: 750 + 1020 = 1770 outdoor places, 225 indoor.
    await put('shelters.area_per_person', { emergency: 1.5, fixed: 2, central: 1.5 });
    expect(await rowOf(county, HEDONG_FARM)).toMatchObject({
      outdoorCapacity: 1770,
      outdoorRatio: 0.177,
      indoorCapacity: 225,
      indoorRatio: 0.0225,
      status: 'insufficient',
    });
    await put('shelters.area_per_person', { emergency: 1.5, fixed: 1.5, central: 1.5 });
    expect((await rowOf(county, HEDONG_FARM))!.status).toBe('sufficient');
  });

  it('shows a township officer only their township', async () => {
    const report = (await yonghe.get('/api/shelters/coverage')).json();
    expect(report.rows.map((r: Row) => r.areaCode)).toEqual([YONGHE]);
    expect(report.total.areaCode).toBe(YONGHE);
    expect(await rowOf(yonghe, HEDONG_FARM)).toBeUndefined();
  });

  it('exports the table to Excel with percentages and Chinese statuses', async () => {
    const res = await county.get('/api/shelters/coverage.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toEqual([
      '乡镇',
      '区划代码',
      '常住人口',
      '室外场所数',
      '室外容量（人）',
      '室外覆盖率（%）',
      '室内场所数',
      '室内容量（人）',
      '室内覆盖率（%）',
      '状态',
    ]);
    expect(rows.find((r) => r[1] === HEDONG_FARM)).toEqual(['禾洞农林场', HEDONG_FARM, 10_000, 2, 2020, 20.2, 1, 300, 3, '达标']);
    expect(rows.at(-1)![0]).toBe('合计');
    const own = await readWorkbook((await yonghe.get('/api/shelters/coverage.xlsx')).rawPayload);
    expect(own.map((r) => r[1])).toEqual(['区划代码', YONGHE, YONGHE]);
  });
});
