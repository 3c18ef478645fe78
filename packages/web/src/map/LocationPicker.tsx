import type { FeatureCollection } from 'geojson';
import { Alert, Modal, Typography } from 'antd';
import { LngLatBounds, Map as MapLibreMap, Marker, NavigationControl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useState } from 'react';
import { api, errorMessage, query } from '../app/api.ts';
import { useUser } from '../app/session.tsx';
import { boundsOf } from './geometry.ts';

export interface LonLat {
  lon: number;
  lat: number;
}

/**
 * A small map of the user's own area (township and village outlines, no tiles needed) on which one click places the
 * point. The server still decides the area from the coordinates and refuses a point outside the county.
 */
export function LocationPicker({
  open,
  initial,
  onPick,
  onCancel,
}: {
  open: boolean;
  initial: LonLat | null;
  onPick(point: LonLat): void;
  onCancel(): void;
}) {
  const user = useUser();
  // A callback ref: the modal mounts its body after opening, so the map is built when the element exists.
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const [point, setPoint] = useState<LonLat | null>(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!container || !user) return;
    setPoint(initial);
    const map = new MapLibreMap({
      container,
      style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f4f6f9' } }] },
      center: initial ? [initial.lon, initial.lat] : [110, 30],
      zoom: initial ? 12 : 4,
      attributionControl: false,
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
    const marker = new Marker({ color: '#e8380d' });
    if (initial) marker.setLngLat([initial.lon, initial.lat]).addTo(map);
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', (event) => {
      const picked = { lon: Number(event.lngLat.lng.toFixed(6)), lat: Number(event.lngLat.lat.toFixed(6)) };
      marker.setLngLat([picked.lon, picked.lat]).addTo(map);
      setPoint(picked);
    });
    const controller = new AbortController();
    const url = `/api/areas/geojson${query({ root: user.areaCode, levels: 'county,township,village' })}`;
    void Promise.all([api.get<FeatureCollection>(url, { signal: controller.signal }), map.once('load')])
      .then(([shapes]) => {
        map.addSource('areas', { type: 'geojson', data: shapes });
        map.addLayer({
          id: 'areas-fill',
          type: 'fill',
          source: 'areas',
          paint: { 'fill-color': '#dde7f3', 'fill-opacity': 0.5 },
        });
        map.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#1d5fa8', 'line-width': 0.8 } });
        map.addLayer({
          id: 'areas-label',
          type: 'symbol',
          source: 'areas',
          filter: ['!=', ['get', 'level'], 'county'],
          layout: { 'text-field': ['get', 'name'], 'text-size': 11 },
          paint: { 'text-color': '#1f2d3d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 },
        });
        const bounds = boundsOf(shapes.features);
        if (!initial && bounds) map.fitBounds(new LngLatBounds(bounds), { padding: 20, duration: 0 });
        container.setAttribute('data-ready', 'true');
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(e));
      });
    return () => {
      controller.abort();
      map.remove();
    };
    // The map is built once per opening; `initial` is read only then.
  }, [container, user]);

  return (
    <Modal
      open={open}
      title="在地图上选点"
      width={720}
      okText="使用此位置"
      okButtonProps={{ disabled: !point, 'data-testid': 'location-picker-ok' } as never}
      onOk={() => point && onPick(point)}
      onCancel={onCancel}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <div ref={setContainer} style={{ height: 420, borderRadius: 6, overflow: 'hidden' }} data-testid="location-picker-map" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="location-picker-point">
        {point ? `已选：经度 ${point.lon.toFixed(6)}，纬度 ${point.lat.toFixed(6)}（WGS-84）` : '点击地图选择位置'}
      </Typography.Text>
    </Modal>
  );
}
