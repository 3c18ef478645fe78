import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { auditOf, createPlan, GRADED, JITIAN, publishPlan, put, YONGHE } from './plans.test-support.ts';

describe.each(DIALECTS)('drills on %s', (dialect) => {
  let env: TestEnv;
  let zhiban: ApiClient;
  let yonghe: ApiClient;
  let jitian: ApiClient;
  let qiye: ApiClient;
  const events: BusEvent[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    zhiban = await env.login('zhiban');
    yonghe = await env.login('yonghe');
    jitian = await env.login('jitian');
    qiye = await env.login('qiye');
    env.platform.events.subscribe((e) => events.push(e));
  });
  afterAll(() => env.close());

  const drillBody = (planId: string, overrides: Record<string, unknown> = {}) => ({
    planId,
    title: '山洪灾害转移桌面推演',
    type: 'tabletop',
    scenario: '上游强降雨引发山洪，组织沿河两村转移',
    organiser: '县应急管理局',
    participants: [{ unit: '县三防指挥部成员单位', people: 30 }, { unit: '永和镇人民政府' }],
    plannedOn: '2026-07-15',
    ...overrides,
  });

  async function planInForce(name: string) {
    const { id } = await createPlan(zhiban, { name });
    await put(zhiban, `/api/plans/${id}/digital`, GRADED);
    await publishPlan(env, id, '2026-06-01');
    return id;
  }

  it('plans, carries out and evaluates a drill; a follow-up action that needs the plan changed flags it for revision', async () => {
    const planId = await planInForce('测试县山洪灾害应急预案');
    const created = await zhiban.post('/api/drills', drillBody(planId));
    expect(created.statusCode).toBe(201);
    const drill = created.json();
    expect(drill).toMatchObject({
      planId,
      planName: '测试县山洪灾害应急预案',
      planLineageId: planId,
      areaCode: '441825',
      state: 'planned',
      participants: [
        { unit: '县三防指挥部成员单位', people: 30 },
        { unit: '永和镇人民政府', people: null },
      ],
    });
    // Evaluating before it took place is out of order.
    const early = await zhiban.post(`/api/drills/${drill.id}/evaluation`, { rating: 'good', summary: '好' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'DRILL_STATE_INVALID',
      details: { state: 'planned', allowedFrom: ['conducted'] },
    });
    // A drill cannot have taken place tomorrow.
    const future = await zhiban.post(`/api/drills/${drill.id}/execution`, {
      conductedOn: '2026-07-02',
      durationMinutes: 90,
      participantCount: 40,
      summary: '按脚本推演',
    });
    expect(future.json().code).toBe('PLAN_DATE_INVALID');

    const done = await zhiban.post(`/api/drills/${drill.id}/execution`, {
      conductedOn: '2026-06-30',
      durationMinutes: 120,
      participantCount: 42,
      summary: '按Ⅳ级、Ⅲ级响应推演，各组汇报处置措施',
    });
    expect(done.json()).toMatchObject({ state: 'conducted', execution: { conductedOn: '2026-06-30', participantCount: 42 } });
    expect((await zhiban.patch(`/api/drills/${drill.id}`, { title: '改名' })).json().code).toBe('DRILL_STATE_INVALID');

    const evaluated = await zhiban.post(`/api/drills/${drill.id}/evaluation`, {
      rating: 'fair',
      summary: '响应启动及时，转移环节衔接不足',
      problems: ['转移名单交接不清'],
      actions: [
        { description: '明确各镇转移责任人报告时限', owner: '县应急管理局', requiresRevision: true },
        { description: '补充村级广播设备', owner: '永和镇人民政府', dueOn: '2026-09-30' },
      ],
    });
    expect(evaluated.statusCode).toBe(200);
    expect(evaluated.json()).toMatchObject({
      state: 'evaluated',
      evaluation: {
        rating: 'fair',
        evaluatedBy: 'zhiban',
        actions: [{ requiresRevision: true }, { requiresRevision: false, dueOn: '2026-09-30' }],
      },
    });
    const plan = (await zhiban.get(`/api/plans/${planId}`)).json();
    expect(plan.revision.flagged).toMatchObject({
      trigger: 'lessons',
      reason: '演练“山洪灾害转移桌面推演”发现问题：明确各镇转移责任人报告时限',
      flaggedBy: 'zhiban',
    });
    expect(plan.timeline.at(-1)).toMatchObject({ kind: 'mark_revision' });
    expect((await auditOf(zhiban, 'drill', drill.id)).map((a) => a.action)).toEqual([
      'drill.evaluate',
      'drill.execute',
      'drill.create',
    ]);
    expect(events.filter((e) => e.type === 'drills.changed').map((e) => (e.data as { state: string }).state)).toEqual(
      expect.arrayContaining(['planned', 'conducted', 'evaluated']),
    );
    expect(events.some((e) => e.type === 'plans.revision_flagged' && (e.data as { id: string }).id === planId)).toBe(true);
  });

  it('keeps a calendar of drills by date within scope, and cancels planned ones with a reason', async () => {
    const planId = await planInForce('测试县内涝应急预案');
    const inYonghe = (
      await yonghe.post(
        '/api/drills',
        drillBody(planId, { title: '永和镇内涝转移演练', type: 'live', areaCode: YONGHE, plannedOn: '2026-08-05' }),
      )
    ).json();
    expect(inYonghe).toMatchObject({ areaCode: YONGHE, type: 'live' });
    // 吉田镇 cannot hold a drill in 永和镇, nor see 永和镇's.
    expect((await jitian.post('/api/drills', drillBody(planId, { areaCode: YONGHE }))).json().code).toBe('OUT_OF_SCOPE');
    expect((await jitian.get(`/api/drills/${inYonghe.id}`)).json().code).toBe('DRILL_NOT_FOUND');
    await jitian.post('/api/drills', drillBody(planId, { title: '吉田镇演练', areaCode: JITIAN, plannedOn: '2026-08-06' }));

    const august = (await zhiban.get('/api/drills?from=2026-08-01&to=2026-08-10')).json();
    expect(august.items.map((d: { title: string }) => d.title)).toEqual(['永和镇内涝转移演练', '吉田镇演练']);
    expect(
      (await yonghe.get('/api/drills?from=2026-08-01&to=2026-08-10')).json().items.map((d: { title: string }) => d.title),
    ).toEqual(['永和镇内涝转移演练']);
    expect((await zhiban.get(`/api/drills?planId=${planId}&type=live`)).json().total).toBe(1);

    expect((await yonghe.post(`/api/drills/${inYonghe.id}/cancel`, {})).json().code).toBe('VALIDATION_FAILED');
    const cancelled = await yonghe.post(`/api/drills/${inYonghe.id}/cancel`, { reason: '主汛期抢险任务，顺延' });
    expect(cancelled.json().state).toBe('cancelled');
    expect((await yonghe.post(`/api/drills/${inYonghe.id}/cancel`, { reason: '再次' })).json().code).toBe('DRILL_STATE_INVALID');
  });

  it('refuses drills of a replaced version and of plans an enterprise officer does not keep', async () => {
    const planId = await planInForce('测试县城市内涝应急预案');
    const draft = (await zhiban.post(`/api/plans/${planId}/revise`, {})).json();
    await put(zhiban, `/api/plans/${draft.id}/digital`, GRADED);
    await publishPlan(env, draft.id, '2026-06-30');
    const res = await zhiban.post('/api/drills', drillBody(planId));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DRILL_PLAN_INVALID', details: { nextVersionId: draft.id } });
    expect((await qiye.post('/api/drills', drillBody(draft.id, { areaCode: YONGHE }))).json().code).toBe('FORBIDDEN');
  });

  it('checks drill frequency per department against the rule (B.10), counting drills of every version', async () => {
    const overview = async (client: ApiClient = zhiban) => (await client.get('/api/drills/overview')).json();
    const first = await overview();
    const all = first.departments.flatMap((d: { plans: { name: string }[] }) => d.plans);
    const forest = all.find((p: { name: string }) => p.name.includes('森林火灾'));
    expect(forest).toMatchObject({ status: 'overdue', intervalMonths: 36, nextPlannedOn: '2026-08-15' });
    expect(first.departments[0]).toMatchObject({ department: '县林业局', overdue: 1 });
    // The drill carried out in the first test counts: the next is due three years later.
    const fresh = all.find((p: { name: string }) => p.name === '测试县山洪灾害应急预案');
    expect(fresh).toMatchObject({ lastDrillOn: '2026-06-30', dueOn: '2029-06-30', status: 'ok' });

    // An enterprise's 现场处置方案 must be drilled every six months.
    const { id } = await createPlan(qiye, {
      name: '某水泥厂粉尘爆炸现场处置方案',
      category: 'enterprise',
      enterpriseForm: 'onsite',
      areaCode: YONGHE,
      hazardTypes: ['industrial'],
      ownerDepartment: '某水泥厂',
    });
    await put(qiye, `/api/plans/${id}/digital`, GRADED);
    await qiye.post(`/api/plans/${id}/submit-review`, { reviewers: [{ name: '厂安全总监' }] });
    await yonghe.post(`/api/plans/${id}/review-opinions`, { reviewer: '厂安全总监', opinion: 'agree' });
    await qiye.post(`/api/plans/${id}/submit-approval`, {});
    await (await env.login('lingdao')).post(`/api/plans/${id}/approve`, {});
    expect((await qiye.post(`/api/plans/${id}/publish`, { publishedOn: '2025-11-01' })).json().state).toBe('published');
    const factory = (await overview(yonghe)).departments.find((d: { department: string }) => d.department === '某水泥厂');
    expect(factory).toMatchObject({
      overdue: 1,
      plans: [{ intervalMonths: 6, dueOn: '2026-05-01', overdueDays: 61, status: 'overdue' }],
    });
    const drill = (
      await qiye.post('/api/drills', drillBody(id, { title: '粉尘爆炸现场处置演练', areaCode: YONGHE, plannedOn: '2026-06-20' }))
    ).json();
    await qiye.post(`/api/drills/${drill.id}/execution`, {
      conductedOn: '2026-06-20',
      durationMinutes: 45,
      participantCount: 25,
      summary: '疏散与初期处置',
    });
    const after = (await overview(yonghe)).departments.find((d: { department: string }) => d.department === '某水泥厂');
    expect(after.plans[0]).toMatchObject({ lastDrillOn: '2026-06-20', dueOn: '2026-12-20', status: 'ok' });
  });
});
