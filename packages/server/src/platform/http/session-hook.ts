import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.ts';
import type { ResolvedSession, SessionsService } from '../auth/sessions.service.ts';
import type { Config } from '../config.ts';
import { fail } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (log-in, health). */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'yingji_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Authenticates every /api request before its body is even parsed, and checks the CSRF token (sent back by the web
 * app in the x-csrf-token header) on every state-changing request. The session cookie is SameSite=Strict as well.
 */
export function installSessionHook(app: FastifyInstance, sessions: SessionsService): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/docs')) return;
    if (request.is404 || request.routeOptions.config.public) return;
    request.session = await sessions.resolve(request.cookies[SESSION_COOKIE]);
    if (
      !SAFE_METHODS.has(request.method) &&
      !sameToken(request.headers['x-csrf-token'] as string | undefined, request.session.csrfToken)
    ) {
      fail('CSRF_INVALID');
    }
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) fail('UNAUTHENTICATED');
  return request.session.actor;
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  config: Pick<Config, 'sessionHours' | 'secureCookies'>,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    path: '/',
    maxAge: Math.round(config.sessionHours * 3600),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
