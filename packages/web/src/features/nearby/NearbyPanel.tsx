import { AimOutlined, CloseOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { LocatedKind } from '@yingji/contracts/located.ts';
import { LOCATED_KIND_NAMES, type NearbyResult } from '@yingji/contracts/nearby.ts';
import { Alert, Button, Card, Empty, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, query } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { boundsOf, labelFeatures } from '../../map/geometry.ts';
import type { MapPanelProps } from '../../map/panels.ts';
import { NearbyFilters, type FilterValues } from './NearbyFilters.tsx';
import { km } from './nearbyText.ts';
import { RESULTS_LAYER, setResults } from './resultsLayer.ts';

interface Origin {
  lon: number;
  lat: number;
  /** 'area': the current area's centre (the default); 'picked': a click on the map. */
  from: 'area' | 'picked';
}

const AREA_LAYERS = ['area-village', 'area-township', 'area-county'];
/** Room for this panel on the left and the layer panel on the right when fitting the results. */
const FIT_PADDING = { top: 60, bottom: 60, left: 420, right: 300 };

/**
 * A point well inside the current area's shape as drawn on the map (where its name is written: the middle of a
 * bounding box can fall outside a crescent-shaped county), or the view's centre before shapes load.
 */
function areaCentre({ engine, area }: MapPanelProps): Origin | null {
  if (!engine) return null;
  const own = AREA_LAYERS.flatMap((id) => engine.dataOf(id)?.features ?? []).filter((f) => f.properties?.code === area.code);
  const inner = labelFeatures({ type: 'FeatureCollection', features: own }).features[0]?.geometry;
  if (inner?.type === 'Point') return { lon: inner.coordinates[0]!, lat: inner.coordinates[1]!, from: 'area' };
  const c = engine.map.getCenter();
  return { lon: c.lng, lat: c.lat, from: 'area' };
}

function RoadStatus({ item }: { item: NearbyResult['items'][number] }) {
  const road = item.road;
  if (!road) return null;
  if (road.status === 'ok') return <Tag color="blue">道路 {km(road.distanceKm!)} 公里</Tag>;
  return (
    <Tag color={road.status === 'unreachable' ? 'red' : 'orange'} title={road.message}>
      {road.status === 'unreachable' ? '道路不通' : '远离路网'}
    </Tag>
  );
}

/**
 * 周边资源: pick a point (or take the current area's centre), a kind and its conditions, and list the k nearest with
 * straight-line and, where a road graph exists, road distances; the routes are drawn on the map.
 */
export function NearbyPanel(props: MapPanelProps) {
  const { engine, area } = props;
  const user = useUser();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<LocatedKind>('team');
  const [k, setK] = useState(10);
  const [filters, setFilters] = useState<FilterValues>({});
  const [origin, setOrigin] = useState<Origin | null>(null);
  const [picking, setPicking] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<NearbyResult | null>(null);

  // A new area: its centre is the search point until one is picked.
  useEffect(() => setOrigin(null), [area.code]);

  useEffect(() => {
    if (!engine || !picking) return;
    const canvas = engine.map.getCanvas();
    canvas.style.cursor = 'crosshair';
    const onClick = (event: { lngLat: { lng: number; lat: number } }) => {
      engine.closePopup();
      setOrigin({ lon: event.lngLat.lng, lat: event.lngLat.lat, from: 'picked' });
      setPicking(false);
    };
    engine.map.once('click', onClick);
    return () => {
      engine.map.off('click', onClick);
      canvas.style.cursor = '';
    };
  }, [engine, picking]);

  const draw = useCallback(
    (next: NearbyResult | null) => {
      const collection = setResults(next);
      if (!engine) return;
      engine.setData(RESULTS_LAYER, collection);
      const bounds = boundsOf(collection.features);
      if (next && next.items.length > 0 && bounds)
        engine.map.fitBounds(bounds, { padding: FIT_PADDING, maxZoom: 14, duration: 0 });
    },
    [engine],
  );

  const search = async () => {
    const at = origin ?? areaCentre(props);
    if (!at) return;
    setLoading(true);
    setError(null);
    try {
      const url = `/api/nearby${query({ lon: at.lon.toFixed(6), lat: at.lat.toFixed(6), kind, k, ...filters })}`;
      const next = await api.get<NearbyResult>(url);
      setResult(next);
      setOrigin(at);
      draw(next);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  const close = () => {
    setOpen(false);
    setPicking(false);
    setResult(null);
    draw(null);
  };

  if (!can(user, 'nearby:search')) return null;
  const style = { position: 'absolute', left: 12, bottom: 36, zIndex: 3 } as const;
  if (!open) {
    return (
      <Button style={style} icon={<AimOutlined />} onClick={() => setOpen(true)} data-testid="nearby-open">
        周边资源
      </Button>
    );
  }

  const shown = origin ?? null;
  return (
    <Card
      size="small"
      title="周边资源"
      data-testid="nearby-panel"
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={close} aria-label="关闭" />}
      style={{ ...style, width: 360, maxHeight: 'calc(100% - 120px)', overflow: 'auto', boxShadow: '0 2px 8px rgba(0,0,0,.15)' }}
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap size={6}>
          <Button
            size="small"
            icon={<EnvironmentOutlined />}
            type={picking ? 'primary' : 'default'}
            onClick={() => setPicking(!picking)}
            data-testid="nearby-pick"
          >
            {picking ? '请在地图上点击…' : '在地图上点选'}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="nearby-origin">
            {shown?.from === 'picked' ? `搜索点 ${shown.lon.toFixed(4)}, ${shown.lat.toFixed(4)}` : `搜索点：${area.name}中心`}
          </Typography.Text>
        </Space>
        <Space wrap size={6}>
          <Select
            size="small"
            value={kind}
            style={{ width: 130 }}
            onChange={(value) => {
              setKind(value);
              setFilters({});
            }}
            options={Object.entries(LOCATED_KIND_NAMES).map(([value, label]) => ({ value, label }))}
            data-testid="nearby-kind"
          />
          <Space size={4}>
            <Typography.Text style={{ fontSize: 12 }}>最近</Typography.Text>
            <InputNumber size="small" min={1} max={50} value={k} onChange={(v) => setK(v ?? 10)} style={{ width: 64 }} />
            <Typography.Text style={{ fontSize: 12 }}>个</Typography.Text>
          </Space>
        </Space>
        <NearbyFilters kind={kind} value={filters} onChange={setFilters} />
        <Button type="primary" size="small" block loading={loading} onClick={() => void search()} data-testid="nearby-search">
          查询
        </Button>
        {error && <Alert type="error" showIcon title={error} />}
        {result && <Results result={result} onFocus={(lon, lat) => engine?.map.flyTo({ center: [lon, lat], zoom: 13 })} />}
      </Space>
    </Card>
  );
}

function Results({ result, onFocus }: { result: NearbyResult; onFocus(lon: number, lat: number): void }) {
  const name = LOCATED_KIND_NAMES[result.kind];
  return (
    <div data-testid="nearby-results">
      {!result.sourceAvailable && <Alert type="warning" showIcon title={`${name}登记尚未接入周边搜索`} />}
      {result.roads.demo && (
        <Alert
          type="info"
          showIcon
          data-testid="nearby-roads-demo"
          title={`道路距离基于${result.roads.label}（生成的示意道路，非真实路网）`}
          style={{ marginBottom: 8 }}
        />
      )}
      {!result.roads.available && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          尚未导入路网，按直线距离排序。
        </Typography.Text>
      )}
      {!result.sourceAvailable ? null : result.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`辖区内没有符合条件的${name}`} />
      ) : (
        <List
          size="small"
          dataSource={result.items}
          renderItem={(item, i) => (
            <List.Item
              style={{ cursor: 'pointer', padding: '4px 0' }}
              onClick={() => onFocus(item.lon, item.lat)}
              data-testid="nearby-result-item"
            >
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Typography.Text strong>
                  {i + 1}. {item.name}
                </Typography.Text>
                <Space size={4} wrap>
                  <Tag>直线 {km(item.distanceKm)} 公里</Tag>
                  <RoadStatus item={item} />
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
