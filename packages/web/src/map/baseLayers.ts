import type { AreaLevel } from '@yingji/contracts/areas.ts';
import type { FeatureCollection } from 'geojson';
import { api, query } from '../app/api.ts';
import { formatPopulation } from '../app/format.ts';
import { registerLayer, type LayerLoadContext, type PopupContent } from './layers.ts';

/*
 * The base layers of 一张图: the administrative divisions. They are ordinary registrations, exactly like the ones
 * other domains add, so the registry is exercised from day one.
 */

const GEOMETRY_SOURCE_NAMES: Record<string, string> = {
  imported: '导入的权威边界',
  reference: '参考数据（非权威）',
  demo: '示意范围（演示数据）',
};

// The three layers load in the same round with the same signal; one request serves them all.
const roundRequests = new WeakMap<AbortSignal, Promise<FeatureCollection>>();

function areaShapes({ areaCode, signal }: LayerLoadContext): Promise<FeatureCollection> {
  let request = roundRequests.get(signal);
  if (!request) {
    const url = `/api/areas/geojson${query({ root: areaCode, levels: 'county,township,village' })}`;
    request = api.get<FeatureCollection>(url, { signal });
    roundRequests.set(signal, request);
  }
  return request;
}

function areaLevelLoader(level: AreaLevel) {
  return async (context: LayerLoadContext): Promise<FeatureCollection> => {
    const all = await areaShapes(context);
    return { type: 'FeatureCollection', features: all.features.filter((f) => f.properties?.level === level) };
  };
}

function areaPopup(properties: Record<string, unknown>): PopupContent {
  const population = typeof properties.population === 'number' ? properties.population : null;
  const source = String(properties.geometrySource ?? '');
  return {
    title: String(properties.name ?? ''),
    rows: [
      { label: '层级', value: String(properties.levelName ?? properties.level ?? '') },
      { label: '代码', value: String(properties.code ?? '') },
      { label: '人口', value: formatPopulation(population) },
      ...(GEOMETRY_SOURCE_NAMES[source] ? [{ label: '边界', value: GEOMETRY_SOURCE_NAMES[source] }] : []),
    ],
  };
}

const reloadOnAreaChange = (event: { type: string }) => event.type.startsWith('area.');
const LABEL_PAINT = { 'text-color': '#1f2d3d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 };

registerLayer({
  id: 'area-county',
  title: '县（区）界',
  order: 10,
  load: areaLevelLoader('county'),
  // Transparent fill: a click inside the county but outside every township still tells what was clicked.
  fill: { paint: { 'fill-color': '#c0392b', 'fill-opacity': 0 } },
  line: { paint: { 'line-color': '#c0392b', 'line-width': 2.5 } },
  symbol: { layout: { 'text-field': ['get', 'name'], 'text-size': 16 }, paint: LABEL_PAINT, maxzoom: 9 },
  popup: areaPopup,
  reloadOn: reloadOnAreaChange,
  swatch: { color: '#c0392b', kind: 'line' },
});

registerLayer({
  id: 'area-township',
  title: '乡镇（街道）',
  order: 20,
  load: areaLevelLoader('township'),
  fill: { paint: { 'fill-color': '#1d5fa8', 'fill-opacity': 0.08 } },
  line: { paint: { 'line-color': '#1d5fa8', 'line-width': 1.2 } },
  symbol: { layout: { 'text-field': ['get', 'name'], 'text-size': 13 }, paint: LABEL_PAINT, minzoom: 8 },
  popup: areaPopup,
  reloadOn: reloadOnAreaChange,
  swatch: { color: '#1d5fa8', kind: 'fill' },
});

registerLayer({
  id: 'area-village',
  title: '村（社区）',
  order: 30,
  load: areaLevelLoader('village'),
  // Villages are many and small: only once zoomed in, or the county view turns into noise.
  fill: { paint: { 'fill-color': '#6b7c93', 'fill-opacity': 0 }, minzoom: 10 },
  line: { paint: { 'line-color': '#6b7c93', 'line-width': 0.7 }, minzoom: 10 },
  symbol: { layout: { 'text-field': ['get', 'name'], 'text-size': 11 }, paint: LABEL_PAINT, minzoom: 11 },
  popup: areaPopup,
  reloadOn: reloadOnAreaChange,
  swatch: { color: '#6b7c93', kind: 'line' },
});
