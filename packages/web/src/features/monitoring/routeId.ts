import { navigate, usePath } from '../../app/router.ts';

/**
 * The record a page shows in its drawer, kept in the path (`/monitoring/alarms/<id>`), so a banner or another page
 * can link straight to it and the browser's back button closes it.
 */
export function useRouteId(basePath: string): [string | null, (id: string | null) => void] {
  const path = usePath();
  const rest = path.startsWith(`${basePath}/`) ? path.slice(basePath.length + 1) : '';
  const id = /^[0-9a-f-]{36}$/i.test(rest) ? rest : null;
  return [id, (next) => navigate(next ? `${basePath}/${next}` : basePath)];
}

/** The station or alarm id a live event is about (station events carry `id`, alarm events `stationId`). */
export function eventStationId(event: { type: string; data: unknown } | null): string | null {
  if (!event || typeof event.data !== 'object' || event.data === null) return null;
  const data = event.data as { id?: unknown; stationId?: unknown };
  const id = event.type.startsWith('alarm.') ? data.stationId : event.type === 'monitoring.station_state' ? data.id : null;
  return typeof id === 'string' ? id : null;
}
