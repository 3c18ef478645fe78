import type { ShelterGrade, ShelterType, TargetType } from '@yingji/contracts/shelters.ts';
import { COVERAGE_STATUS_NAMES, SHELTER_GRADE_NAMES, SHELTER_TYPE_NAMES, TARGET_TYPE_NAMES } from '@yingji/contracts/shelters.ts';
import type { FeatureCollection } from 'geojson';
import { api, query } from '../../app/api.ts';
import { formatPopulation } from '../../app/format.ts';
import { registerLayer, type LayerLoadContext } from '../../map/layers.ts';
import {
  COVERAGE_COLORS,
  percent,
  SHELTER_CLOSED_COLOR,
  SHELTER_OPEN_COLOR,
  SHELTER_STROKE_COLOR,
  TARGET_COLOR,
} from './labels.ts';
import { fetchCoverage, fetchShelters, fetchTargets } from './sheltersApi.ts';
import { fetchEveryPage } from '../../app/useCappedList.ts';

/*
 * 一张图 layers of the shelters domain: shelters (circle sized by capacity, green when open), protection targets,
 * and the townships coloured by R-09 coverage status. All reload on 'shelters.changed'.
 */

const reloadOnShelters = (event: { type: string }) => event.type === 'shelters.changed';
const demoRow = (p: Record<string, unknown>) => (p.demo === true ? [{ label: '数据', value: '演示数据' }] : []);

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

async function loadShelters({ areaCode, signal }: LayerLoadContext): Promise<FeatureCollection> {
  const shelters = await fetchEveryPage((limit, offset) => fetchShelters({ areaCode }, limit, offset, signal));
  return points(
    shelters.map((s) => ({
      lon: s.lon,
      lat: s.lat,
      properties: {
        id: s.id,
        name: s.name,
        type: s.type,
        grade: s.grade,
        capacity: s.capacity,
        occupancy: s.occupancy,
        freeCapacity: s.freeCapacity,
        open: s.open,
        facilities: s.facilities.length,
        manager: `${s.managerName} ${s.managerPhone}`,
        demo: s.demo,
      },
    })),
  );
}

async function loadTargets({ areaCode, signal }: LayerLoadContext): Promise<FeatureCollection> {
  const targets = await fetchEveryPage((limit, offset) => fetchTargets({ areaCode }, limit, offset, signal));
  return points(
    targets.map((t) => ({
      lon: t.lon,
      lat: t.lat,
      properties: {
        name: t.name,
        type: t.type,
        people: t.people,
        responsible: `${t.responsibleName} ${t.responsiblePhone}`,
        demo: t.demo,
      },
    })),
  );
}

/** The townships' shapes (from the areas API) joined with the coverage table (from this domain) by area code. */
async function loadCoverage({ areaCode, signal }: LayerLoadContext): Promise<FeatureCollection> {
  const [shapes, report] = await Promise.all([
    api.get<FeatureCollection>(`/api/areas/geojson${query({ root: areaCode, levels: 'township' })}`, { signal }),
    fetchCoverage(signal),
  ]);
  const rows = new Map(report.rows.map((r) => [r.areaCode, r]));
  return {
    type: 'FeatureCollection',
    features: shapes.features.flatMap((f) => {
      const row = rows.get(String(f.properties?.code ?? ''));
      return row ? [{ ...f, properties: { ...f.properties, ...row, statusName: COVERAGE_STATUS_NAMES[row.status] } }] : [];
    }),
  };
}

registerLayer({
  id: 'shelters',
  title: '避难场所（实心为开放中）',
  order: 320,
  visibleByDefault: true,
  load: loadShelters,
  circle: {
    paint: {
      // Filled green while open (taking people in), hollow while closed; the size follows the capacity.
      'circle-color': ['case', ['get', 'open'], SHELTER_OPEN_COLOR, SHELTER_CLOSED_COLOR] as unknown as string,
      'circle-radius': [
        'interpolate',
        ['linear'],
        ['get', 'capacity'],
        0,
        4,
        500,
        6,
        2000,
        10,
        5000,
        15,
        20000,
        22,
      ] as unknown as number,
      'circle-opacity': 1,
      'circle-stroke-color': SHELTER_STROKE_COLOR,
      'circle-stroke-width': 2,
    },
  },
  symbol: {
    layout: { 'text-field': ['get', 'name'], 'text-size': 11, 'text-offset': [0, 1.4], 'text-anchor': 'top' },
    paint: { 'text-color': '#135200', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
    minzoom: 11,
  },
  popup: (p) => ({
    title: String(p.name ?? ''),
    rows: [
      {
        label: '类型',
        value: `${SHELTER_TYPE_NAMES[p.type as ShelterType] ?? ''} · ${SHELTER_GRADE_NAMES[p.grade as ShelterGrade] ?? ''}`,
      },
      { label: '状态', value: p.open === true ? '开放中' : '关闭' },
      { label: '容纳人数', value: `${formatPopulation(p.capacity as number)} 人` },
      { label: '在住 / 空余', value: `${String(p.occupancy)} / ${String(p.freeCapacity)}` },
      { label: '管理人', value: String(p.manager ?? '') },
      ...demoRow(p),
    ],
  }),
  reloadOn: reloadOnShelters,
  swatch: { color: SHELTER_OPEN_COLOR, kind: 'circle' },
});

registerLayer({
  id: 'protection-targets',
  title: '重要防护目标',
  order: 330,
  visibleByDefault: true,
  load: loadTargets,
  circle: {
    paint: {
      'circle-color': TARGET_COLOR,
      'circle-radius': 5,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  },
  symbol: {
    layout: { 'text-field': ['get', 'name'], 'text-size': 10, 'text-offset': [0, 1.1], 'text-anchor': 'top' },
    paint: { 'text-color': '#871400', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
    minzoom: 12,
  },
  popup: (p) => ({
    title: String(p.name ?? ''),
    rows: [
      { label: '类型', value: TARGET_TYPE_NAMES[p.type as TargetType] ?? String(p.type) },
      { label: '在场人数', value: p.people === null || p.people === undefined ? '—' : `${String(p.people)} 人` },
      { label: '责任人', value: String(p.responsible ?? '') },
      ...demoRow(p),
    ],
  }),
  reloadOn: reloadOnShelters,
  swatch: { color: TARGET_COLOR, kind: 'circle' },
});

const coverageColour = ['match', ['get', 'status'], ...Object.entries(COVERAGE_COLORS).flat(), '#8c8c8c'] as unknown as string;

registerLayer({
  id: 'shelter-coverage',
  title: '避难场所覆盖率（绿达标 / 红不足）',
  order: 40,
  visibleByDefault: false,
  load: loadCoverage,
  fill: { paint: { 'fill-color': coverageColour, 'fill-opacity': 0.35 } },
  line: { paint: { 'line-color': coverageColour, 'line-width': 1.5 } },
  popup: (p) => ({
    title: `${String(p.name ?? '')} — ${String(p.statusName ?? '')}`,
    rows: [
      { label: '常住人口', value: formatPopulation(p.population as number | null) },
      {
        label: '室外容量',
        value: `${formatPopulation(p.outdoorCapacity as number)} 人（${percent(p.outdoorRatio as number | null)}）`,
      },
      {
        label: '室内容量',
        value: `${formatPopulation(p.indoorCapacity as number)} 人（${percent(p.indoorRatio as number | null)}）`,
      },
    ],
  }),
  reloadOn: (event) => event.type === 'shelters.changed' || event.type.startsWith('area.'),
  swatch: { color: COVERAGE_COLORS.insufficient, kind: 'fill' },
});
