import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zPaged } from '@yingji/contracts/common.ts';
import { zTransfer, zTransferCreate, zTransferDecision, zTransferQuery } from '@yingji/contracts/supplies.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';

/** 调拨/移库: request → approve/reject → ship (在途) → receive, or cancel before shipping. */
export function transfersRoutes(app: FastifyInstance, { supplies }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supplies'];
  const params = z.object({ id: z.string().min(1).max(64) }).strict();
  const ok = { 200: zTransfer };

  r.get(
    '/api/supplies/transfers',
    {
      schema: {
        tags,
        summary: '调拨单列表（调出或调入方在辖区内）',
        querystring: zTransferQuery,
        response: { 200: zPaged(zTransfer) },
      },
    },
    (request) => supplies.transfers.list(actorOf(request), request.query),
  );
  r.post(
    '/api/supplies/transfers',
    { schema: { tags, summary: '提交调拨申请', body: zTransferCreate, response: { 201: zTransfer } } },
    async (request, reply) => {
      reply.status(201);
      return supplies.transfers.request(actorOf(request), request.body);
    },
  );
  r.get('/api/supplies/transfers/:id', { schema: { tags, summary: '调拨单详情', params, response: ok } }, (request) =>
    supplies.transfers.get(actorOf(request), request.params.id),
  );
  r.post(
    '/api/supplies/transfers/:id/approve',
    { schema: { tags, summary: '批准调拨（须另一位审批人）', params, body: zTransferDecision, response: ok } },
    (request) => supplies.transfers.approve(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/supplies/transfers/:id/reject',
    { schema: { tags, summary: '驳回调拨', params, body: zTransferDecision, response: ok } },
    (request) => supplies.transfers.reject(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/supplies/transfers/:id/ship',
    { schema: { tags, summary: '调拨出库（转为在途）', params, response: ok } },
    (request) => supplies.transfers.ship(actorOf(request), request.params.id),
  );
  r.post('/api/supplies/transfers/:id/receive', { schema: { tags, summary: '调拨入库', params, response: ok } }, (request) =>
    supplies.transfers.receive(actorOf(request), request.params.id),
  );
  r.post(
    '/api/supplies/transfers/:id/cancel',
    { schema: { tags, summary: '撤销调拨（出库前）', params, response: ok } },
    (request) => supplies.transfers.cancel(actorOf(request), request.params.id),
  );
}
