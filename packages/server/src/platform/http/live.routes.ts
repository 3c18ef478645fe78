import type { FastifyInstance } from 'fastify';
import type { LiveEvent } from '@yingji/contracts/health.ts';
import type { Actor } from '../access/actor.ts';
import { isWithin } from '../access/scope.ts';
import type { BusEvent } from '../events/bus.ts';
import type { Platform } from '../platform.ts';
import { actorOf } from './session-hook.ts';

/** Events about an area go to users whose scope covers it; events without an area only to administrators. */
export function reaches(actor: Actor, event: BusEvent): boolean {
  if (event.areaCode === null) return actor.roles.includes('admin');
  return isWithin(event.areaCode, actor.areaCode);
}

/** One WebSocket per browser tab: every bus event the user may see, as JSON. */
export function liveRoutes(app: FastifyInstance, { events }: Platform): void {
  app.get('/api/live', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const actor = actorOf(request);
    const unsubscribe = events.subscribe((event) => {
      if (!reaches(actor, event)) return;
      const message: LiveEvent = { type: event.type, areaCode: event.areaCode, at: event.at, data: event.data };
      socket.send(JSON.stringify(message));
    });
    // Keeps proxies from closing an idle connection and lets the browser notice a dead one.
    const ping = setInterval(() => socket.ping(), 25_000);
    socket.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
    socket.send(JSON.stringify({ type: 'live.connected', areaCode: actor.areaCode, at: new Date().toISOString(), data: null }));
  });
}
