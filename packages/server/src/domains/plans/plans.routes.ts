import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zAreaCode, zOk } from '@yingji/contracts/common.ts';
import {
  zAttachmentParams,
  zAttachmentUploadQuery,
  zPlanAttachment,
  zPlanCreate,
  zPlanDetail,
  zPlanListQuery,
  zPlanPage,
  zPlanUpdate,
  zRevisionOverview,
} from '@yingji/contracts/plans.ts';
import { fail } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { acceptAnyUpload, firstMultipartFile } from './attachments.files.ts';
import { drillsRoutes } from './drills.routes.ts';
import { fileHeaders, zPlanIdParams } from './plans.http.ts';
import { digitalRoutes } from './plans.digital.routes.ts';
import { lifecycleRoutes } from './plans.lifecycle.routes.ts';

const zAreaQuery = z.object({ areaCode: zAreaCode.optional() }).strict();

/** 应急预案: the register, attachments and (registered from here) the lifecycle, digital plans, cards and drills. */
export function plansRoutes(app: FastifyInstance, platform: Platform): void {
  const { plans, attachments, overviews } = platform.plans;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  const params = zPlanIdParams;

  r.get(
    '/api/plans',
    {
      schema: {
        tags,
        summary: '预案列表（本人辖区及上级区划的预案；可按区划、类别、状态、灾种、编制单位、名称筛选；默认不含已废止版本）',
        querystring: zPlanListQuery,
        response: { 200: zPlanPage },
      },
    },
    (request) => plans.list(actorOf(request), request.query),
  );

  r.post(
    '/api/plans',
    { schema: { tags, summary: '登记预案（新版本为“编制中”，版本号 1）', body: zPlanCreate, response: { 201: zPlanDetail } } },
    async (request, reply) => {
      reply.status(201);
      return plans.create(actorOf(request), request.body);
    },
  );

  r.get(
    '/api/plans/revision-overview',
    {
      schema: {
        tags,
        summary: '预案修订提醒（按编制单位）：发布满修订周期（默认 3 年）或已标记需修订的现行预案',
        querystring: zAreaQuery,
        response: { 200: zRevisionOverview },
      },
    },
    (request) => overviews.revisions(actorOf(request), request.query),
  );

  r.get(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary: '预案详情：基本信息、上下级与相关预案、各版本、附件、生命周期时间线、当前可执行步骤',
        params,
        response: { 200: zPlanDetail },
      },
    },
    (request) => plans.get(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/plans/:id',
    { schema: { tags, summary: '修改预案基本信息（仅编制中）', params, body: zPlanUpdate, response: { 200: zPlanDetail } } },
    (request) => plans.update(actorOf(request), request.params.id, request.body),
  );

  r.delete(
    '/api/plans/:id',
    { schema: { tags, summary: '删除预案版本（仅编制中，连同附件）', params, response: { 200: zOk } } },
    async (request) => {
      await plans.remove(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  // Uploads take any body as bytes in this context only: the service judges the file by its content.
  void app.register(async (scope) => {
    acceptAnyUpload(scope);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/plans/:id/attachments',
      {
        schema: {
          tags,
          summary:
            '上传预案附件（仅 PDF、Word .docx/.doc，按文件内容判断；大小上限见规则 plans.attachments.maxBytes）。' +
            '请求体为文件本身（文件名用 fileName 参数）或 multipart/form-data 的第一个文件',
          params,
          querystring: zAttachmentUploadQuery,
          response: { 201: zPlanAttachment },
        },
      },
      async (request, reply) => {
        const contentType = request.headers['content-type'] ?? '';
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) fail('PLAN_ATTACHMENT_TYPE', { contentType }, '请上传 PDF 或 Word 文件');
        const file = contentType.startsWith('multipart/form-data')
          ? firstMultipartFile(body, contentType)
          : { fileName: request.query.fileName ?? '预案附件', data: body };
        if (!file) fail('PLAN_ATTACHMENT_TYPE', { contentType }, '表单中没有文件');
        reply.status(201);
        return attachments.upload(actorOf(request), request.params.id, file);
      },
    );
  });

  r.get(
    '/api/plans/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载预案附件', params: zAttachmentParams } },
    async (request, reply) => {
      const { attachment, stream } = await attachments.open(actorOf(request), request.params.id, request.params.attachmentId);
      return reply.headers(fileHeaders(attachment.contentType, attachment.fileName, 'attachment')).send(stream);
    },
  );

  r.delete(
    '/api/plans/:id/attachments/:attachmentId',
    { schema: { tags, summary: '删除预案附件', params: zAttachmentParams, response: { 200: zOk } } },
    async (request) => {
      await attachments.remove(actorOf(request), request.params.id, request.params.attachmentId);
      return { ok: true as const };
    },
  );

  lifecycleRoutes(app, platform);
  digitalRoutes(app, platform);
  drillsRoutes(app, platform);
}
