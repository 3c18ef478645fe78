import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { loadDemo } from '../../demo/demo.ts';

describe.each(DIALECTS)('rescue demo data on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
  });
  afterAll(() => env.close());

  it('follows seed 000: 森林消防专业队伍 7 支共 88 人, 机动综合应急救援队伍 282 人, all marked demo', async () => {
    const forest = (await county.get('/api/rescue/teams?type=forest_fire&limit=500')).json();
    expect(forest.total).toBe(7);
    expect(forest.items.reduce((n: number, t: { memberCount: number }) => n + t.memberCount, 0)).toBe(88);
    const mobile = (await county.get(`/api/rescue/teams?level=county&type=comprehensive`)).json().items;
    expect(mobile.map((t: { name: string; memberCount: number }) => [t.name, t.memberCount])).toEqual([
      ['连山县机动综合应急救援队伍', 282],
    ]);
    const all = (await county.get('/api/rescue/teams?limit=500')).json().items;
    expect(
      all.every(
        (t: { demo: boolean; areaCode: string }) => t.demo && t.areaCode.startsWith('441825') && t.areaCode.length === 12,
      ),
    ).toBe(true);
    const experts = (await county.get('/api/rescue/experts?limit=500')).json();
    expect(experts.total).toBeGreaterThanOrEqual(10);
    expect(new Set(experts.items.flatMap((e: { fields: string[] }) => e.fields)).size).toBeGreaterThanOrEqual(8);
  });

  it('shows township teams below standard in the report, expired certificates and maintenance due', async () => {
    const report = (await county.get('/api/rescue/teams/standards')).json();
    const township = report.items.filter((i: { level: string }) => i.level === 'township').map((i: { name: string }) => i.name);
    expect(township.sort()).toEqual(['上帅镇综合应急救援队', '太保镇综合应急救援队', '禾洞镇综合应急救援队'].sort());
    expect((await county.get('/api/rescue/certificates/due')).json().items.some((i: { expired: boolean }) => i.expired)).toBe(
      true,
    );
    expect(
      (await county.get('/api/rescue/equipment/maintenance-due')).json().items.some((i: { overdue: boolean }) => i.overdue),
    ).toBe(true);
  });

  it('loads once: running the demo again adds nothing', async () => {
    const before = (await county.get('/api/rescue/teams?limit=1')).json().total;
    await loadDemo(env.platform);
    expect((await county.get('/api/rescue/teams?limit=1')).json().total).toBe(before);
  });
});
