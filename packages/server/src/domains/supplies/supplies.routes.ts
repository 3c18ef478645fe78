import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zPaged } from '@yingji/contracts/common.ts';
import {
  zAlertsQuery,
  zReconcile,
  zStocktake,
  zSupplyAlerts,
  zSupplyKind,
  zSupplyKindCreate,
  zSupplyKindQuery,
  zSupplyKindUpdate,
  zWarehouse,
  zWarehouseCreate,
  zWarehouseQuery,
  zWarehouseStock,
  zWarehouseUpdate,
} from '@yingji/contracts/supplies.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { suppliesExcelRoutes } from './supplies.excel.routes.ts';
import { stockRoutes } from './stock.routes.ts';
import { transfersRoutes } from './transfers.routes.ts';

export const zIdParams = z.object({ id: z.string().min(1).max(64) }).strict();

/** 应急物资: catalogue, warehouses and alerts here; stock, transfers and Excel in their own files. */
export function suppliesRoutes(app: FastifyInstance, platform: Platform): void {
  const { supplies } = platform;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supplies'];
  const params = zIdParams;

  // Excel routes first: their static paths (…/template.xlsx) sit beside the parametric ones (…/:id).
  suppliesExcelRoutes(app, platform);

  r.get(
    '/api/supplies/kinds',
    { schema: { tags, summary: '物资品目列表', querystring: zSupplyKindQuery, response: { 200: zPaged(zSupplyKind) } } },
    (request) => supplies.catalogue.list(actorOf(request), request.query),
  );
  r.post(
    '/api/supplies/kinds',
    { schema: { tags, summary: '新增物资品目', body: zSupplyKindCreate, response: { 201: zSupplyKind } } },
    async (request, reply) => {
      reply.status(201);
      return supplies.catalogue.create(actorOf(request), request.body);
    },
  );
  r.get(
    '/api/supplies/kinds/:id',
    { schema: { tags, summary: '物资品目详情', params, response: { 200: zSupplyKind } } },
    (request) => supplies.catalogue.get(actorOf(request), request.params.id),
  );
  r.patch(
    '/api/supplies/kinds/:id',
    { schema: { tags, summary: '修改物资品目（含储备标准）', params, body: zSupplyKindUpdate, response: { 200: zSupplyKind } } },
    (request) => supplies.catalogue.update(actorOf(request), request.params.id, request.body),
  );

  r.get(
    '/api/supplies/warehouses',
    { schema: { tags, summary: '仓库列表（限本人辖区）', querystring: zWarehouseQuery, response: { 200: zPaged(zWarehouse) } } },
    (request) => supplies.warehouses.list(actorOf(request), request.query),
  );
  r.post(
    '/api/supplies/warehouses',
    { schema: { tags, summary: '新增仓库', body: zWarehouseCreate, response: { 201: zWarehouse } } },
    async (request, reply) => {
      reply.status(201);
      return supplies.warehouses.create(actorOf(request), request.body);
    },
  );
  r.get(
    '/api/supplies/warehouses/:id',
    { schema: { tags, summary: '仓库详情', params, response: { 200: zWarehouse } } },
    (request) => supplies.getWarehouse(actorOf(request), request.params.id),
  );
  r.patch(
    '/api/supplies/warehouses/:id',
    { schema: { tags, summary: '修改仓库', params, body: zWarehouseUpdate, response: { 200: zWarehouse } } },
    (request) => supplies.warehouses.update(actorOf(request), request.params.id, request.body),
  );
  r.get(
    '/api/supplies/warehouses/:id/stock',
    { schema: { tags, summary: '仓库库存（按品目、批次，含在途与储备标准）', params, response: { 200: zWarehouseStock } } },
    (request) => supplies.stock.warehouseStock(actorOf(request), request.params.id),
  );
  r.get(
    '/api/supplies/warehouses/:id/stocktakes',
    { schema: { tags, summary: '仓库盘点记录', params, response: { 200: z.array(zStocktake) } } },
    (request) => supplies.stocktakes.list(actorOf(request), request.params.id),
  );

  r.get(
    '/api/supplies/alerts',
    {
      schema: {
        tags,
        summary: '物资预警：临期、过期与低于储备标准',
        querystring: zAlertsQuery,
        response: { 200: zSupplyAlerts },
      },
    },
    (request) => supplies.alerts.dashboard(actorOf(request), request.query),
  );
  r.get(
    '/api/supplies/reconcile',
    { schema: { tags, summary: '账账相符核对：库存余额与流水合计（管理员）', response: { 200: zReconcile } } },
    (request) => supplies.stock.reconcile(actorOf(request)),
  );

  stockRoutes(app, platform);
  transfersRoutes(app, platform);
}
