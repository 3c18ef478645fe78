import type { LiveEvent } from '@yingji/contracts/health.ts';
import { Alert } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../app/api.ts';
import { can } from '../app/permissions.ts';
import { useUser } from '../app/session.tsx';
import type { AreaRef } from '../app/currentArea.tsx';
import type { MapLayerDefinition } from './layers.ts';
import { MapEngine } from './mapEngine.ts';

export interface MapDataSummary {
  /** Whether any loaded feature is a demo shape, so the legend explains the dashed lines. */
  hasDemo: boolean;
  featureCount: number;
}

interface MapViewProps {
  area: AreaRef;
  layers: MapLayerDefinition[];
  visibility: Record<string, boolean>;
  lastEvent: LiveEvent | null;
  onSummary(summary: MapDataSummary): void;
  /** Told of the engine once created and null when destroyed, for the panels drawn over the map. */
  onEngine?(engine: MapEngine | null): void;
}

async function loadInto(engine: MapEngine, defs: MapLayerDefinition[], area: AreaRef, signal: AbortSignal): Promise<string[]> {
  const results = await Promise.allSettled(defs.map((def) => def.load({ areaCode: area.code, areaLevel: area.level, signal })));
  const failures: string[] = [];
  results.forEach((result, i) => {
    const def = defs[i]!;
    if (result.status === 'fulfilled') engine.setData(def.id, result.value);
    else if (!signal.aborted) failures.push(`${def.title}：${errorMessage(result.reason)}`);
  });
  return failures;
}

function summarise(engine: MapEngine, defs: MapLayerDefinition[]): MapDataSummary {
  const features = defs.flatMap((def) => engine.dataOf(def.id)?.features ?? []);
  return { hasDemo: features.some((f) => f.properties?.geometrySource === 'demo'), featureCount: features.length };
}

/** The React side of 一张图: creates the engine once, reloads and refits on area change, applies toggles. */
export function MapView({ area, layers, visibility, lastEvent, onSummary, onEngine }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const engineRef = useRef<MapEngine | null>(null);
  const [failures, setFailures] = useState<string[]>([]);
  const [empty, setEmpty] = useState(false);
  const areaRef = useRef(area);
  areaRef.current = area;
  const onSummaryRef = useRef(onSummary);
  onSummaryRef.current = onSummary;
  const onEngineRef = useRef(onEngine);
  onEngineRef.current = onEngine;
  const user = useUser();
  const userRef = useRef(user);
  userRef.current = user;

  useEffect(() => {
    const engine = new MapEngine(containerRef.current!, layers, (permission) => can(userRef.current, permission));
    engineRef.current = engine;
    onEngineRef.current?.(engine);
    return () => {
      engineRef.current = null;
      onEngineRef.current?.(null);
      engine.destroy();
      // No map, no ready flags: a test that comes back (or logs in as someone else) waits for the new map.
      window.__yingjiMapReady = false;
      delete document.body.dataset.mapArea;
    };
  }, [layers]);

  // A new area: load every layer for it, fit the view, and tell the end-to-end tests once it is drawn.
  useEffect(() => {
    const engine = engineRef.current;
    if (!engine) return;
    const controller = new AbortController();
    void (async () => {
      await engine.whenLoaded();
      const problems = await loadInto(engine, layers, area, controller.signal);
      if (controller.signal.aborted) return;
      setFailures(problems);
      setEmpty(!engine.fitToArea(area.code));
      onSummaryRef.current(summarise(engine, layers));
      await engine.whenIdle();
      if (controller.signal.aborted) return;
      document.body.dataset.mapArea = area.code;
      window.__yingjiMapReady = true;
    })();
    return () => controller.abort();
  }, [area, layers]);

  useEffect(() => {
    const engine = engineRef.current;
    if (!engine) return;
    void engine.whenLoaded().then(() => {
      for (const def of layers) engine.setVisible(def.id, visibility[def.id] ?? def.visibleByDefault !== false);
    });
  }, [visibility, layers]);

  // Live pushes that make a layer stale reload just that layer, keeping the user's current view.
  useEffect(() => {
    const engine = engineRef.current;
    if (!engine || !lastEvent) return;
    const stale = layers.filter((def) => def.reloadOn?.(lastEvent));
    if (stale.length === 0) return;
    const controller = new AbortController();
    void loadInto(engine, stale, areaRef.current, controller.signal).then(() => {
      if (!controller.signal.aborted) onSummaryRef.current(summarise(engine, layers));
    });
    return () => controller.abort();
  }, [lastEvent, layers]);

  return (
    <div style={{ position: 'absolute', inset: 0 }}>
      <div ref={containerRef} data-testid="map" style={{ position: 'absolute', inset: 0 }} />
      <div style={{ position: 'absolute', top: 12, left: 56, right: 280, zIndex: 2, display: 'grid', gap: 8 }}>
        {failures.map((text) => (
          <Alert key={text} type="error" showIcon closable title={`图层加载失败：${text}`} />
        ))}
        {empty && failures.length === 0 && <Alert type="info" showIcon title={`${area.name}暂无边界数据，可由管理员导入`} />}
      </div>
    </div>
  );
}
