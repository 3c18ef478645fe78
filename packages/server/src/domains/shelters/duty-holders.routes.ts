import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zOk, zPaged } from '@yingji/contracts/common.ts';
import {
  zDutyGapQuery,
  zDutyGapReport,
  zDutyHolder,
  zDutyHolderCreate,
  zDutyHolderListQuery,
  zDutyHolderUpdate,
  zImportResult,
} from '@yingji/contracts/shelters.ts';
import { fromXlsx, sendXlsx, templateXlsx, toXlsx } from '../../platform/excel.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { DUTY_HOLDER_COLUMNS, dutyHolderExport, zDutyHolderRow } from './shelters.excel.ts';
import { xlsxBody, zIdParams as params } from './shelters.http.ts';

/** 三防责任人、包保责任人 …, and the villages still without one. */
export function dutyHoldersRoutes(app: FastifyInstance, platform: Platform): void {
  const { dutyHolders } = platform.shelters;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['duty-holders'];

  r.get(
    '/api/duty-holders',
    {
      schema: {
        tags,
        summary: '责任人列表（areaCode 含下级区划）',
        querystring: zDutyHolderListQuery,
        response: { 200: zPaged(zDutyHolder) },
      },
    },
    (request) => dutyHolders.list(actorOf(request), request.query),
  );

  r.post(
    '/api/duty-holders',
    { schema: { tags, summary: '新增责任人', body: zDutyHolderCreate, response: { 201: zDutyHolder } } },
    async (request, reply) => {
      reply.status(201);
      return dutyHolders.create(actorOf(request), request.body);
    },
  );

  r.get(
    '/api/duty-holders/gaps',
    {
      schema: {
        tags,
        summary: '未落实责任人的村（默认三防责任人）',
        querystring: zDutyGapQuery,
        response: { 200: zDutyGapReport },
      },
    },
    (request) => dutyHolders.gaps(actorOf(request), request.query.role),
  );

  r.get('/api/duty-holders/template.xlsx', { schema: { tags, summary: '责任人导入模板' } }, async (request, reply) => {
    actorOf(request);
    return sendXlsx(reply, '责任人导入模板.xlsx', await templateXlsx('责任人', DUTY_HOLDER_COLUMNS));
  });

  r.get('/api/duty-holders/export.xlsx', { schema: { tags, summary: '责任人导出 Excel' } }, async (request, reply) => {
    const { columns, rows } = await dutyHolderExport(platform.areas, await dutyHolders.all(actorOf(request)));
    return sendXlsx(reply, '责任人.xlsx', await toXlsx('责任人', columns, rows));
  });

  r.post(
    '/api/duty-holders/import',
    { schema: { tags, summary: '导入责任人 Excel（全部成功或全部不导入）', response: { 200: zImportResult } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await fromXlsx(xlsxBody(request), DUTY_HOLDER_COLUMNS, zDutyHolderRow);
      return { imported: (await dutyHolders.importRows(actor, rows)).length };
    },
  );

  r.get('/api/duty-holders/:id', { schema: { tags, summary: '责任人详情', params, response: { 200: zDutyHolder } } }, (request) =>
    dutyHolders.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/duty-holders/:id',
    { schema: { tags, summary: '修改责任人', params, body: zDutyHolderUpdate, response: { 200: zDutyHolder } } },
    (request) => dutyHolders.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/duty-holders/:id',
    { schema: { tags, summary: '删除责任人', params, response: { 200: zOk } } },
    async (request) => {
      await dutyHolders.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
