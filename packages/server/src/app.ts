import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { areasRoutes } from './domains/areas/areas.routes.ts';
import { sheltersRoutes } from './domains/shelters/shelters.routes.ts';
import { nearbyRoutes } from './domains/nearby/nearby.routes.ts';
import { roadsRoutes } from './domains/roads/roads.routes.ts';
import { rescueRoutes } from './domains/rescue/rescue.routes.ts';
import { suppliesRoutes } from './domains/supplies/supplies.routes.ts';
import { monitoringRoutes } from './domains/monitoring/stations.routes.ts';
import { warningsRoutes } from './domains/warnings/warnings.routes.ts';
import { warningsPublicRoutes } from './domains/warnings/warnings.public.routes.ts';
import { contactsRoutes } from './domains/warnings/contacts.routes.ts';
import { plansRoutes } from './domains/plans/plans.routes.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { usersRoutes } from './platform/auth/users.routes.ts';
import { AppError } from './platform/errors.ts';
import { acceptXlsx } from './platform/excel.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { healthRoutes } from './platform/http/health.routes.ts';
import { liveRoutes } from './platform/http/live.routes.ts';
import { installSessionHook } from './platform/http/session-hook.ts';
import { rulesRoutes } from './platform/rules/rules.routes.ts';
import type { Platform } from './platform/platform.ts';
import { VERSION } from './platform/version.ts';

/** Each domain's routes; a new domain adds its function here. */
const ROUTES = [
  healthRoutes,
  authRoutes,
  usersRoutes,
  auditRoutes,
  liveRoutes,
  rulesRoutes,
  areasRoutes,
  sheltersRoutes,
  rescueRoutes,
  roadsRoutes,
  nearbyRoutes,
  suppliesRoutes,
  monitoringRoutes,
  warningsRoutes,
  warningsPublicRoutes,
  contactsRoutes,
  plansRoutes,
];

/** The built web app, found from wherever the server runs, unless WEB_DIR says otherwise. */
function webDir(configured: string | undefined): string | null {
  if (configured) return path.resolve(configured);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = path.join(dir, 'packages', 'web', 'dist');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
    dir = path.dirname(dir);
  }
  return null;
}

/** buildApp(platform) → a Fastify instance with every route; tests call inject() on it, main.ts listens. */
export async function buildApp(platform: Platform): Promise<FastifyInstance> {
  const { config } = platform;
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(config.validateResponses ? serializerCompiler : () => (data) => JSON.stringify(data));
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd writes its styles at run time; MapLibre makes its workers and images from blobs.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', { retryAfterMs: context.ttl }),
  });
  await app.register(websocket);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Yingji 应急综合平台 API',
        version: VERSION,
        description: '县级智慧应急综合平台接口。会话 cookie 登录；写操作需 x-csrf-token 请求头。',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  installSessionHook(app, platform.sessions);
  acceptXlsx(app);

  for (const routes of ROUTES) routes(app, platform);

  const web = webDir(config.webDir);
  if (web) await app.register(fastifyStatic, { root: web, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes in the browser: any other GET outside /api gets index.html.
    if (web && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的资源不存在' });
  });
  return app;
}
