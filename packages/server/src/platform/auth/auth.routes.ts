import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zLogin, zPasswordChange, zSession } from '@yingji/contracts/auth.ts';
import { zErrorBody, zOk } from '@yingji/contracts/common.ts';
import { actorOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../http/session-hook.ts';
import type { Platform } from '../platform.ts';

export function authRoutes(app: FastifyInstance, platform: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { sessions, users, config } = platform;

  r.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: '登录', body: zLogin, response: { 200: zSession, 401: zErrorBody, 423: zErrorBody } },
    },
    async (request, reply) => {
      const session = await sessions.login(request.body.username, request.body.password);
      setSessionCookie(reply, session.token, config);
      return { user: await users.toUser(session.user), csrfToken: session.csrfToken };
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 200: zOk } } },
    async (request, reply) => {
      await sessions.logout(request.cookies[SESSION_COOKIE]!);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: zSession } } }, async (request) => {
    const session = request.session!;
    return { user: await users.toUser(session.user), csrfToken: session.csrfToken };
  });

  r.post(
    '/api/auth/password',
    { schema: { tags: ['auth'], summary: '修改密码', body: zPasswordChange, response: { 200: zOk } } },
    async (request) => {
      await sessions.changePassword(actorOf(request), request.cookies[SESSION_COOKIE]!, request.body);
      return { ok: true as const };
    },
  );
}
