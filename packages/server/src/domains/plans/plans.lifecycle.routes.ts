import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  zFile,
  zFinishEvaluation,
  zMarkRevision,
  zPlanDetail,
  zPublish,
  zReturnDraft,
  zReviewOpinionInput,
  zStepNote,
  zSubmitReview,
  type PlanDetail,
} from '@yingji/contracts/plans.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { zPlanIdParams } from './plans.http.ts';

/**
 * The lifecycle steps, one POST each: /api/plans/:id/<step>. Each answers with the plan's detail (its new state,
 * timeline and allowed next steps), or PLAN_STEP_OUT_OF_ORDER with the current state and the steps allowed from it.
 */
export function lifecycleRoutes(app: FastifyInstance, platform: Platform): void {
  const { lifecycle } = platform.plans;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];

  function step<B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    take: (actor: Actor, id: string, input: z.infer<B>) => Promise<PlanDetail>,
  ) {
    r.post(
      `/api/plans/:id/${path}`,
      { schema: { tags, summary, params: zPlanIdParams, body, response: { 200: zPlanDetail } } },
      (request) => take(actorOf(request), request.params.id, request.body as z.infer<B>),
    );
  }

  step('submit-review', '提交评审（编制中 → 评审中），指定本轮评审人', zSubmitReview, (a, id, b) =>
    lifecycle.submitReview(a, id, b),
  );
  step(
    'review-opinions',
    '登记评审意见（评审中；同意 / 修改后同意 / 不同意，后两者须写明意见）',
    zReviewOpinionInput,
    (a, id, b) => lifecycle.recordOpinion(a, id, b),
  );
  step('submit-approval', '提交审批（评审中 → 待审批；须全部评审人已提交意见且无“不同意”）', zStepNote, (a, id, b) =>
    lifecycle.submitApproval(a, id, b),
  );
  step('return', '退回修改（评审中或待审批 → 编制中，须写明理由；待审批时由审批人退回）', zReturnDraft, (a, id, b) =>
    lifecycle.returnDraft(a, id, b),
  );
  step('approve', '审批通过（待审批 → 已审批；县应急局领导）', zStepNote, (a, id, b) => lifecycle.approve(a, id, b));
  step(
    'publish',
    '发布（已审批 → 已发布；数字化预案须有响应级别且启动条件不重叠；新版本发布后旧版本废止）',
    zPublish,
    (a, id, b) => lifecycle.publish(a, id, b),
  );
  step('file', '备案（已发布 → 已备案；备案机关、备案编号、备案日期）', zFile, (a, id, b) => lifecycle.file(a, id, b));
  step('evaluation/start', '开始评估（已发布或已备案 → 评估中）', zStepNote, (a, id, b) => lifecycle.startEvaluation(a, id, b));
  step('evaluation/finish', '评估结论（评估中 → 原状态；结论“需要修订”时标记需修订）', zFinishEvaluation, (a, id, b) =>
    lifecycle.finishEvaluation(a, id, b),
  );
  step('revision-flag', '标记需修订（现行预案；组织机构、应急资源、风险等发生变化）', zMarkRevision, (a, id, b) =>
    lifecycle.markRevision(a, id, b),
  );
  step(
    'revise',
    '修订：以现行版本为底稿生成新版本（编制中），返回新版本；现行版本在新版本发布前继续有效',
    zStepNote,
    (a, id, b) => lifecycle.revise(a, id, b),
  );
}
