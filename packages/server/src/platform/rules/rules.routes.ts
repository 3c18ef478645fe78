import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/session-hook.ts';
import type { Platform } from '../platform.ts';

const zRuleView = z.object({
  key: z.string(),
  description: z.string(),
  value: z.unknown(),
  default: z.unknown(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export function rulesRoutes(app: FastifyInstance, { rules }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rules'];
  r.get('/api/rules', { schema: { tags, summary: '可配置规则（阈值）', response: { 200: z.array(zRuleView) } } }, (request) => {
    actorOf(request);
    return rules.list();
  });
  r.put(
    '/api/rules/:key',
    {
      schema: {
        tags,
        summary: '修改规则取值（管理员）',
        params: z.object({ key: z.string().max(100) }).strict(),
        body: z.object({ value: z.unknown() }).strict(),
        response: { 200: zRuleView },
      },
    },
    (request) => rules.set(actorOf(request), request.params.key, request.body.value),
  );
}
