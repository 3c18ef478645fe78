import type { FastifyInstance } from 'fastify';
import type { LiveEvent } from '@yingji/contracts/health.ts';
import type { Actor } from '../access/actor.ts';
import { isWithin } from '../access/scope.ts';
import type { BusEvent } from '../events/bus.ts';
import type { Platform } from '../platform.ts';
import { actorOf, SESSION_COOKIE } from './session-hook.ts';

/** Events about an area go to users whose scope covers it; events without an area only to administrators. */
export function reaches(actor: Actor, event: BusEvent): boolean {
  if (event.areaCode === null) return actor.roles.includes('admin');
  return isWithin(event.areaCode, actor.areaCode);
}

/** One WebSocket per browser tab: every bus event the user may see, as JSON. */
export function liveRoutes(app: FastifyInstance, { events, clock, sessions }: Platform): void {
  app.get('/api/live', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const actor = actorOf(request);
    const token = request.cookies[SESSION_COOKIE];
    // The socket carries the rights of the session that opened it; when those change or end, the socket ends
    // (close code 4001) and the browser reconnects under whatever session it has now.
    const end = () => socket.close(4001, 'session changed');
    const unsubscribe = events.subscribe((event) => {
      if (event.type === 'user.changed' && (event.data as { id: string }).id === actor.userId) return end();
      if (!reaches(actor, event)) return;
      const message: LiveEvent = { type: event.type, areaCode: event.areaCode, at: event.at, data: event.data };
      socket.send(JSON.stringify(message));
    });
    // Keeps proxies from closing an idle connection, and re-checks the session (logout, expiry, password change).
    const ping = setInterval(() => {
      socket.ping();
      sessions.resolve(token).catch(end);
    }, 25_000);
    socket.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
    socket.send(JSON.stringify({ type: 'live.connected', areaCode: actor.areaCode, at: clock.now().toISOString(), data: null }));
  });
}
