import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zAreaCode } from '@yingji/contracts/common.ts';
import { zPublicWarning, zWarning } from '@yingji/contracts/warnings.ts';
import { fail } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import { CAP_MAX_BYTES } from './cap/cap.guard.ts';
import { CAP_MIME_TYPE } from './cap/cap.atom.ts';

const params = z.object({ id: z.uuid('编号格式不正确') }).strict();
/** Outbox ids are <warning>:<channel>:<address>, URL-encoded in the link. */
const zDeliveryParams = z.object({ id: z.string().min(1).max(400) }).strict();
const CAP_TYPES = [CAP_MIME_TYPE, 'application/xml', 'text/xml'];

/** The address this request reached us at, for absolute links in the feed. */
function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/**
 * Public (no login): current warnings, CAP documents, the Atom feed, and 签收 links from messages. Also the CAP
 * import endpoint for other systems (logged in with warnings:import), which takes raw XML bodies.
 */
export function warningsPublicRoutes(app: FastifyInstance, platform: Platform): void {
  const { publicWarnings, incoming, delivery } = platform.warnings;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['warnings-public'];
  // XML bodies arrive as text, capped one byte over the CAP limit so the validator reports "too large" itself.
  app.addContentTypeParser(CAP_TYPES, { parseAs: 'string', bodyLimit: CAP_MAX_BYTES + 1 }, (_request, body, done) =>
    done(null, body),
  );

  r.get(
    '/api/public/warnings',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '当前生效的预警（公众页面、一张图；无需登录）',
        querystring: z.object({ areaCode: zAreaCode.optional() }).strict(),
        response: { 200: z.array(zPublicWarning) },
      },
    },
    (request) => publicWarnings.current(request.query.areaCode ?? ''),
  );
  r.get(
    '/api/public/warnings/feed.atom',
    { config: { public: true }, schema: { tags, summary: '本县预警的 CAP Atom 订阅源' } },
    async (request, reply) =>
      reply.header('content-type', 'application/atom+xml; charset=utf-8').send(await publicWarnings.feed(baseUrl(request))),
  );
  r.get(
    '/api/public/warnings/:id/cap',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '已发布预警的 CAP 1.2 文档',
        params,
        querystring: z.object({ kind: z.enum(['alert', 'cancel']).default('alert') }).strict(),
      },
    },
    async (request, reply) => {
      const xml = await publicWarnings.capOf(request.params.id, request.query.kind);
      if (!xml) fail('WARNING_NOT_FOUND', { id: request.params.id });
      return reply.header('content-type', `${CAP_MIME_TYPE}; charset=utf-8`).send(xml);
    },
  );
  r.post(
    '/api/public/receipts/:id',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '签收（短信、邮件中的签收链接 /r/<编号>?t=<令牌>）',
        params: zDeliveryParams,
        body: z.object({ token: z.string().regex(/^[0-9a-f]{16}$/, '签收令牌格式不正确') }).strict(),
        response: { 200: z.object({ headline: z.string(), warningId: z.string() }) },
      },
    },
    (request) => delivery.signFor(request.params.id, request.body.token),
  );
  r.post(
    '/api/warnings/cap',
    {
      schema: {
        tags,
        summary: '接收外部系统推送的 CAP 1.2 预警（Content-Type: application/cap+xml；校验 XSD，错误逐条列出）',
        body: z.string(),
        response: { 201: zWarning },
      },
    },
    async (request, reply) => {
      const warning = await incoming.importXml(actorOf(request), request.body, `push:${actorOf(request).username}`);
      reply.status(201);
      return warning;
    },
  );
}
