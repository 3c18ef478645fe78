import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/db.ts';
import { testEnv, type ApiClient, type TestEnv } from '../../../test/env.ts';
import type { BusEvent } from '../../platform/events/bus.ts';
import { auditOf, createPlan, GRADED, OVERLAPPING, publishPlan, put } from './plans.test-support.ts';

describe.each(DIALECTS)('plan lifecycle on %s', (dialect) => {
  let env: TestEnv;
  let zhiban: ApiClient;
  let lingdao: ApiClient;
  let yonghe: ApiClient;
  const events: BusEvent[] = [];

  beforeAll(async () => {
    env = await testEnv(dialect);
    zhiban = await env.login('zhiban');
    lingdao = await env.login('lingdao');
    yonghe = await env.login('yonghe');
    env.platform.events.subscribe((e) => events.push(e));
  });
  afterAll(() => env.close());

  const step = (client: ApiClient, id: string, path: string, body: unknown = {}) => client.post(`/api/plans/${id}/${path}`, body);

  it('walks 编制 → 评审 → 审批 → 发布 → 备案 → 评估, each step on the timeline and in the audit log', async () => {
    const { id } = await createPlan(zhiban);
    expect((await put(zhiban, `/api/plans/${id}/digital`, GRADED)).json().validation).toEqual({ publishable: true, issues: [] });

    let res = await step(zhiban, id, 'submit-review', {
      reviewers: [
        { name: '邓专家', unit: '省应急管理专家库' },
        { name: '覃专家', unit: null },
      ],
    });
    expect(res.json()).toMatchObject({
      state: 'reviewing',
      review: { round: 1 },
      allowedSteps: ['review_opinion', 'submit_approval', 'return_draft'],
    });
    res = await step(zhiban, id, 'review-opinions', { reviewer: '邓专家', opinion: 'agree' });
    // Not everyone has answered yet.
    res = await step(zhiban, id, 'submit-approval');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PLAN_REVIEW_INCOMPLETE', details: { pending: ['覃专家'] } });
    expect((await step(zhiban, id, 'review-opinions', { reviewer: '陌生人', opinion: 'agree' })).json().code).toBe(
      'PLAN_REVIEWER_UNKNOWN',
    );
    expect((await step(zhiban, id, 'review-opinions', { reviewer: '覃专家', opinion: 'agree_with_changes' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    res = await step(lingdao, id, 'review-opinions', {
      reviewer: '覃专家',
      opinion: 'agree_with_changes',
      comment: '补充转移安置内容',
    });
    expect(res.json().review.reviewers).toEqual([
      expect.objectContaining({ name: '邓专家', opinion: 'agree' }),
      expect.objectContaining({ name: '覃专家', opinion: 'agree_with_changes', comment: '补充转移安置内容' }),
    ]);
    expect((await step(zhiban, id, 'submit-approval')).json().state).toBe('approving');

    // 审批 is the leader's alone.
    const byOfficer = await step(zhiban, id, 'approve');
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json().code).toBe('FORBIDDEN');
    expect((await step(lingdao, id, 'approve', { note: '同意印发' })).json().state).toBe('approved');

    res = await step(zhiban, id, 'publish', { publishedOn: '2026-06-30', documentNumber: '连府办〔2026〕8号' });
    expect(res.json()).toMatchObject({ state: 'published', publishedOn: '2026-06-30', revision: { dueOn: '2029-06-30' } });
    res = await step(zhiban, id, 'file', {
      filingNumber: '清远应急备〔2026〕3号',
      filedWith: '清远市应急管理局',
      filedOn: '2026-07-01',
    });
    expect(res.json()).toMatchObject({ state: 'filed', filing: { number: '清远应急备〔2026〕3号', filedOn: '2026-07-01' } });
    expect((await step(zhiban, id, 'evaluation/start')).json().state).toBe('evaluating');
    res = await step(zhiban, id, 'evaluation/finish', { conclusion: 'valid', findings: '预案总体可行' });
    expect(res.json()).toMatchObject({ state: 'filed', revision: { flagged: null } });

    const kinds = res.json().timeline.map((t: { kind: string }) => t.kind);
    expect(kinds).toEqual([
      'create',
      'digital',
      'submit_review',
      'review_opinion',
      'review_opinion',
      'submit_approval',
      'approve',
      'publish',
      'file',
      'start_evaluation',
      'finish_evaluation',
    ]);
    const actions = (await auditOf(zhiban, 'plan', id)).map((a) => a.action).reverse();
    expect(actions).toEqual(kinds.map((k: string) => `plan.${k}`));
    const published = events.filter((e) => e.type === 'plans.changed' && (e.data as { id: string }).id === id);
    expect(published.map((e) => (e.data as { kind: string }).kind)).toEqual(kinds);
  });

  it('refuses steps out of order, saying where the plan stands and what it may do next', async () => {
    const { id } = await createPlan(zhiban);
    const res = await step(zhiban, id, 'publish', { publishedOn: '2026-06-30' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      code: 'PLAN_STEP_OUT_OF_ORDER',
      message: '预案当前状态为“编制中”，不能“发布”；当前可执行：提交评审',
      details: { state: 'drafting', step: 'publish', allowedSteps: ['submit_review'] },
    });
    expect((await step(lingdao, id, 'approve')).json()).toMatchObject({
      code: 'PLAN_STEP_OUT_OF_ORDER',
      details: { state: 'drafting' },
    });
    expect((await step(zhiban, id, 'file', { filingNumber: 'x', filedWith: 'y', filedOn: '2026-06-30' })).json().code).toBe(
      'PLAN_STEP_OUT_OF_ORDER',
    );
    expect((await step(zhiban, id, 'revise')).json().code).toBe('PLAN_STEP_OUT_OF_ORDER');
    // Nothing of this reached the timeline.
    expect((await zhiban.get(`/api/plans/${id}`)).json().timeline.map((t: { kind: string }) => t.kind)).toEqual(['create']);
  });

  it('does not publish a plan without levels, or with overlapping triggers, and says why', async () => {
    const { id } = await createPlan(zhiban);
    await expect(publishPlan(env, id)).rejects.toThrow(/^publish: .*PLAN_NOT_PUBLISHABLE/);
    let res = await step(zhiban, id, 'publish', { publishedOn: '2026-06-30' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PLAN_NOT_PUBLISHABLE', details: { issues: [{ kind: 'no_levels' }] } });
    expect((await zhiban.get(`/api/plans/${id}`)).json().state).toBe('approved');

    // Back to drafting to fix it: the digital content is only editable there.
    const { id: other } = await createPlan(zhiban);
    expect((await put(zhiban, `/api/plans/${other}/digital`, OVERLAPPING)).json().validation).toMatchObject({
      publishable: false,
      issues: [{ kind: 'overlap', levels: ['IV', 'III'], metric: 'deaths', range: { min: { value: 2 }, max: { value: 3 } } }],
    });
    await expect(publishPlan(env, other)).rejects.toThrow(/^publish: /);
    res = await step(zhiban, other, 'publish', { publishedOn: '2026-06-30' });
    expect(res.json().code).toBe('PLAN_NOT_PUBLISHABLE');
    expect(res.json().message).toContain('Ⅳ级与Ⅲ级的启动条件重叠');
    // A publication date in the future is refused as well.
    const dated = await createPlan(zhiban);
    await put(zhiban, `/api/plans/${dated.id}/digital`, GRADED);
    await expect(publishPlan(env, dated.id, '2026-07-02')).rejects.toThrow(/^publish: .*PLAN_DATE_INVALID/);
    expect((await step(zhiban, dated.id, 'publish', { publishedOn: '2026-07-02' })).json().code).toBe('PLAN_DATE_INVALID');
  });

  it('returns a plan under review to drafting; a reviewer who disagrees stops it going to approval', async () => {
    const { id } = await createPlan(zhiban);
    await step(zhiban, id, 'submit-review', { reviewers: [{ name: '甲' }] });
    await step(zhiban, id, 'review-opinions', { reviewer: '甲', opinion: 'disagree', comment: '响应分级不合理' });
    const res = await step(zhiban, id, 'submit-approval');
    expect(res.json()).toMatchObject({ code: 'PLAN_REVIEW_REJECTED', details: { against: ['甲'] } });
    expect((await step(zhiban, id, 'return', {})).json().code).toBe('VALIDATION_FAILED');
    const back = await step(zhiban, id, 'return', { reason: '按评审意见修改响应分级' });
    expect(back.json()).toMatchObject({
      state: 'drafting',
      timeline: expect.arrayContaining([expect.objectContaining({ kind: 'return_draft', note: '按评审意见修改响应分级' })]),
    });
    // A second round starts afresh.
    expect((await step(zhiban, id, 'submit-review', { reviewers: [{ name: '乙' }] })).json().review).toMatchObject({
      round: 2,
      reviewers: [{ name: '乙', opinion: null }],
    });
  });

  it('revises a plan in force into a new version that replaces it when published; the matcher follows', async () => {
    const { id } = await createPlan(zhiban, { name: '测试县水库垮坝应急预案', hazardTypes: ['flood'] });
    await put(zhiban, `/api/plans/${id}/digital`, GRADED);
    await publishPlan(env, id, '2026-06-01');
    const facts = { hazard: 'flood', areaCode: '441825104201', deaths: 12 };
    const match = async () => (await zhiban.post('/api/plans/match', facts)).json();
    expect((await match()).matches).toContainEqual(expect.objectContaining({ planId: id, level: 'II', version: 1 }));

    const flagged = await step(zhiban, id, 'revision-flag', { trigger: 'organisation', reason: '机构改革后指挥部成员单位调整' });
    expect(flagged.json().revision.flagged).toMatchObject({
      trigger: 'organisation',
      reason: '机构改革后指挥部成员单位调整',
      flaggedBy: 'zhiban',
    });
    expect(events.some((e) => e.type === 'plans.revision_flagged' && (e.data as { id: string }).id === id)).toBe(true);

    const draft = (await step(zhiban, id, 'revise', { note: '按机构改革修订' })).json();
    expect(draft).toMatchObject({
      version: 2,
      state: 'drafting',
      lineageId: id,
      previousVersionId: id,
      revision: { flagged: null },
    });
    expect((await zhiban.get(`/api/plans/${id}`)).json()).toMatchObject({ state: 'published', nextVersionId: draft.id });
    expect((await step(zhiban, id, 'revise')).json()).toMatchObject({
      code: 'PLAN_REVISION_EXISTS',
      details: { draftId: draft.id },
    });
    // The new version carries the content over.
    const digital = (await zhiban.get(`/api/plans/${draft.id}/digital`)).json().digital;
    expect(digital.levels).toHaveLength(4);
    // The version in force still answers the matcher while the new one is drafted.
    expect((await match()).matches).toContainEqual(expect.objectContaining({ planId: id }));

    await publishPlan(env, draft.id, '2026-06-30');
    const old = (await zhiban.get(`/api/plans/${id}`)).json();
    expect(old.state).toBe('superseded');
    expect(old.timeline.at(-1)).toMatchObject({ kind: 'superseded', fromState: 'published', toState: 'superseded' });
    expect(old.versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    const now = await match();
    expect(now.matches.filter((m: { planId: string }) => m.planId === id)).toEqual([]);
    expect(now.matches).toContainEqual(expect.objectContaining({ planId: draft.id, version: 2 }));
    // The register shows the current version only, unless asked for all.
    const current = (await zhiban.get(`/api/plans?q=${encodeURIComponent('水库垮坝')}`)).json().items;
    expect(current.map((p: { version: number }) => p.version)).toEqual([2]);
    const all = (await zhiban.get(`/api/plans?current=false&q=${encodeURIComponent('水库垮坝')}`)).json().items;
    expect(all.map((p: { version: number }) => p.version)).toEqual([1, 2]);
  });

  it('lists plans due for revision per department: 3 years after publication (configurable) or flagged', async () => {
    // Logs in afresh each time: moving the clock by years ends any session.
    const overview = async () => (await (await env.login('zhiban')).get('/api/plans/revision-overview')).json();
    const first = await overview();
    expect(first).toMatchObject({ today: '2026-07-01', years: 3 });
    const forestry = first.departments.find((d: { department: string }) => d.department === '县林业局');
    expect(forestry).toMatchObject({ overdue: 1, plans: [{ name: '连山壮族瑶族自治县森林火灾应急预案', status: 'overdue' }] });
    const bureau = first.departments.find((d: { department: string }) => d.department === '县应急管理局');
    expect(bureau.plans.find((p: { name: string }) => p.name.includes('防汛'))).toMatchObject({
      status: 'flagged',
      flagged: { trigger: 'lessons' },
    });

    // Five years instead of three: 森林火灾 is no longer overdue.
    const admin = await env.login('admin');
    expect(
      (await admin.request({ method: 'PUT', url: '/api/rules/plans.revision', body: { value: { years: 5, warnDays: 90 } } }))
        .statusCode,
    ).toBe(200);
    const relaxed = await overview();
    expect(relaxed.departments.find((d: { department: string }) => d.department === '县林业局').plans[0].status).toBe('ok');
    await admin.request({ method: 'PUT', url: '/api/rules/plans.revision', body: { value: { years: 3, warnDays: 90 } } });

    // Time passes: the 防汛 plan (published 400 days before the demo's today) falls due in its third year.
    env.clock.set('2028-05-01T02:00:00.000Z');
    const later = await overview();
    const flood = later.departments
      .flatMap((d: { plans: { name: string; status: string; overdueDays: number }[] }) => d.plans)
      .find((p: { name: string }) => p.name.includes('防汛'));
    expect(flood.status).toBe('flagged');
    env.clock.set('2028-07-01T02:00:00.000Z');
    const overdue = (await overview()).departments.flatMap((d: { plans: { name: string; status: string }[] }) => d.plans);
    expect(overdue.find((p: { name: string }) => p.name.includes('防汛')).status).toBe('overdue');
    env.clock.set('2026-07-01T02:00:00.000Z');
    // A township sees the plans of its own area only.
    expect((await (await yonghe.get('/api/plans/revision-overview')).json()).departments).toEqual([]);
  });
});
