import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  zChannel,
  zConfirmation,
  zCoverage,
  zDeliveryListQuery,
  zDeliveryPage,
  zReviewDecision,
  zVillageCoverage,
  zWarning,
  zWarningDraft,
  zWarningEdit,
  zWarningLevel,
  zWarningListQuery,
  zWarningPage,
  zWarningStep,
  zWarningTemplate,
} from '@yingji/contracts/warnings.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { allTemplates } from './warnings.templates.ts';
import { coverageWorkbook } from './warnings.report.ts';
import { sendXlsx } from '../../platform/excel.ts';

const params = z.object({ id: z.uuid('编号格式不正确') }).strict();
const zCapQuery = z.object({ kind: z.enum(['alert', 'cancel']).default('alert') }).strict();

/** 预警: drafting, the approval steps, CAP documents, deliveries, coverage and 落实 confirmations. */
export function warningsRoutes(app: FastifyInstance, platform: Platform): void {
  const { warnings, delivery } = platform.warnings;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['warnings'];

  r.get(
    '/api/warnings',
    {
      schema: {
        tags,
        summary: '预警列表（inbox=true：待我审核或签发的）',
        querystring: zWarningListQuery,
        response: { 200: zWarningPage },
      },
    },
    (request) => warnings.list(actorOf(request), request.query),
  );
  r.post(
    '/api/warnings',
    { schema: { tags, summary: '拟稿：新建预警草稿', body: zWarningDraft, response: { 201: zWarning } } },
    async (request, reply) => {
      reply.status(201);
      return warnings.draft(actorOf(request), request.body);
    },
  );
  r.get(
    '/api/warnings/templates',
    {
      schema: {
        tags,
        summary: '各灾种的预警模板（标题、内容、防御指引、默认接收人）',
        querystring: z.object({ level: zWarningLevel.default('orange') }).strict(),
        response: { 200: z.array(zWarningTemplate) },
      },
    },
    (request) => {
      assertCan(actorOf(request), 'warnings:read');
      return allTemplates(request.query.level);
    },
  );
  r.get(
    '/api/warnings/channels',
    { schema: { tags, summary: '已配置的发布渠道（未配置的渠道消息将排队等待）', response: { 200: z.array(zChannel) } } },
    (request) => {
      assertCan(actorOf(request), 'warnings:read');
      return [...platform.warnings.configuredChannels(), 'app' as const];
    },
  );
  r.get(
    '/api/warnings/:id',
    { schema: { tags, summary: '预警详情（含办理记录）', params, response: { 200: zWarning } } },
    (request) => warnings.get(actorOf(request), request.params.id),
  );
  r.patch(
    '/api/warnings/:id',
    { schema: { tags, summary: '修改草稿', params, body: zWarningEdit, response: { 200: zWarning } } },
    (request) => warnings.edit(actorOf(request), request.params.id, request.body),
  );
  r.post('/api/warnings/:id/submit', { schema: { tags, summary: '提交审核', params, response: { 200: zWarning } } }, (request) =>
    warnings.submit(actorOf(request), request.params.id),
  );
  r.post(
    '/api/warnings/:id/review',
    {
      schema: {
        tags,
        summary: '审核：通过或退回（退回须填写意见；不能审核自己起草的）',
        params,
        body: zReviewDecision,
        response: { 200: zWarning },
      },
    },
    (request) => warnings.review(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/warnings/:id/sign',
    {
      schema: { tags, summary: '签发即发布（须已审核，且不是起草人）', params, body: zWarningStep, response: { 200: zWarning } },
    },
    (request) => warnings.sign(actorOf(request), request.params.id, request.body.opinion),
  );
  r.post(
    '/api/warnings/:id/update',
    {
      schema: {
        tags,
        summary: '更新：由已发布的预警起草一份更新（msgType Update），签发后替代原预警',
        params,
        body: zWarningEdit,
        response: { 201: zWarning },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return warnings.update(actorOf(request), request.params.id, request.body);
    },
  );
  r.post(
    '/api/warnings/:id/cancel',
    {
      schema: {
        tags,
        summary: '解除预警（发出 CAP Cancel 和解除通知）',
        params,
        body: zWarningStep,
        response: { 200: zWarning },
      },
    },
    (request) => warnings.cancel(actorOf(request), request.params.id, request.body.opinion),
  );
  r.get(
    '/api/warnings/:id/cap',
    { schema: { tags, summary: 'CAP 1.2 文档（kind=cancel：解除消息）', params, querystring: zCapQuery } },
    async (request, reply) => {
      const row = await warnings.row(actorOf(request), request.params.id);
      const xml = request.query.kind === 'cancel' ? row.cancel_xml : row.cap_xml;
      if (!xml) fail('WARNING_STATE_INVALID', { state: row.state }, '预警尚未发布（或尚未解除），还没有 CAP 文档');
      return reply.header('content-type', 'application/cap+xml; charset=utf-8').send(xml);
    },
  );
  r.get(
    '/api/warnings/:id/audio',
    { schema: { tags, summary: '大喇叭广播音频（MP3，无 MP3 时为 WAV）', params } },
    async (request, reply) => {
      const audio = await platform.warnings.audioOf(actorOf(request), request.params.id);
      if (!audio) fail('WARNING_AUDIO_UNAVAILABLE', { id: request.params.id });
      const file = audio.mp3Path ?? audio.wavPath;
      return reply.header('content-type', audio.mp3Path ? 'audio/mpeg' : 'audio/wav').send(fs.createReadStream(file));
    },
  );
  r.get(
    '/api/warnings/:id/deliveries',
    {
      schema: {
        tags,
        summary: '逐人发送状态（号码脱敏）',
        params,
        querystring: zDeliveryListQuery,
        response: { 200: zDeliveryPage },
      },
    },
    (request) => delivery.deliveries(actorOf(request), request.params.id, request.query),
  );
  r.get(
    '/api/warnings/:id/coverage',
    { schema: { tags, summary: '覆盖率：按村统计送达人数、落实情况与超时未落实', params, response: { 200: zCoverage } } },
    (request) => delivery.coverage(actorOf(request), request.params.id),
  );
  r.get(
    '/api/warnings/:id/coverage.xlsx',
    { schema: { tags, summary: '覆盖率报表（Excel：逐村应发、送达、覆盖率与落实情况）', params } },
    async (request, reply) => {
      const actor = actorOf(request);
      const [warning, coverage] = await Promise.all([
        warnings.get(actor, request.params.id),
        delivery.coverage(actor, request.params.id),
      ]);
      return sendXlsx(reply, `预警覆盖率-${warning.identifier ?? warning.id}.xlsx`, await coverageWorkbook(coverage));
    },
  );
  r.post(
    '/api/warnings/:id/confirm',
    {
      schema: {
        tags,
        summary: '村（社区）确认已落实（传达、巡查、转移）',
        params,
        body: zConfirmation,
        response: { 200: zVillageCoverage },
      },
    },
    (request) => delivery.confirm(actorOf(request), request.params.id, request.body),
  );
}
