import type { Alarm, AlarmDetail, AlarmState, StationRuleView } from '@yingji/contracts/alarms.ts';
import type {
  AlarmLevel,
  Metric,
  Series,
  Station,
  StationCreate,
  StationCredentials,
  StationKind,
  StationState,
  StationUpdate,
} from '@yingji/contracts/monitoring.ts';
import { api, query } from '../../app/api.ts';
import type { Paged } from '../../app/usePagedList.ts';
import { fetchEveryPage } from '../../app/useCappedList.ts';

/** The web side of /api/monitoring/stations…, /api/alarms… and /api/alarm-rules/stations/… (domains/monitoring). */

export interface StationFilter {
  areaCode?: string;
  kind?: StationKind;
  state?: StationState;
  q?: string;
}

const STATIONS = '/api/monitoring/stations';

export const fetchStations = (f: StationFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<Paged<Station>>(`${STATIONS}${query({ ...f, limit, offset })}`, { signal });
export const fetchStation = (id: string, signal?: AbortSignal) => api.get<Station>(`${STATIONS}/${id}`, { signal });
export const createStation = (input: StationCreate) =>
  api.post<{ station: Station; credentials: StationCredentials }>(STATIONS, input);
export const updateStation = (id: string, input: StationUpdate) => api.patch<Station>(`${STATIONS}/${id}`, input);
export const deleteStation = (id: string) => api.delete<{ ok: true }>(`${STATIONS}/${id}`);
export const rotateCredentials = (id: string) => api.post<StationCredentials>(`${STATIONS}/${id}/credentials`);
export const fetchSeries = (id: string, metric: Metric, range: '24h' | '7d', signal?: AbortSignal) =>
  api.get<Series>(`${STATIONS}/${id}/series${query({ metric, range })}`, { signal });

/** The largest page the stations API gives (its list is meant for maps as well as the register). */
const STATIONS_PAGE = 2000;

/** Every station of an area, for the map layer. */
export const fetchAllStations = (areaCode: string, signal?: AbortSignal): Promise<Station[]> =>
  fetchEveryPage((limit, offset) => fetchStations({ areaCode }, limit, offset, signal), STATIONS_PAGE);

export interface AlarmFilter {
  areaCode?: string;
  state?: AlarmState;
  /** Sent as `level=orange,red`. */
  levels?: AlarmLevel[];
  stationKind?: StationKind;
  stationId?: string;
  acknowledged?: boolean;
}

export const fetchAlarms = ({ levels, ...f }: AlarmFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<Paged<Alarm>>(`/api/alarms${query({ ...f, level: levels?.length ? levels.join(',') : undefined, limit, offset })}`, {
    signal,
  });

/** The alarms API caps a page at 500. */
const ALARMS_PAGE = 500;

/** Every active alarm of an area (a county has a handful at a time, a storm a few hundred), for the map layer. */
export async function fetchActiveAlarms(areaCode: string, signal?: AbortSignal): Promise<Alarm[]> {
  const items: Alarm[] = [];
  for (let offset = 0; ; offset += ALARMS_PAGE) {
    const page = await fetchAlarms({ areaCode, state: 'active' }, ALARMS_PAGE, offset, signal);
    items.push(...page.items);
    if (page.items.length < ALARMS_PAGE || items.length >= page.total) return items;
  }
}

export const fetchAlarm = (id: string, signal?: AbortSignal) => api.get<AlarmDetail>(`/api/alarms/${id}`, { signal });
export const acknowledgeAlarm = (id: string, note: string) => api.post<Alarm>(`/api/alarms/${id}/acknowledge`, { note });
/**
 * 转为预警 (E4) / 转为事件 (E6): the id of the warning draft or incident made from the alarm (the same one again if it
 * was converted before); ALARM_ACTION_NOT_AVAILABLE while a domain is not part of the build.
 */
export const convertAlarm = (id: string, target: 'warning' | 'incident') =>
  api.post<{ id: string }>(`/api/alarms/${id}/${target === 'warning' ? 'warning-draft' : 'incident'}`);

/** How many active alarms nobody has acknowledged yet, within the user's whole scope. */
export async function countUnacknowledged(signal?: AbortSignal): Promise<number> {
  const page = await fetchAlarms({ state: 'active', acknowledged: false }, 1, 0, signal);
  return page.total;
}

export const fetchStationRules = (stationId: string, signal?: AbortSignal) =>
  api.get<StationRuleView[]>(`/api/alarm-rules/stations/${stationId}`, { signal });
