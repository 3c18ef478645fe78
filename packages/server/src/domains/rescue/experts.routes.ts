import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zCappedPage, zOk } from '@yingji/contracts/common.ts';
import { zExpert, zExpertCreate, zExpertListQuery, zExpertUpdate } from '@yingji/contracts/rescue.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { RescueService } from './rescue.service.ts';
import { zIdParams as params } from './teams.routes.ts';

/** 专家库: search by field, area and availability; CRUD. */
export function expertsRoutes(app: FastifyInstance, rescue: RescueService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rescue'];

  r.get(
    '/api/rescue/experts',
    {
      schema: {
        tags,
        summary: '专家列表（按领域、区划检索）',
        querystring: zExpertListQuery,
        response: { 200: zCappedPage(zExpert) },
      },
    },
    (request) => rescue.experts.list(actorOf(request), request.query),
  );

  r.post(
    '/api/rescue/experts',
    { schema: { tags, summary: '新增专家', body: zExpertCreate, response: { 201: zExpert } } },
    async (request, reply) => {
      reply.status(201);
      return rescue.experts.create(actorOf(request), request.body);
    },
  );

  r.get('/api/rescue/experts/:id', { schema: { tags, summary: '专家详情', params, response: { 200: zExpert } } }, (request) =>
    rescue.experts.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/rescue/experts/:id',
    { schema: { tags, summary: '修改专家', params, body: zExpertUpdate, response: { 200: zExpert } } },
    (request) => rescue.experts.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/rescue/experts/:id',
    { schema: { tags, summary: '删除专家', params, response: { 200: zOk } } },
    async (request) => {
      await rescue.experts.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
