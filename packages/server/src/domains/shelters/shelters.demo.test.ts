import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import { loadSheltersDemo } from './shelters.demo.ts';

describe.each(DIALECTS)('shelters demo data on %s', (dialect) => {
  let env: TestEnv;
  let county: ApiClient;

  beforeAll(async () => {
    env = await testEnv(dialect);
    county = await env.login('zhiban');
  });
  afterAll(() => env.close());

  it('puts labelled demo shelters in every township, some of them under R-09', async () => {
    const shelters = (await county.get('/api/shelters?limit=500')).json();
    expect(shelters.total).toBeGreaterThan(30);
    expect(shelters.items.every((s: { demo: boolean; note: string }) => s.demo && s.note.includes('演示'))).toBe(true);
    const report = (await county.get('/api/shelters/coverage')).json();
    const status = Object.fromEntries(report.rows.map((r: { areaName: string; status: string }) => [r.areaName, r.status]));
    expect(status).toEqual({
      永和镇: 'sufficient',
      吉田镇: 'sufficient',
      太保镇: 'insufficient',
      禾洞镇: 'sufficient',
      福堂镇: 'insufficient',
      小三江镇: 'sufficient',
      上帅镇: 'insufficient',
      连山林场: 'sufficient',
      禾洞农林场: 'insufficient',
    });
    const open = shelters.items.filter((s: { open: boolean }) => s.open);
    expect(open).toHaveLength(1);
    expect(open[0].occupancy).toBeGreaterThan(0);
  });

  it('has schools, hospitals and reservoirs, and duty-holders for most villages but not all', async () => {
    const types = new Set(
      (await county.get('/api/protection-targets?limit=500')).json().items.map((t: { type: string }) => t.type),
    );
    expect([...types]).toEqual(expect.arrayContaining(['school', 'hospital', 'reservoir', 'nursing_home']));
    const gaps = (await county.get('/api/duty-holders/gaps')).json();
    expect(gaps.villages).toBe(55);
    expect(gaps.covered).toBeGreaterThan(40);
    expect(gaps.covered).toBeLessThan(55);
  });

  it('loads only once', async () => {
    const before = (await county.get('/api/shelters?limit=1')).json().total;
    expect(await loadSheltersDemo(env.platform, '441825')).toEqual({ loaded: false });
    expect((await county.get('/api/shelters?limit=1')).json().total).toBe(before);
  });
});
