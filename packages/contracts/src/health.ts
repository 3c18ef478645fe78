import { z } from 'zod';

/** The sensors' MQTT ingest: the embedded broker running, an external broker (dis)connected, or none. */
export const zBrokerStatus = z.object({
  state: z.enum(['running', 'connected', 'disconnected', 'disabled']),
  detail: z.string(),
});
export type BrokerStatus = z.infer<typeof zBrokerStatus>;

export const zHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), ok: z.boolean(), latencyMs: z.number() }),
  events: z.object({ transport: z.enum(['in-process', 'postgres-notify']), ok: z.boolean() }),
  broker: zBrokerStatus,
  jobs: z.object({ queued: z.number().int(), dead: z.number().int() }),
  /** The warning outbox: which channels are set up, which are down now, how many messages wait (counted to 100,000). */
  outbox: z.object({
    channels: z.array(z.string()),
    down: z.array(z.string()),
    waiting: z.number().int(),
  }),
});
export type Health = z.infer<typeof zHealth>;

/** Events pushed to the browser over /api/live. Each carries the area it belongs to so it reaches only that scope. */
export const zLiveEvent = z.object({
  type: z.string(),
  areaCode: z.string().nullable(),
  at: z.string(),
  data: z.unknown(),
});
export type LiveEvent = z.infer<typeof zLiveEvent>;
