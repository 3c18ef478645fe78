import type { TargetCircle, TargetPolygon } from '@yingji/contracts/warnings.ts';
import { Alert, Button, InputNumber, Space, Typography } from 'antd';
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MapLayerDefinition } from '../../map/layers.ts';
import { circleOutline, distanceKm, polygonOf } from './shapes.ts';
import { areaBackdrop, useEmbeddedMap } from './useEmbeddedMap.ts';

export interface DrawnShape {
  polygon: TargetPolygon | null;
  circle: TargetCircle | null;
}

type Mode = 'idle' | 'polygon' | 'circle';

const TARGET_COLOR = '#722ed1';
const SELECTED = 'warning-target-selected';
const SHAPE = 'warning-target-shape';
const VERTICES = 'warning-target-vertices';
/** Two clicks closer than this (a double-click's own clicks) add one vertex, not two. */
const SAME_POINT_PX = 4;

const empty = (): Promise<FeatureCollection> => Promise.resolve({ type: 'FeatureCollection', features: [] });
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

function targetLayers(): MapLayerDefinition[] {
  return [
    ...areaBackdrop(),
    {
      id: SELECTED,
      title: '已选区域',
      order: 45,
      load: empty,
      fill: { paint: { 'fill-color': TARGET_COLOR, 'fill-opacity': 0.3 } },
      line: { paint: { 'line-color': TARGET_COLOR, 'line-width': 2 } },
    },
    {
      id: SHAPE,
      title: '绘制范围',
      order: 60,
      load: empty,
      fill: { paint: { 'fill-color': TARGET_COLOR, 'fill-opacity': 0.25 } },
      line: { paint: { 'line-color': TARGET_COLOR, 'line-width': 2.5 } },
    },
    {
      id: VERTICES,
      title: '节点',
      order: 70,
      load: empty,
      circle: {
        paint: { 'circle-radius': 4, 'circle-color': '#fff', 'circle-stroke-color': TARGET_COLOR, 'circle-stroke-width': 2 },
      },
    },
  ];
}

const lngLat = (event: MapMouseEvent): Position => [event.lngLat.lng, event.lngLat.lat];

/** What the map shows: the finished shape, or the one being drawn up to the mouse pointer. */
function shapeFeatures(value: DrawnShape, mode: Mode, points: Position[], cursor: Position | null): Feature[] {
  const shape = (geometry: Feature['geometry']): Feature => ({ type: 'Feature', geometry, properties: {} });
  if (mode === 'polygon') {
    const line = cursor ? [...points, cursor] : points;
    const ring = line.length >= 3 ? polygonOf(line) : null;
    return ring ? [shape(ring)] : line.length >= 2 ? [shape({ type: 'LineString', coordinates: line })] : [];
  }
  if (mode === 'circle') {
    const centre = points[0];
    if (!centre || !cursor) return [];
    return [shape(circleOutline({ lon: centre[0]!, lat: centre[1]!, radiusKm: Math.max(distanceKm(centre, cursor), 0.01) }))];
  }
  if (value.polygon) return [shape(value.polygon)];
  if (value.circle) return [shape(circleOutline(value.circle))];
  return [];
}

/**
 * 地图圈定: the officer draws the warning's area on a map of their own county — a polygon (click the corners,
 * double-click to close) or a circle (click the centre, then a point on its edge; the radius can be typed). The picked
 * townships and villages are shaded too, so both halves of the target are seen together.
 */
export function TargetMap({
  value,
  onChange,
  areaCodes,
  scopeCode,
}: {
  value: DrawnShape;
  onChange(next: DrawnShape): void;
  areaCodes: string[];
  scopeCode: string;
}) {
  const defs = useMemo(targetLayers, []);
  const { ref, engine, error } = useEmbeddedMap(defs, scopeCode);
  const [mode, setMode] = useState<Mode>('idle');
  const [points, setPoints] = useState<Position[]>([]);
  const [cursor, setCursor] = useState<Position | null>(null);
  // The map's handlers are bound once; they read the latest state through this ref.
  const latest = useRef({ mode, points, onChange });
  latest.current = { mode, points, onChange };

  const start = (next: Mode) => {
    setPoints([]);
    setCursor(null);
    setMode(next);
  };

  useEffect(() => {
    if (!engine) return;
    const map = engine.map;
    const click = (event: MapMouseEvent) => {
      const { mode, points, onChange } = latest.current;
      if (mode === 'polygon') {
        const last = points[points.length - 1];
        const lastPx = last ? map.project([last[0]!, last[1]!]) : null;
        if (lastPx && Math.hypot(lastPx.x - event.point.x, lastPx.y - event.point.y) < SAME_POINT_PX) return;
        setPoints([...points, lngLat(event)]);
      } else if (mode === 'circle') {
        const centre = points[0];
        if (!centre) return setPoints([lngLat(event)]);
        const radiusKm = Number(Math.max(distanceKm(centre, lngLat(event)), 0.05).toFixed(2));
        onChange({ polygon: null, circle: { lon: Number(centre[0]!.toFixed(6)), lat: Number(centre[1]!.toFixed(6)), radiusKm } });
        setMode('idle');
      }
    };
    const close = (event: MapMouseEvent) => {
      const { mode, points, onChange } = latest.current;
      if (mode !== 'polygon') return;
      event.preventDefault();
      const polygon = polygonOf(points);
      if (!polygon) return;
      onChange({ polygon, circle: null });
      setMode('idle');
    };
    const move = (event: MapMouseEvent) => latest.current.mode !== 'idle' && setCursor(lngLat(event));
    map.on('click', click);
    map.on('dblclick', close);
    map.on('mousemove', move);
    return () => {
      map.off('click', click);
      map.off('dblclick', close);
      map.off('mousemove', move);
    };
  }, [engine]);

  useEffect(() => {
    if (!engine) return;
    const drawing = mode !== 'idle';
    if (drawing) engine.map.doubleClickZoom.disable();
    else engine.map.doubleClickZoom.enable();
    engine.map.getCanvas().style.cursor = drawing ? 'crosshair' : '';
  }, [engine, mode]);

  useEffect(() => {
    if (!engine) return;
    engine.setData(SHAPE, collection(shapeFeatures(value, mode, points, cursor)));
    const vertices = mode === 'idle' ? [] : points;
    engine.setData(
      VERTICES,
      collection(vertices.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: {} }))),
    );
  }, [engine, value, mode, points, cursor]);

  useEffect(() => {
    if (!engine) return;
    const picked = new Set(areaCodes);
    const shapes = ['area-county', 'area-township', 'area-village'].flatMap((id) => engine.dataOf(id)?.features ?? []);
    engine.setData(SELECTED, collection(shapes.filter((f) => picked.has(String(f.properties?.code)))));
  }, [engine, areaCodes]);

  const hint =
    mode === 'polygon'
      ? `单击依次添加顶点（已 ${points.length} 个），双击结束；至少 3 个顶点`
      : mode === 'circle'
        ? points.length === 0
          ? '单击选择圆心'
          : '再单击确定半径'
        : value.polygon
          ? `已画多边形（${value.polygon.coordinates[0]!.length - 1} 个顶点）`
          : value.circle
            ? `已画圆：圆心 ${value.circle.lon.toFixed(4)}, ${value.circle.lat.toFixed(4)}`
            : '可在地图上画出预警范围（与上面选择的乡镇、村合并）';

  return (
    <div data-testid="target-map-box">
      <Space wrap style={{ marginBottom: 8 }}>
        <Button
          size="small"
          type={mode === 'polygon' ? 'primary' : 'default'}
          onClick={() => start('polygon')}
          data-testid="draw-polygon"
        >
          画多边形
        </Button>
        <Button
          size="small"
          type={mode === 'circle' ? 'primary' : 'default'}
          onClick={() => start('circle')}
          data-testid="draw-circle"
        >
          画圆
        </Button>
        {value.circle && mode === 'idle' && (
          <Space size={4}>
            半径
            <InputNumber<number>
              size="small"
              min={0.05}
              max={200}
              step={0.5}
              value={value.circle.radiusKm}
              onChange={(radiusKm) => radiusKm && onChange({ polygon: null, circle: { ...value.circle!, radiusKm } })}
              data-testid="circle-radius"
            />
            公里
          </Space>
        )}
        <Button
          size="small"
          disabled={mode === 'idle' && !value.polygon && !value.circle}
          onClick={() => {
            start('idle');
            onChange({ polygon: null, circle: null });
          }}
          data-testid="draw-clear"
        >
          清除图形
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="draw-hint">
          {hint}
        </Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={`地图加载失败：${error}`} style={{ marginBottom: 8 }} />}
      <div
        ref={ref}
        style={{ height: 360, borderRadius: 6, overflow: 'hidden', position: 'relative' }}
        data-testid="target-map"
      />
    </div>
  );
}
