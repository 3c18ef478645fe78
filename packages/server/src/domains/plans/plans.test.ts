import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { auditOf, COUNTY, createPlan, GRADED, JITIAN, planBody, put, YONGHE } from './plans.test-support.ts';

interface PlanItem {
  id: string;
  name: string;
  category: string;
  eventClass: string | null;
  state: string;
  catalogueMark: string | null;
  levelCount: number;
  areaCode: string;
}

describe.each(DIALECTS)('plan register on %s', (dialect) => {
  let env: TestEnv;
  let zhiban: ApiClient;
  let yonghe: ApiClient;
  let jitian: ApiClient;
  let qiye: ApiClient;
  let chakan: ApiClient;
  const events: BusEvent[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    zhiban = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    jitian = await env.login('jitian');
    qiye = await env.login('qiye');
    chakan = await env.login('chakan');
    env.platform.events.subscribe((e) => events.push(e));
  });
  afterAll(() => env.close());

  const list = async (client: ApiClient, query = '') =>
    (await client.get(`/api/plans?limit=500${query}`)).json() as { items: PlanItem[]; total: number };

  it('seeds the 31 plans of 001 专栏3 for the demo county, two of them full digital plans in force', async () => {
    const { items, total } = await list(chakan, '&areaCode=441825');
    expect(total).toBe(31);
    const byClass = (c: string | null) => items.filter((p) => p.eventClass === c).length;
    expect([byClass(null), byClass('natural_disaster'), byClass('accident'), byClass('support')]).toEqual([1, 7, 19, 4]);
    expect(items.filter((p) => p.catalogueMark === 'new')).toHaveLength(17);
    expect(items.find((p) => p.category === 'overall')!.name).toBe('连山壮族瑶族自治县突发事件总体应急预案');
    const inForce = items.filter((p) => p.state === 'filed');
    expect(inForce.map((p) => p.name).sort()).toEqual([
      '连山壮族瑶族自治县森林火灾应急预案',
      '连山壮族瑶族自治县防汛防旱防风防冻应急预案',
    ]);
    for (const plan of inForce) {
      expect(plan.levelCount).toBe(4);
      const digital = (await chakan.get(`/api/plans/${plan.id}/digital`)).json();
      expect(digital.validation).toEqual({ publishable: true, issues: [] });
      expect(digital.digital.levels.map((l: { level: string }) => l.level)).toEqual(['IV', 'III', 'II', 'I']);
      expect(digital.digital.levels[0].tasks[0].withinMinutes).toBeGreaterThan(0);
    }
    // Running the demo again adds nothing.
    const { loadPlansDemo } = await import('./plans.demo.ts');
    expect(await loadPlansDemo(env.platform, COUNTY)).toEqual({ loaded: false });
  });

  it('filters the register by category, state, hazard, department and name', async () => {
    expect((await list(chakan, '&category=overall')).total).toBe(1);
    expect((await list(chakan, '&state=filed')).total).toBe(2);
    expect((await list(chakan, '&hazard=forest_fire')).items.map((p) => p.name)).toEqual([
      '连山壮族瑶族自治县森林火灾应急预案',
      '连山壮族瑶族自治县自然灾害救助应急预案',
    ]);
    expect((await list(chakan, `&ownerDepartment=${encodeURIComponent('县林业局')}`)).total).toBe(1);
    expect((await list(chakan, `&q=${encodeURIComponent('燃气')}`)).items.map((p) => p.name)).toEqual([
      '连山壮族瑶族自治县燃气事故应急预案',
    ]);
  });

  it('registers a draft with links, edits it while drafting, audits and announces each change', async () => {
    const { items } = await list(zhiban, '&category=overall');
    const overall = items[0]!;
    const created = (
      await zhiban.post('/api/plans', planBody({ parentId: overall.id, relatedIds: [], summary: '试点', public: true }))
    ).json();
    expect(created).toMatchObject({
      version: 1,
      state: 'drafting',
      lineageId: created.id,
      parent: { id: overall.id, name: overall.name },
      allowedSteps: ['submit_review'],
      timeline: [{ kind: 'create', toState: 'drafting', actorName: 'zhiban' }],
      public: true,
    });
    expect((await auditOf(zhiban, 'plan', created.id))[0]).toMatchObject({ action: 'plan.create', actorName: 'zhiban' });
    expect(events.some((e) => e.type === 'plans.changed' && (e.data as { id: string }).id === created.id)).toBe(true);

    const renamed = await zhiban.patch(`/api/plans/${created.id}`, {
      name: '测试县洪涝灾害应急预案（2026 年修订稿）',
      hazardTypes: ['flood', 'rainstorm'],
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: '测试县洪涝灾害应急预案（2026 年修订稿）',
      hazardTypes: ['flood', 'rainstorm'],
    });
    expect(renamed.json().timeline.map((t: { kind: string }) => t.kind)).toEqual(['create', 'update']);
    const [entry] = await auditOf(zhiban, 'plan', created.id);
    expect(entry).toMatchObject({ action: 'plan.update', before: { name: '测试县洪涝灾害应急预案' } });

    // The parent's detail lists it among its children (上下衔接).
    expect((await zhiban.get(`/api/plans/${overall.id}`)).json().children.map((c: { id: string }) => c.id)).toContain(created.id);
    // A loop is refused: the overall plan cannot hang under its own child.
    const loop = await zhiban.post('/api/plans', planBody({ name: '子预案', parentId: created.id }));
    const child = loop.json();
    const cyc = await zhiban.patch(`/api/plans/${created.id}`, { parentId: child.id });
    expect(cyc.statusCode).toBe(400);
    expect(cyc.json().code).toBe('PLAN_LINK_INVALID');
    const self = await zhiban.patch(`/api/plans/${created.id}`, { relatedIds: [created.id] });
    expect(self.json().code).toBe('PLAN_LINK_INVALID');

    const deleted = await zhiban.request({ method: 'DELETE', url: `/api/plans/${child.id}` });
    expect(deleted.json()).toEqual({ ok: true });
    expect((await zhiban.get(`/api/plans/${child.id}`)).json().code).toBe('PLAN_NOT_FOUND');
    expect((await auditOf(zhiban, 'plan', child.id))[0]).toMatchObject({ action: 'plan.delete' });
  });

  it('refuses edits of a plan that is no longer a draft, and bad input', async () => {
    const filed = (await list(zhiban, '&state=filed')).items[0]!;
    const edit = await zhiban.patch(`/api/plans/${filed.id}`, { name: '改名' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'PLAN_NOT_EDITABLE', details: { state: 'filed' } });
    expect((await put(zhiban, `/api/plans/${filed.id}/digital`, GRADED)).json().code).toBe('PLAN_NOT_EDITABLE');
    expect((await zhiban.request({ method: 'DELETE', url: `/api/plans/${filed.id}` })).json().code).toBe('PLAN_NOT_DELETABLE');

    const unknownField = await zhiban.post('/api/plans', { ...planBody(), color: 'red' });
    expect(unknownField.json().code).toBe('VALIDATION_FAILED');
    const formWithoutEnterprise = await zhiban.post('/api/plans', planBody({ enterpriseForm: 'onsite' }));
    expect(formWithoutEnterprise.json().code).toBe('VALIDATION_FAILED');
    const unknownArea = await zhiban.post('/api/plans', planBody({ areaCode: '441825999' }));
    expect(unknownArea.json().code).toBe('AREA_NOT_FOUND');
    expect((await chakan.post('/api/plans', planBody())).json().code).toBe('FORBIDDEN');
  });

  it('shows a township its own plans and the county plans above it, which it may read but not change', async () => {
    const own = await createPlan(yonghe, {
      name: '永和镇突发事件总体应急预案',
      category: 'township',
      areaCode: YONGHE,
      hazardTypes: [],
    });
    const yongheList = await list(yonghe);
    expect(yongheList.items.map((p) => p.id)).toContain(own.id);
    expect(yongheList.items.filter((p) => p.areaCode === COUNTY).length).toBeGreaterThanOrEqual(31);
    // 吉田镇 sees the county's plans, never 永和镇's.
    const jitianList = await list(jitian);
    expect(jitianList.items.map((p) => p.id)).not.toContain(own.id);
    expect((await jitian.get(`/api/plans/${own.id}`)).json().code).toBe('PLAN_NOT_FOUND');
    // A township's filter to its own area shows only its own.
    expect((await list(yonghe, `&areaCode=${YONGHE}`)).items.map((p) => p.id)).toEqual([own.id]);
    expect((await list(yonghe, `&areaCode=${JITIAN}`)).total).toBe(0);

    const county = (await list(yonghe, '&category=special&state=drafting')).items[0]!;
    expect((await yonghe.get(`/api/plans/${county.id}`)).statusCode).toBe(200);
    const edit = await yonghe.patch(`/api/plans/${county.id}`, { name: '越权修改' });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().code).toBe('OUT_OF_SCOPE');
    // Registering in another township is refused too.
    expect((await createPlan(yonghe, { areaCode: YONGHE })).state).toBe('drafting');
    expect((await yonghe.post('/api/plans', planBody({ areaCode: JITIAN }))).json().code).toBe('OUT_OF_SCOPE');
    // A township plan may hang under the county's overall plan it can see.
    const overall = (await list(yonghe, '&category=overall')).items[0]!;
    expect((await yonghe.patch(`/api/plans/${own.id}`, { parentId: overall.id })).json().parent.id).toBe(overall.id);
  });

  it('matches incidents in the actor’s scope against the demo plans in force, and validates unsaved content', async () => {
    const fire = (
      await yonghe.post('/api/plans/match', { hazard: 'forest_fire', areaCode: '441825100201', burnedForestHa: 5, injured: 2 })
    ).json();
    expect(fire.best).toMatchObject({ planName: '连山壮族瑶族自治县森林火灾应急预案', level: 'III', specific: true });
    expect(fire.best.matchedTriggers.map((t: { description: string }) => t.description)).toEqual([
      '受害森林面积 1 公顷以上 100 公顷以下',
    ]);
    const flood = (
      await zhiban.post('/api/plans/match', { hazard: 'typhoon', areaCode: COUNTY, warningLevel: 'yellow', deaths: 12 })
    ).json();
    expect(flood.best).toMatchObject({ planName: '连山壮族瑶族自治县防汛防旱防风防冻应急预案', level: 'II' });
    expect((await zhiban.post('/api/plans/match', { hazard: 'earthquake', areaCode: COUNTY, deaths: 50 })).json()).toEqual({
      best: null,
      matches: [],
    });
    // Outside the actor's scope, or facts that are not facts, are refused.
    expect((await yonghe.post('/api/plans/match', { hazard: 'flood', areaCode: JITIAN })).json().code).toBe('OUT_OF_SCOPE');
    expect((await zhiban.post('/api/plans/match', { hazard: 'meteor', areaCode: COUNTY })).json().code).toBe('VALIDATION_FAILED');
    expect((await zhiban.post('/api/plans/match', { hazard: 'flood', areaCode: COUNTY, deaths: -1 })).json().code).toBe(
      'VALIDATION_FAILED',
    );

    const check = await chakan.post('/api/plans/digital/validate', {
      hazardTypes: ['flood'],
      digital: { ...GRADED, levels: [] },
    });
    expect(check.json()).toMatchObject({ publishable: false, issues: [{ kind: 'no_levels', severity: 'error' }] });
  });

  it('lets an enterprise safety officer keep enterprise plans of its area only', async () => {
    const enterprise = await qiye.post(
      '/api/plans',
      planBody({
        name: '某水泥厂生产安全事故现场处置方案',
        category: 'enterprise',
        enterpriseForm: 'onsite',
        areaCode: YONGHE,
        hazardTypes: ['industrial'],
      }),
    );
    expect(enterprise.statusCode).toBe(201);
    const special = await qiye.post('/api/plans', planBody({ areaCode: YONGHE }));
    expect(special.statusCode).toBe(403);
    expect(special.json().code).toBe('FORBIDDEN');
    expect(
      (await qiye.patch(`/api/plans/${enterprise.json().id}`, { category: 'special', enterpriseForm: null })).json().code,
    ).toBe('FORBIDDEN');
  });
});
