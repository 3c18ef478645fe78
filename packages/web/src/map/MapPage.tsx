import { Empty, Spin } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useCurrentArea } from '../app/currentArea.tsx';
import { useLiveEvents } from '../app/live.tsx';
import './layerCatalogue.ts';
import { LayerPanel } from './LayerPanel.tsx';
import type { MapEngine } from './mapEngine.ts';
import { registeredPanels } from './panels.ts';
import { registeredLayers } from './layers.ts';
import { MapView, type MapDataSummary } from './MapView.tsx';

const VISIBILITY_KEY = 'yingji.mapLayers';

/** Layer choices survive reloads: a duty officer sets up the wall screen once. */
function savedVisibility(): Record<string, boolean> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(VISIBILITY_KEY) ?? '{}');
    return typeof saved === 'object' && saved !== null ? (saved as Record<string, boolean>) : {};
  } catch {
    return {};
  }
}

/** 一张图: the command map of the current area with every registered layer. */
export function MapPage() {
  const { area, loading } = useCurrentArea();
  const { lastEvent } = useLiveEvents();
  const layers = useMemo(() => registeredLayers(), []);
  const panels = useMemo(() => registeredPanels(), []);
  const [engine, setEngine] = useState<MapEngine | null>(null);
  const [visibility, setVisibility] = useState(savedVisibility);
  const [summary, setSummary] = useState<MapDataSummary>({ hasDemo: false, featureCount: 0 });

  const toggle = useCallback((layerId: string, visible: boolean) => {
    setVisibility((current) => {
      const next = { ...current, [layerId]: visible };
      localStorage.setItem(VISIBILITY_KEY, JSON.stringify(next));
      return next;
    });
  }, []);

  if (loading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!area) return <Empty style={{ marginTop: 96 }} description="尚无行政区划数据，请管理员先导入" />;

  return (
    <div style={{ position: 'absolute', inset: 0 }}>
      <MapView
        area={area}
        layers={layers}
        visibility={visibility}
        lastEvent={lastEvent}
        onSummary={setSummary}
        onEngine={setEngine}
      />
      <LayerPanel layers={layers} visibility={visibility} onToggle={toggle} hasDemo={summary.hasDemo} />
      {panels.map(({ id, component: Panel }) => (
        <Panel key={id} engine={engine} area={area} />
      ))}
    </div>
  );
}
