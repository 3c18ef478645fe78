import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zPaged } from '@yingji/contracts/common.ts';
import {
  zIssueCreate,
  zMovementPage,
  zMovementQuery,
  zPosted,
  zReceiptCreate,
  zRotationCreate,
  zScrapCreate,
  zStockBatch,
  zStockQuery,
  zStocktake,
  zStocktakeCreate,
} from '@yingji/contracts/supplies.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';

/** The stock ledger over HTTP: balances, movements, and the documents that post movements. */
export function stockRoutes(app: FastifyInstance, { supplies }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supplies'];
  const created = { 201: zPosted };

  r.get(
    '/api/supplies/stock',
    { schema: { tags, summary: '库存（按仓库、品目、批次）', querystring: zStockQuery, response: { 200: zPaged(zStockBatch) } } },
    (request) => supplies.stock.balances(actorOf(request), request.query),
  );
  r.get(
    '/api/supplies/movements',
    { schema: { tags, summary: '库存流水（台账）', querystring: zMovementQuery, response: { 200: zMovementPage } } },
    (request) => supplies.stock.movements(actorOf(request), request.query),
  );
  r.post(
    '/api/supplies/receipts',
    { schema: { tags, summary: '验收入库', body: zReceiptCreate, response: created } },
    async (request, reply) => {
      reply.status(201);
      return supplies.stock.receive(actorOf(request), request.body);
    },
  );
  r.post(
    '/api/supplies/issues',
    { schema: { tags, summary: '出库（事件处置或物资发放）', body: zIssueCreate, response: created } },
    async (request, reply) => {
      reply.status(201);
      return supplies.stock.issue(actorOf(request), request.body);
    },
  );
  r.post(
    '/api/supplies/scraps',
    { schema: { tags, summary: '报废', body: zScrapCreate, response: created } },
    async (request, reply) => {
      reply.status(201);
      return supplies.stock.scrap(actorOf(request), request.body);
    },
  );
  r.post(
    '/api/supplies/rotations',
    { schema: { tags, summary: '轮换', body: zRotationCreate, response: created } },
    async (request, reply) => {
      reply.status(201);
      return supplies.stock.rotate(actorOf(request), request.body);
    },
  );
  r.post(
    '/api/supplies/stocktakes',
    { schema: { tags, summary: '盘点（差异按原因过账）', body: zStocktakeCreate, response: { 201: zStocktake } } },
    async (request, reply) => {
      reply.status(201);
      return supplies.stocktakes.record(actorOf(request), request.body);
    },
  );
}
