import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zUser, zUserCreate, zUserQuery, zUserUpdate } from '@yingji/contracts/auth.ts';
import { zPaged } from '@yingji/contracts/common.ts';
import { actorOf } from '../http/session-hook.ts';
import type { Platform } from '../platform.ts';

export function usersRoutes(app: FastifyInstance, { users }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get(
    '/api/users',
    { schema: { tags, summary: '用户列表', querystring: zUserQuery, response: { 200: zPaged(zUser) } } },
    (request) => users.list(actorOf(request), request.query),
  );

  r.post(
    '/api/users',
    { schema: { tags, summary: '新建用户', body: zUserCreate, response: { 201: zUser } } },
    async (request, reply) => {
      reply.status(201);
      return users.create(actorOf(request), request.body);
    },
  );

  r.patch(
    '/api/users/:id',
    { schema: { tags, summary: '修改用户', params: z.object({ id: z.uuid() }), body: zUserUpdate, response: { 200: zUser } } },
    (request) => users.update(actorOf(request), request.params.id, request.body),
  );
}
