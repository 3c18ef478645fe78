import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zPlanHazard } from '@yingji/contracts/plans.ts';
import {
  zCardsQuery,
  zDigitalPlan,
  zDigitalPlanView,
  zDigitalValidation,
  zIncidentFacts,
  zPlanMatchResult,
} from '@yingji/contracts/plans-digital.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { fileHeaders, zPlanIdParams } from './plans.http.ts';
import { validateDigitalPlan } from './plans.rules.ts';

const zValidateBody = z.object({ hazardTypes: z.array(zPlanHazard).max(40), digital: zDigitalPlan }).strict();

/** 数字化预案: its content and validation, the validator for an editor's unsaved content, 应急处置卡, and matching. */
export function digitalRoutes(app: FastifyInstance, platform: Platform): void {
  const domain = platform.plans;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  const params = zPlanIdParams;

  r.get(
    '/api/plans/:id/digital',
    {
      schema: {
        tags,
        summary: '数字化预案：指挥部与工作组、各响应级别的启动条件、任务、预置资源、需发布预警，及校验结果',
        params,
        response: { 200: zDigitalPlanView },
      },
    },
    (request) => domain.plans.digital(actorOf(request), request.params.id),
  );

  r.put(
    '/api/plans/:id/digital',
    {
      schema: {
        tags,
        summary: '保存数字化预案（仅编制中；整体替换）；返回校验结果（重叠、缺口、级别顺序），发布时再强制校验',
        params,
        body: zDigitalPlan,
        response: { 200: zDigitalPlanView },
      },
    },
    (request) => domain.plans.setDigital(actorOf(request), request.params.id, request.body),
  );

  r.post(
    '/api/plans/digital/validate',
    {
      schema: {
        tags,
        summary: '校验未保存的数字化预案（编辑器实时检查）：启动条件重叠为错误，缺口、级别顺序、无启动条件为警告',
        body: zValidateBody,
        response: { 200: zDigitalValidation },
      },
    },
    async (request) => {
      assertCan(actorOf(request), 'plans:read');
      return validateDigitalPlan(request.body.digital, request.body.hazardTypes);
    },
  );

  r.get(
    '/api/plans/:id/cards.pdf',
    {
      schema: {
        tags,
        summary:
          '应急处置卡 PDF（A6 手机尺寸，每页一张）：默认每个响应级别、每个有任务的部门一张；' +
          'level 只取一个级别，department 只取一个部门，group 改为按工作组出卡',
        params,
        querystring: zCardsQuery,
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await domain.cards(actorOf(request), request.params.id, request.query);
      return reply.headers(fileHeaders('application/pdf', fileName, 'inline')).send(pdf);
    },
  );

  r.post(
    '/api/plans/match',
    {
      schema: {
        tags,
        summary:
          '按事件要素匹配现行数字化预案（灾种、区划、预警级别、伤亡、受灾人口、经济损失、受害森林面积）：' +
          '返回最佳预案及响应级别和全部匹配（专项优先，其次级别高，其次区划近）',
        body: zIncidentFacts,
        response: { 200: zPlanMatchResult },
      },
    },
    (request) => domain.matchFor(actorOf(request), request.body),
  );
}
