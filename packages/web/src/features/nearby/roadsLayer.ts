import { DEMO_ROADS_LABEL, type RoadEdgeUpdate, type RoadFeatureCollection } from '@yingji/contracts/roads.ts';
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
    // 封闭 / 恢复通行: the road distances of 周边资源 route around closed segments from the next search on.
    actions: [
      closed
        ? { label: '恢复通行', permission: 'roads:close', run: () => setClosed(String(p.id), { closed: false }) }
        : {
            label: '封闭路段',
            permission: 'roads:close',
            danger: true,
            input: { placeholder: '封闭原因（如 塌方、积水）', required: true },
            run: (reason) => setClosed(String(p.id), { closed: true, reason }),
          },
    ],
  };
}

/** The layer reloads itself on the 'roads.changed' event the server publishes. */
async function setClosed(id: string, update: RoadEdgeUpdate): Promise<void> {
  await api.patch(`/api/roads/edges/${encodeURIComponent(id)}`, update);
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
      // Opaque, so a segment's colour on screen is exactly its class colour (the e2e test finds roads by it).
      'line-opacity': 1,
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
