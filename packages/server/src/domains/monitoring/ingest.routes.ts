import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zIngestBody, zIngestResult } from '@yingji/contracts/monitoring.ts';
import type { Platform } from '../../platform/platform.ts';
import type { DirectoryEntry } from './station-directory.ts';

/** Large batches from gateways: 10,000 readings of ~80 bytes, with room. */
const INGEST_BODY_LIMIT = 4 * 1024 * 1024;

const zDeviceHeaders = z.object({
  authorization: z
    .string()
    .regex(/^Bearer \S+$/, '应为 Authorization: Bearer <设备令牌>')
    .optional(),
  'x-device-token': z.string().min(1).optional(),
});

/**
 * POST /api/ingest/readings — devices, not people: no session, no CSRF; the station's device token in
 * `Authorization: Bearer <token>` (or `x-device-token`). 200 means every accepted reading is committed; the body
 * lists the refused ones and why. 401 for an unknown token, 429 while the device is rate-limited for bad input.
 */
export function ingestRoutes(app: FastifyInstance, platform: Platform): void {
  const { ingest } = platform.monitoring;
  const stationOf = new WeakMap<FastifyRequest, DirectoryEntry>();
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/ingest/readings',
    {
      config: { public: true },
      bodyLimit: INGEST_BODY_LIMIT,
      // The device is recognised (and a rate-limited one refused) before its body is read or parsed.
      onRequest: async (request) => {
        const header = request.headers.authorization;
        const bearer = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
        const token = bearer ?? (request.headers['x-device-token'] as string | undefined);
        const entry = await ingest.byToken(token);
        ingest.assertOpen(entry);
        stationOf.set(request, entry);
      },
      schema: {
        tags: ['monitoring'],
        summary: '设备批量上报读数（设备令牌认证；2xx 即已持久化）',
        headers: zDeviceHeaders,
        body: zIngestBody,
        response: { 200: zIngestResult },
      },
    },
    (request) => ingest.ingest(stationOf.get(request)!, request.body.readings),
  );
}
