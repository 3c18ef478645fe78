import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { inScope } from '../../platform/access/scope.ts';
import { likeText } from '../../platform/search/like.ts';
import { TEAM_COLUMNS } from './rescue.sheets.ts';
import { expertInput, pointsOf, teamInput, workbook, XLSX_HEADERS, YONGHE, YONGLIAN } from './rescue.testing.ts';
import { teamsRepo } from './teams.repo.ts';

type Listed = { items: { id: string; name: string }[]; total: number; totalCapped: boolean; hasMore: boolean };

// Register lists at scale (ADR 0007): name search through the name index, capped totals, the kind-driven filter.
describe.each(DIALECTS)('rescue team lists on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;
  let yonghe: ApiClient;
  let point: Awaited<ReturnType<typeof pointsOf>>;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    point = await pointsOf(county);
  });
  afterAll(() => env.close());

  /** What LIKE alone gives over the scope: the answer the index must reproduce. */
  async function byLike(scope: string, q: string): Promise<string[]> {
    const rows = await env.platform.db.kysely
      .selectFrom('rescue_teams')
      .select('name')
      .where((eb) => inScope(eb, 'area_code', scope))
      .where('name', 'like', likeText(q))
      .execute();
    return rows.map((r) => r.name).sort();
  }
  async function listed(client: ApiClient, q: string): Promise<string[]> {
    const page = (await client.get(`/api/rescue/teams?limit=500&q=${encodeURIComponent(q)}`)).json() as Listed;
    expect(page.totalCapped).toBe(false);
    expect(page.total).toBe(page.items.length);
    return page.items.map((t) => t.name).sort();
  }
  const QUERIES = ['消防', '永和', '救援队', '队', '导入', '山洪', 'abc', 'ABC', '蓝天', '永和镇消防', '不存在的名字', '%', '_'];
  async function expectSameAsLike() {
    for (const q of QUERIES) {
      expect(await listed(county, q), q).toEqual(await byLike('441825', q));
      expect(await listed(yonghe, q), q).toEqual(await byLike(YONGHE, q));
    }
  }

  it('finds by name what LIKE finds, after creation, Excel import, renames and deletion', async () => {
    const at = point(YONGLIAN);
    const created: string[] = [];
    for (const name of ['永和镇消防突击队', '蓝天救援队永和分队', 'ABC Rescue 永和']) {
      created.push((await yonghe.post('/api/rescue/teams', teamInput(name, at))).json().id);
    }
    await expectSameAsLike();

    const headers = TEAM_COLUMNS.map((c) => c.header);
    const file = await workbook(headers, [
      ['永和镇导入消防队', '综合', '镇级', null, null, at.lon, at.lat, '韦队长', 13800138011],
      ['abc 导入 山洪 小组', '志愿者', '村级', null, null, at.lon, at.lat, '莫队长', 13800138012],
    ]);
    const imported = await yonghe.request({ method: 'POST', url: '/api/rescue/teams/import', body: file, headers: XLSX_HEADERS });
    expect(imported.json()).toEqual({ imported: 2 });
    await expectSameAsLike();
    expect(await listed(yonghe, '山洪')).toEqual(['abc 导入 山洪 小组']);

    // A rename drops the old name from the index and adds the new one; an unrelated change leaves it alone.
    expect((await yonghe.patch(`/api/rescue/teams/${created[0]}`, { name: '永和镇山洪抢险队' })).statusCode).toBe(200);
    expect((await yonghe.patch(`/api/rescue/teams/${created[1]}`, { dutyState: 'deployed' })).statusCode).toBe(200);
    await expectSameAsLike();
    expect(await listed(yonghe, '突击')).toEqual([]);
    expect(await listed(yonghe, '山洪抢险')).toEqual(['永和镇山洪抢险队']);

    expect((await yonghe.request({ method: 'DELETE', url: `/api/rescue/teams/${created[0]}` })).statusCode).toBe(200);
    await expectSameAsLike();
    expect(await listed(yonghe, '山洪抢险')).toEqual([]);
  });

  it('finds experts by name or organisation as LIKE does, after creation, Excel import, edits and deletion', async () => {
    const at = point(YONGLIAN);
    async function same() {
      for (const q of ['水利', '连山', '覃', '县水利局', '应急管理', 'Lab', 'lab', '局\n覃', '不存在']) {
        const like = await env.platform.db.kysely
          .selectFrom('rescue_experts')
          .select('name')
          .where((eb) => inScope(eb, 'area_code', '441825'))
          .where((eb) => eb.or([eb('name', 'like', likeText(q)), eb('organisation', 'like', likeText(q))]))
          .execute();
        const page = (await county.get(`/api/rescue/experts?limit=500&q=${encodeURIComponent(q)}`)).json() as Listed;
        expect(page.items.map((e) => e.name).sort(), q).toEqual(like.map((r) => r.name).sort());
      }
    }
    const a = (await yonghe.post('/api/rescue/experts', expertInput('覃水利', at, { organisation: '广东 Flood Lab' }))).json();
    const b = (await yonghe.post('/api/rescue/experts', expertInput('莫应急', at, { organisation: '连山县应急管理局' }))).json();
    await same();
    expect((await yonghe.patch(`/api/rescue/experts/${a.id}`, { organisation: '清远市水文局' })).statusCode).toBe(200);
    expect((await yonghe.patch(`/api/rescue/experts/${b.id}`, { name: '覃应急' })).statusCode).toBe(200);
    await same();
    expect((await yonghe.request({ method: 'DELETE', url: `/api/rescue/experts/${b.id}` })).statusCode).toBe(200);
    await same();
  });

  it('caps the total at 1,000, pages on with hasMore, and filters by type, level and duty state exactly', async () => {
    const now = new Date().toISOString();
    const kinds = [
      ['comprehensive', 'township', 'deployed'],
      ['comprehensive', 'township', 'standby'],
      ['volunteer', 'village', 'deployed'],
    ] as const;
    const rows = Array.from({ length: 1_050 }, (_, i) => {
      const [type, level, duty_state] = kinds[i % 3]!;
      return {
        id: randomUUID(),
        name: `批量队伍${String(i).padStart(4, '0')}`,
        type,
        level,
        duty_state,
        lon: 112.1,
        lat: 24.6,
        area_code: YONGLIAN,
        leader_name: '测试',
        leader_phone: '13800000000',
        is_demo: 0,
        created_at: now,
        updated_at: now,
      };
    });
    await env.platform.db.kysely.transaction().execute((trx) => teamsRepo.insert(trx, dialect, rows));

    const first = (await yonghe.get('/api/rescue/teams?limit=50')).json() as Listed;
    expect(first).toMatchObject({ total: 1000, totalCapped: true, hasMore: true });
    expect(first.items).toHaveLength(50);
    const named = (await yonghe.get('/api/rescue/teams?limit=1&q=' + encodeURIComponent('批量队伍'))).json() as Listed;
    expect(named).toMatchObject({ total: 1000, totalCapped: true, hasMore: true });
    const all = (await yonghe.get(`/api/rescue/teams?limit=500&offset=1000`)).json() as Listed;
    expect(all.hasMore).toBe(false);
    expect(all.items.length).toBeGreaterThan(50);

    // 350 of each kind: under the cap, counted exactly, every one listed in order.
    for (const [type, level, dutyState] of kinds) {
      const exact = rows.filter((r) => r.type === type && r.level === level && r.duty_state === dutyState);
      const page = (
        await county.get(`/api/rescue/teams?limit=500&type=${type}&level=${level}&dutyState=${dutyState}&q=批量`)
      ).json() as Listed;
      expect(page).toMatchObject({ total: exact.length, totalCapped: false, hasMore: false });
      expect(page.items.map((t) => t.name)).toEqual(exact.map((r) => r.name).sort());
    }
    const deployed = (await yonghe.get('/api/rescue/teams?limit=500&dutyState=deployed&q=批量')).json() as Listed;
    expect(deployed).toMatchObject({ total: 700, totalCapped: false, hasMore: true });
    // An area filter beside the scope lists nothing, one inside it narrows it.
    expect((await yonghe.get('/api/rescue/teams?areaCode=441825104')).json()).toMatchObject({ items: [], total: 0 });
    expect((await county.get(`/api/rescue/teams?areaCode=${YONGLIAN}&limit=1`)).json()).toMatchObject({ totalCapped: true });
  });
});
