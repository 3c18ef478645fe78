import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zAuditEntry, zAuditQuery, zAuditVerify } from '@yingji/contracts/audit.ts';
import { zPaged } from '@yingji/contracts/common.ts';
import { assertCan } from '../access/permissions.ts';
import { actorOf } from '../http/session-hook.ts';
import type { Platform } from '../platform.ts';

export function auditRoutes(app: FastifyInstance, { audit }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/api/audit',
    { schema: { tags, summary: '审计日志', querystring: zAuditQuery, response: { 200: zPaged(zAuditEntry) } } },
    (request) => {
      const actor = actorOf(request);
      assertCan(actor, 'audit:read');
      return audit.list(actor, request.query);
    },
  );

  r.get('/api/audit/verify', { schema: { tags, summary: '校验审计哈希链', response: { 200: zAuditVerify } } }, (request) => {
    assertCan(actorOf(request), 'audit:verify');
    return audit.verify();
  });
}
