import { DEMO_ROADS_LABEL, type RoadFeatureCollection } from '@yingji/contracts/roads.ts';
import type { FeatureCollection } from 'geojson';
import { api } from '../../app/api.ts';
import { registerLayer, type PopupContent } from '../../map/layers.ts';

/*
 * 路网 on 一张图: the imported road graph, closed segments in red. The generated demo network is dashed (as every
 * demo geometry is) and labelled 演示路网 along its lines and in its popups.
 */

const CLASS_COLOR = ['match', ['get', 'roadClass'], '县道', '#a0522d', '乡道', '#b8860b', '#c9a66b'];

function roadPopup(p: Record<string, unknown>): PopupContent {
  const closed = p.closed === true;
  return {
    title: String(p.name ?? '未命名路段'),
    rows: [
      { label: '等级', value: String(p.roadClass ?? '未注明') },
      { label: '长度', value: `${Number(p.lengthKm ?? 0).toFixed(2)} 公里` },
      { label: '状态', value: closed ? `封闭${p.closedReason ? `（${String(p.closedReason)}）` : ''}` : '通行' },
      { label: '数据', value: p.demo === true ? `${DEMO_ROADS_LABEL}（生成的示意道路，非真实路网）` : '导入的路网' },
    ],
  };
}

registerLayer({
  id: 'roads',
  title: '路网',
  order: 40,
  load: ({ signal }) => api.get<RoadFeatureCollection>('/api/roads/geojson', { signal }) as Promise<FeatureCollection>,
  line: {
    paint: {
      'line-color': ['case', ['get', 'closed'], '#e8380d', CLASS_COLOR] as never,
      'line-width': ['match', ['get', 'roadClass'], '县道', 2.6, '乡道', 2, 1.4] as never,
      'line-opacity': 0.9,
    },
    layout: { 'line-cap': 'round', 'line-join': 'round' },
  },
  symbol: {
    layout: {
      'symbol-placement': 'line',
      'text-field': ['case', ['get', 'demo'], DEMO_ROADS_LABEL, ['coalesce', ['get', 'name'], '']] as never,
      'text-size': 11,
      'symbol-spacing': 400,
    },
    paint: { 'text-color': '#7a4b12', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    minzoom: 9,
  },
  popup: roadPopup,
  reloadOn: (event) => event.type === 'roads.changed',
  swatch: { color: '#a0522d', kind: 'line' },
});
