import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zHealth, type Health } from '@yingji/contracts/health.ts';
import type { Platform } from '../platform.ts';
import { VERSION } from '../version.ts';

export function healthRoutes(app: FastifyInstance, { db, events, jobs, monitoring, warnings }: Platform): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/health',
      { config: { public: true }, schema: { tags: ['platform'], summary: '健康检查', response: { 200: zHealth, 503: zHealth } } },
      async (_request, reply) => {
        let latencyMs = -1;
        try {
          latencyMs = await db.ping();
        } catch {
          /* reported below as not ok */
        }
        const databaseOk = latencyMs >= 0;
        const health: Health = {
          status: databaseOk && events.healthy() ? 'ok' : 'degraded',
          version: VERSION,
          database: { dialect: db.dialect, ok: databaseOk, latencyMs: Math.round(latencyMs * 100) / 100 },
          events: { transport: events.transport, ok: events.healthy() },
          broker: monitoring.mqtt(),
          jobs: databaseOk ? await jobs.counts() : { queued: 0, dead: 0 },
          outbox: { ...warnings.dispatcher.status(), waiting: databaseOk ? await warnings.dispatcher.waiting() : 0 },
        };
        reply.status(databaseOk ? 200 : 503);
        return health;
      },
    );
}
