import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zCappedPage, zOk } from '@yingji/contracts/common.ts';
import { zImportResult, zTarget, zTargetCreate, zTargetListQuery, zTargetUpdate } from '@yingji/contracts/shelters.ts';
import { fromXlsx, sendXlsx, templateXlsx, toXlsx } from '../../platform/excel.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { TARGET_COLUMNS, targetExport, zTargetRow } from './shelters.excel.ts';
import { xlsxBody, zIdParams as params } from './shelters.http.ts';

/** 重要防护目标. */
export function targetsRoutes(app: FastifyInstance, platform: Platform): void {
  const { targets } = platform.shelters;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['protection-targets'];

  r.get(
    '/api/protection-targets',
    {
      schema: {
        tags,
        summary: '重要防护目标列表（限本人辖区）',
        querystring: zTargetListQuery,
        response: { 200: zCappedPage(zTarget) },
      },
    },
    (request) => targets.list(actorOf(request), request.query),
  );

  r.post(
    '/api/protection-targets',
    { schema: { tags, summary: '新增重要防护目标', body: zTargetCreate, response: { 201: zTarget } } },
    async (request, reply) => {
      reply.status(201);
      return targets.create(actorOf(request), request.body);
    },
  );

  r.get('/api/protection-targets/template.xlsx', { schema: { tags, summary: '防护目标导入模板' } }, async (request, reply) => {
    actorOf(request);
    return sendXlsx(reply, '防护目标导入模板.xlsx', await templateXlsx('防护目标', TARGET_COLUMNS));
  });

  r.get('/api/protection-targets/export.xlsx', { schema: { tags, summary: '防护目标导出 Excel' } }, async (request, reply) => {
    const { columns, rows } = await targetExport(platform.areas, await targets.all(actorOf(request)));
    return sendXlsx(reply, '防护目标.xlsx', await toXlsx('防护目标', columns, rows));
  });

  r.post(
    '/api/protection-targets/import',
    { schema: { tags, summary: '导入防护目标 Excel（全部成功或全部不导入）', response: { 200: zImportResult } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await fromXlsx(xlsxBody(request), TARGET_COLUMNS, zTargetRow);
      return { imported: (await targets.importRows(actor, rows)).length };
    },
  );

  r.get(
    '/api/protection-targets/:id',
    { schema: { tags, summary: '防护目标详情', params, response: { 200: zTarget } } },
    (request) => targets.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/protection-targets/:id',
    { schema: { tags, summary: '修改防护目标', params, body: zTargetUpdate, response: { 200: zTarget } } },
    (request) => targets.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/protection-targets/:id',
    { schema: { tags, summary: '删除防护目标', params, response: { 200: zOk } } },
    async (request) => {
      await targets.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
