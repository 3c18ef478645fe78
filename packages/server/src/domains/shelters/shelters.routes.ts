import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zCappedPage, zOk } from '@yingji/contracts/common.ts';
import {
  zCoverageReport,
  zImportResult,
  zShelter,
  zShelterCreate,
  zShelterListQuery,
  zShelterOccupancy,
  zShelterUpdate,
} from '@yingji/contracts/shelters.ts';
import { fromXlsx, sendXlsx, templateXlsx, toXlsx } from '../../platform/excel.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { dutyHoldersRoutes } from './duty-holders.routes.ts';
import { COVERAGE_COLUMNS, coverageExport, SHELTER_COLUMNS, shelterExport, zShelterRow } from './shelters.excel.ts';
import { xlsxBody, zIdParams } from './shelters.http.ts';
import { targetsRoutes } from './targets.routes.ts';

/** 避难场所, the R-09 coverage report, and (registered from here) 防护目标 and 责任人. */
export function sheltersRoutes(app: FastifyInstance, platform: Platform): void {
  const { shelters: domain } = platform;
  const { shelters, coverage } = domain;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shelters'];
  const params = zIdParams;

  r.get(
    '/api/shelters',
    {
      schema: {
        tags,
        summary: '避难场所列表（限本人辖区）',
        querystring: zShelterListQuery,
        response: { 200: zCappedPage(zShelter) },
      },
    },
    (request) => shelters.list(actorOf(request), request.query),
  );

  r.post(
    '/api/shelters',
    { schema: { tags, summary: '新增避难场所（按坐标归属区划）', body: zShelterCreate, response: { 201: zShelter } } },
    async (request, reply) => {
      reply.status(201);
      return shelters.create(actorOf(request), request.body);
    },
  );

  r.get(
    '/api/shelters/coverage',
    { schema: { tags, summary: '避难场所容量覆盖率（R-09，按乡镇）', response: { 200: zCoverageReport } } },
    (request) => coverage.report(actorOf(request)),
  );

  r.get('/api/shelters/coverage.xlsx', { schema: { tags, summary: '覆盖率表导出 Excel' } }, async (request, reply) => {
    const report = await coverage.report(actorOf(request));
    return sendXlsx(reply, '避难场所覆盖率.xlsx', await toXlsx('覆盖率', COVERAGE_COLUMNS, coverageExport(report)));
  });

  r.get('/api/shelters/template.xlsx', { schema: { tags, summary: '避难场所导入模板' } }, async (request, reply) => {
    actorOf(request);
    return sendXlsx(reply, '避难场所导入模板.xlsx', await templateXlsx('避难场所', SHELTER_COLUMNS));
  });

  r.get(
    '/api/shelters/export.xlsx',
    { schema: { tags, summary: '避难场所导出 Excel（限本人辖区）' } },
    async (request, reply) => {
      const { columns, rows } = await shelterExport(platform.areas, await shelters.all(actorOf(request)));
      return sendXlsx(reply, '避难场所.xlsx', await toXlsx('避难场所', columns, rows));
    },
  );

  r.post(
    '/api/shelters/import',
    { schema: { tags, summary: '导入避难场所 Excel（全部成功或全部不导入）', response: { 200: zImportResult } } },
    async (request) => {
      const actor = actorOf(request);
      const rows = await fromXlsx(xlsxBody(request), SHELTER_COLUMNS, zShelterRow);
      return { imported: (await shelters.importRows(actor, rows)).length };
    },
  );

  r.get('/api/shelters/:id', { schema: { tags, summary: '避难场所详情', params, response: { 200: zShelter } } }, (request) =>
    shelters.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/shelters/:id',
    { schema: { tags, summary: '修改避难场所', params, body: zShelterUpdate, response: { 200: zShelter } } },
    (request) => shelters.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/shelters/:id',
    { schema: { tags, summary: '删除避难场所', params, response: { 200: zOk } } },
    async (request) => {
      await shelters.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/shelters/:id/open',
    { schema: { tags, summary: '开放避难场所', params, response: { 200: zShelter } } },
    (request) => shelters.setOpen(actorOf(request), request.params.id, true),
  );

  r.post(
    '/api/shelters/:id/close',
    { schema: { tags, summary: '关闭避难场所（须无在住人员）', params, response: { 200: zShelter } } },
    (request) => shelters.setOpen(actorOf(request), request.params.id, false),
  );

  r.post(
    '/api/shelters/:id/occupancy',
    {
      schema: {
        tags,
        summary: '登记在住人数（occupancy 为当前人数，delta 为增减）',
        params,
        body: zShelterOccupancy,
        response: { 200: zShelter },
      },
    },
    (request) => shelters.changeOccupancy(actorOf(request), request.params.id, request.body),
  );

  targetsRoutes(app, platform);
  dutyHoldersRoutes(app, platform);
}
