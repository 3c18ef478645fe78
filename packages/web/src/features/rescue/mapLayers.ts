import { DUTY_STATES, TEAM_LEVELS, TEAM_TYPES, type DutyState, type TeamLevel, type TeamType } from '@yingji/contracts/rescue.ts';
import type { FeatureCollection } from 'geojson';
import { registerLayer, type LayerLoadContext } from '../../map/layers.ts';
import { DUTY_STATE_COLORS } from './labels.ts';
import { fetchExperts, fetchTeams } from './rescueApi.ts';
import { fetchEveryPage } from '../../app/useCappedList.ts';

/*
 * 一张图 layers of the rescue domain: teams coloured by duty state (值守 green, 待命 blue, 出动 red, 休整 grey), and
 * experts at their organisations. Both reload when the registers change ('rescue.changed').
 */

const reloadOnRescue = (event: { type: string }) => event.type === 'rescue.changed';

function points(items: { lon: number; lat: number; properties: Record<string, unknown> }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: items.map(({ lon, lat, properties }) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties,
    })),
  };
}

async function loadTeams({ areaCode, signal }: LayerLoadContext): Promise<FeatureCollection> {
  const teams = await fetchEveryPage((limit, offset) => fetchTeams({ areaCode }, limit, offset, signal));
  return points(
    teams.map((t) => ({
      lon: t.lon,
      lat: t.lat,
      properties: {
        id: t.id,
        name: t.name,
        type: t.type,
        level: t.level,
        dutyState: t.dutyState,
        memberCount: t.memberCount,
        equipmentCount: t.equipmentCount,
        leader: `${t.leaderName} ${t.leaderPhone}`,
        dutyPhone: t.dutyPhone,
        demo: t.demo,
      },
    })),
  );
}

async function loadExperts({ areaCode, signal }: LayerLoadContext): Promise<FeatureCollection> {
  const experts = await fetchEveryPage((limit, offset) => fetchExperts({ areaCode }, limit, offset, signal));
  return points(
    experts.map((e) => ({
      lon: e.lon,
      lat: e.lat,
      properties: {
        name: e.name,
        fields: e.fields.join('、'),
        title: e.title,
        organisation: e.organisation,
        phone: e.phone,
        available: e.available,
        availabilityNote: e.availabilityNote,
        demo: e.demo,
      },
    })),
  );
}

const dutyColour = ['match', ['get', 'dutyState'], ...Object.entries(DUTY_STATE_COLORS).flat(), '#1677ff'] as unknown as string;

registerLayer({
  id: 'rescue-teams',
  title: '救援队伍（按值守状态着色）',
  order: 300,
  visibleByDefault: true,
  load: loadTeams,
  circle: {
    paint: {
      'circle-color': dutyColour,
      // County teams are drawn larger than township and village teams.
      'circle-radius': ['match', ['get', 'level'], 'county', 9, 'township', 7, 5] as unknown as number,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  },
  symbol: {
    layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-offset': [0, 1.2], 'text-anchor': 'top' },
    paint: { 'text-color': '#333', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
    minzoom: 11,
  },
  popup: (p) => ({
    title: String(p.name ?? ''),
    rows: [
      { label: '类型', value: `${TEAM_TYPES[p.type as TeamType] ?? ''} · ${TEAM_LEVELS[p.level as TeamLevel] ?? ''}` },
      { label: '值守状态', value: DUTY_STATES[p.dutyState as DutyState] ?? String(p.dutyState) },
      { label: '人数', value: `${String(p.memberCount)} 人` },
      { label: '装备', value: `${String(p.equipmentCount)} 件` },
      { label: '负责人', value: String(p.leader ?? '') },
      ...(p.dutyPhone ? [{ label: '值班电话', value: String(p.dutyPhone) }] : []),
      ...(p.demo === true ? [{ label: '数据', value: '演示数据' }] : []),
    ],
  }),
  reloadOn: reloadOnRescue,
  swatch: { color: DUTY_STATE_COLORS.on_duty, kind: 'circle' },
});

registerLayer({
  id: 'rescue-experts',
  title: '专家（所在单位）',
  order: 310,
  visibleByDefault: false,
  load: loadExperts,
  circle: {
    paint: {
      'circle-color': ['case', ['get', 'available'], '#722ed1', '#bfbfbf'] as unknown as string,
      'circle-radius': 5,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  },
  popup: (p) => ({
    title: `${String(p.name ?? '')}${p.title ? `（${String(p.title)}）` : ''}`,
    rows: [
      { label: '领域', value: String(p.fields ?? '') },
      { label: '单位', value: String(p.organisation ?? '') },
      { label: '电话', value: String(p.phone ?? '') },
      { label: '可用', value: p.available === true ? '可调用' : String(p.availabilityNote ?? '暂不可用') },
      ...(p.demo === true ? [{ label: '数据', value: '演示数据' }] : []),
    ],
  }),
  reloadOn: reloadOnRescue,
  swatch: { color: '#722ed1', kind: 'circle' },
});
