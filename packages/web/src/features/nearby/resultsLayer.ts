import type { NearbyResult, NearbyWithinResult } from '@yingji/contracts/nearby.ts';
import type { Feature, FeatureCollection } from 'geojson';
import { registerLayer, type PopupContent } from '../../map/layers.ts';
import { roadText } from './nearbyText.ts';

/*
 * The last 周边资源 search on the map: the search point, the results numbered by rank, and their road routes. The
 * panel hands new results to the engine directly (setData); load() gives the same data back when the map reloads.
 */

export const RESULTS_LAYER = 'nearby-results';

let current: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function resultsCollection(): FeatureCollection {
  return current;
}

/** The search as features; routes on the demo network are marked demo, so they are dashed like it. */
export function setResults(result: NearbyResult | null): FeatureCollection {
  if (!result) return (current = { type: 'FeatureCollection', features: [] });
  const source = result.roads.demo ? 'demo' : 'imported';
  const routes: Feature[] = result.items.flatMap((item, i) =>
    item.road?.route
      ? [{ type: 'Feature', properties: { role: 'route', rank: i + 1, geometrySource: source }, geometry: item.road.route }]
      : [],
  );
  const points: Feature[] = result.items.map((item, i) => ({
    type: 'Feature',
    properties: {
      role: 'result',
      rank: i + 1,
      name: item.name,
      distanceKm: item.distanceKm,
      road: roadText(item.road),
    },
    geometry: { type: 'Point', coordinates: [item.lon, item.lat] },
  }));
  const origin: Feature = {
    type: 'Feature',
    properties: { role: 'origin', name: '搜索点' },
    geometry: { type: 'Point', coordinates: [result.origin.lon, result.origin.lat] },
  };
  return (current = { type: 'FeatureCollection', features: [...routes, ...points, origin] });
}

/** 区域内 search: every item found, numbered in list order, without a search point or distances. */
export function setWithinResults(result: NearbyWithinResult): FeatureCollection {
  const points: Feature[] = result.items.map((item, i) => ({
    type: 'Feature',
    properties: { role: 'result', rank: i + 1, name: item.name },
    geometry: { type: 'Point', coordinates: [item.lon, item.lat] },
  }));
  return (current = { type: 'FeatureCollection', features: points });
}

function resultPopup(p: Record<string, unknown>): PopupContent {
  if (p.role === 'origin') return { title: '搜索点', rows: [] };
  return {
    title: `${String(p.rank ?? '')}. ${String(p.name ?? '')}`,
    rows: [
      ...(p.distanceKm === undefined ? [] : [{ label: '直线距离', value: `${Number(p.distanceKm).toFixed(2)} 公里` }]),
      ...(p.road ? [{ label: '道路', value: String(p.road) }] : []),
    ],
  };
}

registerLayer({
  id: RESULTS_LAYER,
  title: '周边资源搜索结果',
  order: 90,
  load: async () => current,
  line: {
    paint: { 'line-color': '#1668dc', 'line-width': 3, 'line-opacity': 0.8 },
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    filter: ['==', ['get', 'role'], 'route'],
  },
  circle: {
    paint: {
      'circle-radius': ['case', ['==', ['get', 'role'], 'origin'], 8, 9] as never,
      'circle-color': ['case', ['==', ['get', 'role'], 'origin'], '#e8380d', '#1668dc'] as never,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
    filter: ['!=', ['get', 'role'], 'route'],
  },
  symbol: {
    layout: { 'text-field': ['to-string', ['get', 'rank']], 'text-size': 11, 'text-allow-overlap': true },
    paint: { 'text-color': '#ffffff' },
    filter: ['==', ['get', 'role'], 'result'],
  },
  popup: resultPopup,
  swatch: { color: '#1668dc', kind: 'circle' },
});
