import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import '../../map/baseLayers.ts';
import { registeredLayers, type MapLayerDefinition } from '../../map/layers.ts';
import { MapEngine } from '../../map/mapEngine.ts';

/** The administrative outlines of 一张图 (county, townships, villages) as a backdrop, without their popups. */
export function areaBackdrop(): MapLayerDefinition[] {
  return registeredLayers()
    .filter((def) => def.id.startsWith('area-'))
    .map(({ popup: _popup, reloadOn: _reloadOn, ...def }) => def);
}

/**
 * A small map inside a page, drawn by the 一张图 engine: the given layers are loaded once for `areaCode` (the map
 * fits that area's outline, or everything loaded when it has none). Pass the returned `ref` to the container
 * element; the container gets data-ready="true" once the first data is drawn (the browser tests wait on it).
 */
export function useEmbeddedMap(defs: MapLayerDefinition[], areaCode: string) {
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const [engine, setEngine] = useState<MapEngine | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!container) return;
    const map = new MapEngine(container, defs);
    const controller = new AbortController();
    const { signal } = controller;
    void (async () => {
      await map.whenLoaded();
      const loads = await Promise.allSettled(defs.map((def) => def.load({ areaCode, areaLevel: 'county', signal })));
      if (signal.aborted) return;
      const failed = loads.find((r) => r.status === 'rejected');
      setError(failed ? errorMessage(failed.reason) : null);
      loads.forEach((result, i) => result.status === 'fulfilled' && map.setData(defs[i]!.id, result.value));
      map.fitToArea(areaCode);
      setEngine(map);
      await map.whenIdle();
      if (!signal.aborted) container.dataset.ready = 'true';
    })();
    return () => {
      controller.abort();
      setEngine(null);
      delete container.dataset.ready;
      map.destroy();
    };
  }, [container, defs, areaCode]);

  return { ref: setContainer, engine, error };
}
