import { AimOutlined, CloseOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { LocatedKind } from '@yingji/contracts/located.ts';
import { LOCATED_KIND_NAMES, type NearbyResult, type NearbyWithinResult } from '@yingji/contracts/nearby.ts';
import { Alert, Button, Card, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, query } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { boundsOf, labelFeatures } from '../../map/geometry.ts';
import type { MapPanelProps } from '../../map/panels.ts';
import { NearbyFilters, type FilterValues } from './NearbyFilters.tsx';
import { NearbyResults, WithinResults } from './NearbyResults.tsx';
import { RESULTS_LAYER, setResults, setWithinResults } from './resultsLayer.ts';

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
  /** 周边: the k nearest to a point; 区域内: everything inside the current area. */
  const [mode, setMode] = useState<'nearest' | 'within'>('nearest');
  const [inside, setInside] = useState<NearbyWithinResult | null>(null);

  // A new area: its centre is the search point until one is picked, and an 区域内 list is of the old area.
  useEffect(() => {
    setOrigin(null);
    setInside(null);
  }, [area.code]);

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
    (collection: ReturnType<typeof setResults>, fit: boolean) => {
      if (!engine) return;
      engine.setData(RESULTS_LAYER, collection);
      const bounds = boundsOf(collection.features);
      if (fit && bounds) engine.map.fitBounds(bounds, { padding: FIT_PADDING, maxZoom: 14, duration: 0 });
    },
    [engine],
  );

  const searchNearest = async () => {
    const at = origin ?? areaCentre(props);
    if (!at) return;
    const url = `/api/nearby${query({ lon: at.lon.toFixed(6), lat: at.lat.toFixed(6), kind, k, ...filters })}`;
    const next = await api.get<NearbyResult>(url);
    setResult(next);
    setOrigin(at);
    draw(setResults(next), next.items.length > 0);
  };

  const searchWithin = async () => {
    const next = await api.get<NearbyWithinResult>(`/api/nearby/within${query({ kind, areaCode: area.code, ...filters })}`);
    setInside(next);
    draw(setWithinResults(next), next.items.length > 0);
  };

  const search = async () => {
    setLoading(true);
    setError(null);
    try {
      await (mode === 'nearest' ? searchNearest() : searchWithin());
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
    setInside(null);
    draw(setResults(null), false);
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
  const focus = (lon: number, lat: number) => engine?.map.flyTo({ center: [lon, lat], zoom: 13 });
  return (
    <Card
      size="small"
      title="周边资源"
      data-testid="nearby-panel"
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={close} aria-label="关闭" />}
      style={{ ...style, width: 360, maxHeight: 'calc(100% - 120px)', overflow: 'auto', boxShadow: '0 2px 8px rgba(0,0,0,.15)' }}
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Segmented<'nearest' | 'within'>
          size="small"
          block
          value={mode}
          onChange={(value) => {
            setMode(value);
            setResult(null);
            setInside(null);
            draw(setResults(null), false);
          }}
          options={[
            { value: 'nearest', label: '最近的' },
            { value: 'within', label: `${area.name}内全部` },
          ]}
          data-testid="nearby-mode"
        />
        <Space wrap size={6} style={{ display: mode === 'nearest' ? undefined : 'none' }}>
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
          <Space size={4} style={{ display: mode === 'nearest' ? undefined : 'none' }}>
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
        {mode === 'nearest' && result && <NearbyResults result={result} onFocus={focus} />}
        {mode === 'within' && inside && <WithinResults result={inside} areaName={area.name} onFocus={focus} />}
      </Space>
    </Card>
  );
}
