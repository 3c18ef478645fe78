import type { Alarm } from '@yingji/contracts/alarms.ts';
import { ALARM_LEVEL_LABELS, ALARM_LEVELS, METRIC_INFO, STATION_STATE_LABELS } from '@yingji/contracts/monitoring.ts';
import type { AlarmLevel, LatestValue, StationKind, StationState } from '@yingji/contracts/monitoring.ts';
import type { FeatureCollection } from 'geojson';
import { formatInstant } from '../../app/format.ts';
import { registerLayer, type LayerLoadContext } from '../../map/layers.ts';
import { registerMapPanel } from '../../map/panels.ts';
import { LEVEL_COLORS, STATE_COLORS, higherLevel, kindLabel, levelRank, metricText } from './labels.ts';
import { fetchActiveAlarms, fetchAllStations } from './monitoringApi.ts';
import { StationMapPanel } from './StationMapPanel.tsx';

/*
 * 一张图 layer of the monitoring domain: every station of the area as a dot coloured by its state (green online, grey
 * offline, orange fault), ringed in the colour of its highest active alarm (蓝/黄/橙/红), which also draws it larger
 * and on top. A click shows the popup and opens the station panel with its charts (StationMapPanel). The layer reloads
 * on the pushes that change colours (state changes, alarms); newest values are patched in by the panel.
 */

export const STATIONS_LAYER = 'monitoring-stations';

interface AlarmSummary {
  level: AlarmLevel;
  rule: string;
  message: string;
}

/** The highest level among a station's active alarms, and those alarms, most severe first. */
function alarmsByStation(alarms: Alarm[]): Map<string, AlarmSummary[]> {
  const out = new Map<string, AlarmSummary[]>();
  for (const a of alarms)
    out.set(a.stationId, [...(out.get(a.stationId) ?? []), { level: a.level, rule: a.rule, message: a.message }]);
  for (const list of out.values()) list.sort((a, b) => levelRank(b.level) - levelRank(a.level));
  return out;
}

async function loadStations({ areaCode, signal }: LayerLoadContext): Promise<FeatureCollection> {
  const [stations, alarms] = await Promise.all([
    fetchAllStations(areaCode, signal),
    // Stations are still worth drawing when the alarm list cannot be read; they are then drawn without rings.
    fetchActiveAlarms(areaCode, signal).catch((e: unknown) => {
      if (signal.aborted) throw e;
      return [] as Alarm[];
    }),
  ]);
  const active = alarmsByStation(alarms);
  return {
    type: 'FeatureCollection',
    features: stations.map((s) => {
      const own = active.get(s.id) ?? [];
      const top = own.reduce<AlarmLevel | null>((level, a) => higherLevel(level, a.level), null);
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        properties: {
          id: s.id,
          name: s.name,
          kind: s.kind,
          state: s.state,
          lastReadingAt: s.lastReadingAt,
          // MapLibre keeps flat properties only: lists travel as JSON text.
          latest: JSON.stringify(s.latest),
          alarms: JSON.stringify(own),
          alarmLevel: top ?? '',
          alarmRank: top ? levelRank(top) + 1 : 0,
          demo: s.demo,
        },
      };
    }),
  };
}

function parsed<T>(value: unknown): T[] {
  try {
    return typeof value === 'string' ? (JSON.parse(value) as T[]) : [];
  } catch {
    return [];
  }
}

const stateColour = ['match', ['get', 'state'], ...Object.entries(STATE_COLORS).flat(), STATE_COLORS.offline];
const ringColour = ['match', ['get', 'alarmLevel'], ...ALARM_LEVELS.flatMap((l) => [l, LEVEL_COLORS[l]]), '#ffffff'];
const inAlarm = ['!=', ['get', 'alarmLevel'], ''];

registerLayer({
  id: STATIONS_LAYER,
  title: '监测站点（绿在线·灰离线·橙故障，外圈为告警级别）',
  order: 400,
  visibleByDefault: true,
  load: loadStations,
  circle: {
    layout: { 'circle-sort-key': ['get', 'alarmRank'] as unknown as number },
    paint: {
      'circle-color': stateColour as unknown as string,
      'circle-radius': ['case', inAlarm, 7, 6] as unknown as number,
      'circle-stroke-color': ringColour as unknown as string,
      'circle-stroke-width': ['case', inAlarm, 4, 1.5] as unknown as number,
    },
  },
  symbol: {
    layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-offset': [0, 1.3], 'text-anchor': 'top' },
    paint: { 'text-color': '#0b3a6f', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
    minzoom: 11,
  },
  popup: (p) => {
    const latest = parsed<LatestValue>(p.latest);
    const alarms = parsed<AlarmSummary>(p.alarms);
    return {
      title: String(p.name ?? ''),
      rows: [
        { label: '类型', value: kindLabel(p.kind as StationKind) },
        {
          label: '状态',
          value: `${STATION_STATE_LABELS[p.state as StationState] ?? String(p.state)}（最后上报 ${formatInstant(p.lastReadingAt as string | null)}）`,
        },
        ...(latest.length
          ? latest.map((v) => ({
              label: METRIC_INFO[v.metric]?.label ?? v.metric,
              value: `${metricText(v.metric, v.value)}（${formatInstant(v.at).slice(5, 16)}）`,
            }))
          : [{ label: '最新值', value: '尚未收到读数' }]),
        ...(alarms.length
          ? alarms.map((a) => ({ label: `${ALARM_LEVEL_LABELS[a.level]}告警`, value: a.message }))
          : [{ label: '告警', value: '无' }]),
        ...(p.demo === true ? [{ label: '数据', value: '演示数据' }] : []),
      ],
    };
  },
  reloadOn: (event) =>
    event.type === 'monitoring.stations_changed' ||
    event.type === 'monitoring.station_state' ||
    (event.type.startsWith('alarm.') && event.type !== 'alarm.acknowledged'),
  swatch: { color: STATE_COLORS.online, kind: 'circle' },
});

registerMapPanel({ id: 'monitoring-station', order: 20, component: StationMapPanel });
