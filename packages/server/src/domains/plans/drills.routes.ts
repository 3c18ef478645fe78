import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zAreaCode } from '@yingji/contracts/common.ts';
import {
  zDrill,
  zDrillCancel,
  zDrillCreate,
  zDrillEvaluation,
  zDrillExecution,
  zDrillFrequencyOverview,
  zDrillListQuery,
  zDrillPage,
  zDrillUpdate,
} from '@yingji/contracts/plans-drills.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { zPlanIdParams } from './plans.http.ts';

/** 应急演练: the calendar, the drill's record and evaluation, and the frequency check. */
export function drillsRoutes(app: FastifyInstance, platform: Platform): void {
  const { drills, overviews } = platform.plans;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['drills'];
  const params = zPlanIdParams;

  r.get(
    '/api/drills',
    {
      schema: {
        tags,
        summary: '演练列表 / 日历（本人辖区；可按区划、预案、形式、状态、计划日期区间筛选，按计划日期排序）',
        querystring: zDrillListQuery,
        response: { 200: zDrillPage },
      },
    },
    (request) => drills.list(actorOf(request), request.query),
  );

  r.post(
    '/api/drills',
    {
      schema: {
        tags,
        summary: '新建演练计划（桌面推演 / 实战 / 双盲 / 数字；情景、参演单位、计划日期；默认在预案所属区划）',
        body: zDrillCreate,
        response: { 201: zDrill },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return drills.create(actorOf(request), request.body);
    },
  );

  r.get(
    '/api/drills/overview',
    {
      schema: {
        tags,
        summary: '演练频次检查（按编制单位）：企业综合/专项每年、现场处置方案每半年、专项/部门预案每 3 年（规则可调）',
        querystring: z.object({ areaCode: zAreaCode.optional() }).strict(),
        response: { 200: zDrillFrequencyOverview },
      },
    },
    (request) => overviews.drills(actorOf(request), request.query),
  );

  r.get('/api/drills/:id', { schema: { tags, summary: '演练详情', params, response: { 200: zDrill } } }, (request) =>
    drills.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/drills/:id',
    { schema: { tags, summary: '修改演练计划（仅计划中）', params, body: zDrillUpdate, response: { 200: zDrill } } },
    (request) => drills.update(actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/drills/:id/execution',
    {
      schema: {
        tags,
        summary: '登记演练实施记录（计划中 → 已实施）',
        params,
        body: zDrillExecution,
        response: { 200: zDrill },
      },
    },
    (request) => drills.recordExecution(actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/drills/:id/evaluation',
    {
      schema: {
        tags,
        summary: '演练评估（已实施 → 已评估）：发现的问题与整改措施；需修订预案的措施会把现行预案标记为需修订',
        params,
        body: zDrillEvaluation,
        response: { 200: zDrill },
      },
    },
    (request) => drills.evaluate(actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/drills/:id/cancel',
    { schema: { tags, summary: '取消演练（仅计划中，须写明原因）', params, body: zDrillCancel, response: { 200: zDrill } } },
    (request) => drills.cancel(actorOf(request), request.params.id, request.body),
  );
}
