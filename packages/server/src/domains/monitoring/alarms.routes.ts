import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zPaged } from '@yingji/contracts/common.ts';
import {
  zAlarm,
  zAlarmAck,
  zAlarmDetail,
  zAlarmListQuery,
  zStationParams,
  zStationRuleBody,
  zStationRuleParams,
  zStationRuleView,
} from '@yingji/contracts/alarms.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Evaluation } from './alarms.factory.ts';

const zAlarmParams = z.object({ id: z.uuid('编号格式不正确') }).strict();
/** The record an alarm became (转预警草稿 / 转事件). */
const zLinkedId = z.object({ id: z.string() });

/**
 * 告警: list and detail (scoped to the actor's area), acknowledgement, the E4/E6 link points, and per-station rule
 * overrides. Registered with `alarmsRoutes(app, { alarms, stationRules })` (the Evaluation from createEvaluation).
 */
export function alarmsRoutes(app: FastifyInstance, { alarms, stationRules }: Pick<Evaluation, 'alarms' | 'stationRules'>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['alarms'];
  const params = zAlarmParams;

  r.get(
    '/api/alarms',
    {
      schema: {
        tags,
        summary: '告警列表（限本人辖区；可按状态、级别、站点类型、区划筛选）',
        querystring: zAlarmListQuery,
        response: { 200: zPaged(zAlarm) },
      },
    },
    (request) => alarms.list(actorOf(request), request.query),
  );

  r.get(
    '/api/alarms/:id',
    { schema: { tags, summary: '告警详情（含级别变化记录）', params, response: { 200: zAlarmDetail } } },
    (request) => alarms.get(actorOf(request), request.params.id),
  );

  r.post(
    '/api/alarms/:id/acknowledge',
    { schema: { tags, summary: '确认告警（填写处置说明）', params, body: zAlarmAck, response: { 200: zAlarm } } },
    (request) => alarms.acknowledge(actorOf(request), request.params.id, request.body.note),
  );

  r.post(
    '/api/alarms/:id/warning-draft',
    { schema: { tags, summary: '由告警生成预警草稿（已生成则返回原草稿）', params, response: { 200: zLinkedId } } },
    (request) => alarms.convert(actorOf(request), request.params.id, 'warning'),
  );

  r.post(
    '/api/alarms/:id/incident',
    {
      schema: {
        tags,
        summary: '由告警生成事件（E6 启用前返回 ALARM_ACTION_NOT_AVAILABLE）',
        params,
        response: { 200: zLinkedId },
      },
    },
    (request) => alarms.convert(actorOf(request), request.params.id, 'incident'),
  );

  r.get(
    '/api/alarm-rules/stations/:stationId',
    {
      schema: {
        tags,
        summary: '站点的告警规则（生效配置、来源与版本）',
        params: zStationParams,
        response: { 200: z.array(zStationRuleView) },
      },
    },
    (request) => stationRules.list(actorOf(request), request.params.stationId),
  );

  r.put(
    '/api/alarm-rules/stations/:stationId/:rule',
    {
      schema: {
        tags,
        summary: '设置站点专属告警规则（整条规则配置，版本递增，记入审计）',
        params: zStationRuleParams,
        body: zStationRuleBody,
        response: { 200: z.array(zStationRuleView) },
      },
    },
    (request) => stationRules.set(actorOf(request), request.params.stationId, request.params.rule, request.body.config),
  );

  r.delete(
    '/api/alarm-rules/stations/:stationId/:rule',
    {
      schema: {
        tags,
        summary: '取消站点专属告警规则（恢复按类型或全县默认）',
        params: zStationRuleParams,
        response: { 200: z.array(zStationRuleView) },
      },
    },
    (request) => stationRules.set(actorOf(request), request.params.stationId, request.params.rule, null),
  );
}
