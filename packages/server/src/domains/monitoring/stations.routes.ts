import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zOk, zPaged } from '@yingji/contracts/common.ts';
import {
  zSeries,
  zSeriesQuery,
  zStation,
  zStationCreate,
  zStationCreated,
  zStationCredentials,
  zStationListQuery,
  zStationUpdate,
} from '@yingji/contracts/monitoring.ts';
import { fail } from '../../platform/errors.ts';
import { fromXlsx, sendXlsx, templateXlsx, toXlsx } from '../../platform/excel.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { alarmsRoutes } from './alarms.routes.ts';
import { ingestRoutes } from './ingest.routes.ts';
import { STATION_COLUMNS, stationExport, zStationRow } from './stations.excel.ts';

const params = z.object({ id: z.uuid('编号格式不正确') }).strict();

function xlsxBody(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body)) fail('UNSUPPORTED_MEDIA_TYPE', undefined, '请上传 .xlsx 文件');
  return request.body;
}

/** 监测站点 register, device credentials, latest values and series; the device ingest routes are registered from here. */
export function monitoringRoutes(app: FastifyInstance, platform: Platform): void {
  const { stations, series } = platform.monitoring;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];

  r.get(
    '/api/monitoring/stations',
    {
      schema: {
        tags,
        summary: '监测站点列表（含各指标最新值，限本人辖区）',
        querystring: zStationListQuery,
        response: { 200: zPaged(zStation) },
      },
    },
    (request) => stations.list(actorOf(request), request.query),
  );

  r.post(
    '/api/monitoring/stations',
    {
      schema: {
        tags,
        summary: '新增监测站点（返回设备令牌与 MQTT 密码，仅显示这一次）',
        body: zStationCreate,
        response: { 201: zStationCreated },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return stations.create(actorOf(request), request.body);
    },
  );

  r.get('/api/monitoring/stations/template.xlsx', { schema: { tags, summary: '监测站点导入模板' } }, async (request, reply) => {
    actorOf(request);
    return sendXlsx(reply, '监测站点导入模板.xlsx', await templateXlsx('监测站点', STATION_COLUMNS));
  });

  r.get(
    '/api/monitoring/stations/export.xlsx',
    { schema: { tags, summary: '监测站点导出 Excel（限本人辖区）' } },
    async (request, reply) => {
      const { columns, rows } = await stationExport(platform.areas, await stations.all(actorOf(request)));
      return sendXlsx(reply, '监测站点.xlsx', await toXlsx('监测站点', columns, rows));
    },
  );

  r.post(
    '/api/monitoring/stations/import',
    {
      schema: {
        tags,
        summary: '导入监测站点 Excel（全部成功或全部不导入；返回各站设备凭据，仅显示这一次）',
        response: { 200: z.object({ imported: z.number().int(), credentials: z.array(zStationCredentials) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await fromXlsx(xlsxBody(request), STATION_COLUMNS, zStationRow);
      const created = await stations.createMany(actor, rows);
      return { imported: created.length, credentials: created.map((c) => c.credentials) };
    },
  );

  r.get(
    '/api/monitoring/stations/:id',
    { schema: { tags, summary: '监测站点详情（含最新值与接入计数）', params, response: { 200: zStation } } },
    (request) => stations.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/monitoring/stations/:id',
    {
      schema: { tags, summary: '修改监测站点（fault 标记/解除故障）', params, body: zStationUpdate, response: { 200: zStation } },
    },
    (request) => stations.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/monitoring/stations/:id',
    { schema: { tags, summary: '删除监测站点及其数据', params, response: { 200: zOk } } },
    async (request) => {
      await stations.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/monitoring/stations/:id/credentials',
    {
      schema: {
        tags,
        summary: '重新签发设备令牌与 MQTT 密码（旧凭据立即失效，新凭据仅显示这一次）',
        params,
        response: { 200: zStationCredentials },
      },
    },
    (request) => stations.rotateCredentials(actorOf(request), request.params.id),
  );

  r.get(
    '/api/monitoring/stations/:id/series',
    {
      schema: {
        tags,
        summary: '站点某指标的时间序列（24h 原始值 / 7d 小时统计）',
        params,
        querystring: zSeriesQuery,
        response: { 200: zSeries },
      },
    },
    (request) => series.series(actorOf(request), request.params.id, request.query.metric, request.query.range),
  );

  ingestRoutes(app, platform);
  alarmsRoutes(app, platform.monitoring.evaluation);
}
