import { WAREHOUSE_LEVEL_NAMES, type WarehouseLevel } from '@yingji/contracts/supplies.ts';
import type { FeatureCollection } from 'geojson';
import { registerLayer, type LayerLoadContext } from '../../map/layers.ts';
import { DEMO_SUFFIX, LEVEL_COLORS } from './labels.ts';
import { fetchBalances, fetchWarehouses } from './suppliesApi.ts';
import { fetchEveryPage } from '../../app/useCappedList.ts';

/*
 * 一张图 layer of the supplies domain: warehouses coloured by tier (县 purple, 镇 blue, 村 teal), sized by tier, with
 * a popup naming the keeper and the main stock. Reloads on 'supplies.changed'.
 */

const MAIN_STOCK = 5;

async function loadWarehouses({ areaCode, signal }: LayerLoadContext): Promise<FeatureCollection> {
  const [warehouses, batches] = await Promise.all([
    fetchEveryPage((limit, offset) => fetchWarehouses({ areaCode }, limit, offset, signal)),
    fetchEveryPage((limit, offset) => fetchBalances({ areaCode }, limit, offset, signal)),
  ]);
  // Main stock: the kinds a warehouse holds most of, by quantity in their own unit.
  const stock = new Map<string, Map<string, { name: string; unit: string; quantity: number }>>();
  for (const b of batches) {
    const kinds = stock.get(b.warehouseId) ?? new Map();
    const kind = kinds.get(b.kindId) ?? { name: b.kindName, unit: b.unit, quantity: 0 };
    kind.quantity += b.quantity;
    kinds.set(b.kindId, kind);
    stock.set(b.warehouseId, kinds);
  }
  return {
    type: 'FeatureCollection',
    features: warehouses.map((w) => {
      const main = [...(stock.get(w.id)?.values() ?? [])].sort((a, b) => b.quantity - a.quantity).slice(0, MAIN_STOCK);
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [w.lon, w.lat] },
        properties: {
          id: w.id,
          name: w.name,
          label: w.name.replace(DEMO_SUFFIX, ''),
          level: w.level,
          keeper: `${w.keeper} ${w.phone}`,
          capacity: w.capacityM3,
          stock: main.map((k) => `${k.name} ${k.quantity.toLocaleString('zh-CN')}${k.unit}`).join('；') || '无库存',
          demo: w.name.endsWith(DEMO_SUFFIX),
        },
      };
    }),
  };
}

registerLayer({
  id: 'supply-warehouses',
  title: '应急物资仓库（县 / 镇 / 村）',
  order: 310,
  visibleByDefault: true,
  load: loadWarehouses,
  circle: {
    paint: {
      'circle-color': ['match', ['get', 'level'], ...Object.entries(LEVEL_COLORS).flat(), '#595959'] as unknown as string,
      'circle-radius': ['match', ['get', 'level'], 'county', 10, 'township', 7, 5] as unknown as number,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
  symbol: {
    layout: { 'text-field': ['get', 'label'], 'text-size': 11, 'text-offset': [0, 1.3], 'text-anchor': 'top' },
    paint: { 'text-color': '#22075e', 'text-halo-color': '#fff', 'text-halo-width': 1.2 },
    minzoom: 10,
  },
  popup: (p) => ({
    title: String(p.name ?? ''),
    rows: [
      { label: '层级', value: WAREHOUSE_LEVEL_NAMES[p.level as WarehouseLevel] ?? String(p.level) },
      { label: '保管员', value: String(p.keeper ?? '') },
      { label: '库容', value: p.capacity ? `${String(p.capacity)} m³` : '—' },
      { label: '主要库存', value: String(p.stock ?? '') },
      ...(p.demo === true ? [{ label: '数据', value: '演示数据' }] : []),
    ],
  }),
  reloadOn: (event) => event.type === 'supplies.changed',
  swatch: { color: LEVEL_COLORS.county, kind: 'circle' },
});
