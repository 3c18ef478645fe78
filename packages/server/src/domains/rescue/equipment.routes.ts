import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zCappedPage, zOk } from '@yingji/contracts/common.ts';
import {
  zEquipment,
  zEquipmentCreate,
  zEquipmentListQuery,
  zEquipmentUpdate,
  zMaintenanceDueQuery,
  zMaintenanceDueReport,
} from '@yingji/contracts/rescue.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { RescueService } from './rescue.service.ts';
import { zIdParams as params } from './teams.routes.ts';

/** 装备: CRUD and the maintenance-due list. */
export function equipmentRoutes(app: FastifyInstance, rescue: RescueService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rescue'];

  r.get(
    '/api/rescue/equipment',
    { schema: { tags, summary: '装备列表', querystring: zEquipmentListQuery, response: { 200: zCappedPage(zEquipment) } } },
    (request) => rescue.equipment.list(actorOf(request), request.query),
  );

  r.post(
    '/api/rescue/equipment',
    { schema: { tags, summary: '登记装备', body: zEquipmentCreate, response: { 201: zEquipment } } },
    async (request, reply) => {
      reply.status(201);
      return rescue.equipment.create(actorOf(request), request.body);
    },
  );

  r.get(
    '/api/rescue/equipment/maintenance-due',
    {
      schema: {
        tags,
        summary: '维护逾期或即将到期的装备',
        querystring: zMaintenanceDueQuery,
        response: { 200: zMaintenanceDueReport },
      },
    },
    (request) => rescue.equipment.maintenanceDue(actorOf(request), request.query.days),
  );

  r.get(
    '/api/rescue/equipment/:id',
    { schema: { tags, summary: '装备详情', params, response: { 200: zEquipment } } },
    (request) => rescue.equipment.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/rescue/equipment/:id',
    {
      schema: {
        tags,
        summary: '修改装备（状态、维护日期、归属）',
        params,
        body: zEquipmentUpdate,
        response: { 200: zEquipment },
      },
    },
    (request) => rescue.equipment.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/rescue/equipment/:id',
    { schema: { tags, summary: '删除装备', params, response: { 200: zOk } } },
    async (request) => {
      await rescue.equipment.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
