import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { inScope } from '../../platform/access/scope.ts';
import { likeText } from '../../platform/search/like.ts';
import { SHELTER_COLUMNS } from './shelters.excel.ts';
import { sheltersRepo } from './shelters.repo.ts';
import { pointIn, shelterBody, targetBody, upload, workbook, YONGHE, YONGLIAN } from './shelters.test-support.ts';

type Listed = { items: { id: string; name: string }[]; total: number; totalCapped: boolean; hasMore: boolean };

// Register lists at scale (ADR 0007): name search through the name index, capped totals, the kind-driven filter.
describe.each(DIALECTS)('shelter and target lists on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let p: { lon: number; lat: number };

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    p = await pointIn(yonghe, YONGLIAN);
  });
  afterAll(() => env.close());

  async function byLike(table: 'shelters' | 'protection_targets', scope: string, q: string): Promise<string[]> {
    const rows = await env.platform.db.kysely
      .selectFrom(table)
      .select('name')
      .where((eb) => inScope(eb, 'area_code', scope))
      .where('name', 'like', likeText(q))
      .execute();
    return rows.map((r) => r.name).sort();
  }
  async function listed(client: ApiClient, url: string, q: string): Promise<string[]> {
    const page = (await client.get(`${url}?limit=500&q=${encodeURIComponent(q)}`)).json() as Listed;
    expect(page.total).toBe(page.items.length);
    return page.items.map((s) => s.name).sort();
  }
  const QUERIES = ['广场', '永和', '避难', '场', '导入', '学校', 'ABC', 'abc', '永和镇中心', '没有这个', '%', '_'];
  async function expectSameAsLike() {
    for (const q of QUERIES) {
      expect(await listed(county, '/api/shelters', q), q).toEqual(await byLike('shelters', '441825', q));
      expect(await listed(yonghe, '/api/shelters', q), q).toEqual(await byLike('shelters', YONGHE, q));
      expect(await listed(yonghe, '/api/protection-targets', q), q).toEqual(await byLike('protection_targets', YONGHE, q));
    }
  }

  it('finds by name what LIKE finds, after creation, Excel import, renames and deletion', async () => {
    const ids: string[] = [];
    for (const name of ['永和镇中心广场避难场所', 'ABC 学校操场', '永和小学避难点']) {
      ids.push((await yonghe.post('/api/shelters', shelterBody(p, { name }))).json().id);
    }
    const target = (await yonghe.post('/api/protection-targets', targetBody(p, { name: '永和镇中心学校' }))).json().id;
    await expectSameAsLike();

    const file = await workbook(
      SHELTER_COLUMNS.map((c) => c.header),
      [['导入广场 abc', '室外', '中心', 6000, '供水', '覃一', 13800138000, '永联村', p.lon, p.lat, '']],
    );
    expect((await upload(yonghe, '/api/shelters/import', file)).json()).toEqual({ imported: 1 });
    await expectSameAsLike();

    expect((await yonghe.patch(`/api/shelters/${ids[0]}`, { name: '永和镇河滨公园' })).statusCode).toBe(200);
    expect((await yonghe.patch(`/api/protection-targets/${target}`, { name: '永和镇测试卫生所' })).statusCode).toBe(200);
    await expectSameAsLike();
    expect(await listed(yonghe, '/api/shelters', '中心广场')).toEqual([]);
    expect(await listed(yonghe, '/api/shelters', '河滨')).toEqual(['永和镇河滨公园']);
    expect(await listed(yonghe, '/api/protection-targets', '测试卫生所')).toEqual(['永和镇测试卫生所']);

    expect((await yonghe.request({ method: 'DELETE', url: `/api/shelters/${ids[0]}` })).statusCode).toBe(200);
    expect((await yonghe.request({ method: 'DELETE', url: `/api/protection-targets/${target}` })).statusCode).toBe(200);
    await expectSameAsLike();
    expect(await listed(yonghe, '/api/shelters', '河滨')).toEqual([]);
  });

  it('caps the total at 1,000, pages on with hasMore, and filters by type, grade and open exactly', async () => {
    const now = new Date().toISOString();
    const rows = Array.from({ length: 1_020 }, (_, i) => ({
      id: randomUUID(),
      name: `批量场所${String(i).padStart(4, '0')}`,
      type: i % 2 === 0 ? ('indoor' as const) : ('outdoor' as const),
      grade: i % 3 === 0 ? ('central' as const) : ('fixed' as const),
      usable_area: 1000,
      facilities: '[]',
      manager_name: '测试',
      manager_phone: '13800000000',
      lon: p.lon,
      lat: p.lat,
      area_code: YONGLIAN,
      open: i % 5 === 0 ? 1 : 0,
      occupancy: 0,
      demo: 0,
      created_at: now,
      updated_at: now,
    }));
    await env.platform.db.kysely.transaction().execute((trx) => sheltersRepo.insertMany(trx, dialect, rows));

    expect((await yonghe.get('/api/shelters?limit=50')).json()).toMatchObject({ total: 1000, totalCapped: true, hasMore: true });
    expect((await yonghe.get('/api/shelters?limit=500&offset=1000')).json()).toMatchObject({ hasMore: false });
    for (const [type, grade, open] of [
      ['indoor', 'central', true],
      ['outdoor', 'fixed', false],
    ] as const) {
      const exact = rows.filter((r) => r.type === type && r.grade === grade && r.open === (open ? 1 : 0));
      const page = (await county.get(`/api/shelters?limit=500&type=${type}&grade=${grade}&open=${open}&q=批量`)).json() as Listed;
      expect(page).toMatchObject({ total: exact.length, totalCapped: false });
      expect(page.items.map((s) => s.name)).toEqual(exact.map((r) => r.name).sort());
      const typeOnly = rows.filter((r) => r.type === type);
      expect((await county.get(`/api/shelters?limit=1&type=${type}&q=批量`)).json()).toMatchObject({ total: typeOnly.length });
    }
    expect((await yonghe.get('/api/shelters?areaCode=441825104')).json()).toMatchObject({ items: [], total: 0 });
  });
});
