import { CloseOutlined } from '@ant-design/icons';
import type { Alarm } from '@yingji/contracts/alarms.ts';
import type { LatestValue, Station } from '@yingji/contracts/monitoring.ts';
import { Alert, Button, Card, Space, Spin, Typography } from 'antd';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { navigate } from '../../app/router.ts';
import type { MapPanelProps } from '../../map/panels.ts';
import { kindLabel, latestText } from './labels.ts';
import { LazyStationCharts } from './LazyStationCharts.tsx';
import { fetchAlarms, fetchStation } from './monitoringApi.ts';
import { eventStationId } from './routeId.ts';
import { LevelTag, StateTag } from './tags.tsx';

const LAYER = 'monitoring-stations';
const CIRCLES = `${LAYER}:circle`;
/** Where the card sits: top left, beside the zoom buttons (the layer panel fills the right, 周边资源 the lower left). */
const CARD = { left: 56, top: 12, width: 480 };
/** The layer panel's width and margin on the right. */
const LAYER_PANEL_SPACE = 280;

/** Puts the newest values of a monitoring.latest push into the stations layer's features, without a reload. */
function patchLatest(engine: NonNullable<MapPanelProps['engine']>, pushed: { id: string; latest: LatestValue[] }[]): void {
  const data = engine.dataOf(LAYER);
  if (!data) return;
  const byId = new Map(pushed.map((s) => [s.id, s.latest]));
  let changed = false;
  const features = data.features.map((f) => {
    const values = byId.get(String(f.properties?.id));
    if (!values) return f;
    changed = true;
    const old = JSON.parse(String(f.properties?.latest ?? '[]')) as LatestValue[];
    const merged = new Map(old.map((v) => [v.metric, v]));
    for (const v of values) if (!merged.has(v.metric) || merged.get(v.metric)!.at <= v.at) merged.set(v.metric, v);
    const last = values.reduce((at, v) => (v.at > at ? v.at : at), String(f.properties?.lastReadingAt ?? ''));
    return { ...f, properties: { ...f.properties, latest: JSON.stringify([...merged.values()]), lastReadingAt: last } };
  });
  if (changed) engine.setData(LAYER, { ...data, features });
}

/**
 * 站点面板 on 一张图: a click on a station opens its state, newest values, active alarms and charts in a card at the
 * map's lower right (the popup stays for the quick look). Also keeps the layer's newest values current from pushes.
 */
export function StationMapPanel({ engine }: MapPanelProps) {
  const { lastEvent } = useLiveEvents();
  const [stationId, setStationId] = useState<string | null>(null);
  const [station, setStation] = useState<Station | null>(null);
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [error, setError] = useState<string | null>(null);
  const stale = stationId && eventStationId(lastEvent) === stationId ? lastEvent!.at : '';

  useEffect(() => {
    if (!engine) return;
    const onClick = (event: MapLayerMouseEvent) => {
      const id = event.features?.[0]?.properties?.id;
      if (typeof id !== 'string') return;
      setStationId(id);
      // A station under the card would vanish behind it: move it (and its popup) into the free middle of the map.
      const covered = CARD.left + CARD.width + 24;
      if (event.point.x < covered) {
        const free = Math.max(engine.map.getContainer().clientWidth - covered - LAYER_PANEL_SPACE, 0);
        engine.map.panBy([event.point.x - (covered + free / 2), 0], { duration: 300 });
      }
    };
    engine.map.on('click', CIRCLES, onClick);
    return () => void engine.map.off('click', CIRCLES, onClick);
  }, [engine]);

  useEffect(() => {
    if (!engine || lastEvent?.type !== 'monitoring.latest') return;
    const pushed = (lastEvent.data as { stations?: { id: string; latest: LatestValue[] }[] } | null)?.stations;
    if (pushed?.length) patchLatest(engine, pushed);
    const own = pushed?.find((s) => s.id === stationId);
    if (own)
      setStation((s) => s && { ...s, latest: [...new Map([...s.latest, ...own.latest].map((v) => [v.metric, v])).values()] });
  }, [engine, lastEvent, stationId]);

  useEffect(() => {
    setError(null);
    if (!stationId) return setStation(null);
    const controller = new AbortController();
    Promise.all([
      fetchStation(stationId, controller.signal),
      fetchAlarms({ stationId, state: 'active' }, 20, 0, controller.signal).catch(() => ({ items: [] as Alarm[], total: 0 })),
    ])
      .then(([s, a]) => (setStation(s), setAlarms(a.items)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [stationId, stale]);

  if (!stationId) return null;
  return (
    <Card
      size="small"
      data-testid="station-panel"
      title={
        station ? (
          <Space size={6}>
            <span>{station.name}</span>
            <StateTag state={station.state} />
          </Space>
        ) : (
          '监测站点'
        )
      }
      extra={<Button type="text" size="small" icon={<CloseOutlined />} onClick={() => setStationId(null)} aria-label="关闭" />}
      style={{
        position: 'absolute',
        ...CARD,
        maxHeight: 'calc(100% - 60px)',
        overflow: 'auto',
        zIndex: 3,
        boxShadow: '0 2px 8px rgba(0,0,0,.15)',
      }}
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!station && !error && <Spin />}
      {station && (
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {kindLabel(station.kind)} · {station.ownerName}
            {station.demo && ' · 演示数据'}
          </Typography.Text>
          {alarms.map((a) => (
            <Space key={a.id} size={4} style={{ fontSize: 12 }}>
              <LevelTag level={a.level} />
              <a onClick={() => navigate(`/monitoring/alarms/${a.id}`)}>{a.message}</a>
            </Space>
          ))}
          <Space wrap size={[12, 0]} style={{ fontSize: 12 }}>
            {station.latest.length ? station.latest.map((v) => <span key={v.metric}>{latestText(v)}</span>) : '尚未收到读数'}
          </Space>
          <LazyStationCharts station={station} height={220} />
          <Button size="small" type="link" style={{ padding: 0 }} onClick={() => navigate(`/monitoring/stations/${station.id}`)}>
            打开站点档案
          </Button>
        </Space>
      )}
    </Card>
  );
}
