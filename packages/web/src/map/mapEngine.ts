import type { Permission } from '@yingji/contracts/permissions.ts';
import type { FeatureCollection } from 'geojson';
import {
  Map as MapLibreMap,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { popupElement } from './featurePopup.ts';
import { boundsOf, labelFeatures } from './geometry.ts';
import type { MapLayerDefinition } from './layers.ts';
import { layerOwning } from './layers.ts';
import { buildStyle, labelSourceId, sourceId, styleLayerIds } from './mapStyle.ts';

// maplibre-gl 6 does not locate its worker by itself under Vite; without this: "Worker failed to load".
setWorkerUrl(workerUrl);

/** Roughly the middle of mainland China, shown only for the instant before the first area is fitted. */
const INITIAL_VIEW = { center: [110, 30] as [number, number], zoom: 4 };
const FIT_PADDING = 40;
const CLICK_SLACK = 4;

/**
 * The 一张图 map without React: owns the MapLibre instance, fills the registered layers' sources, toggles them,
 * fits views and shows a popup for a clicked feature.
 */
export class MapEngine {
  readonly map: MapLibreMap;
  private readonly data = new Map<string, FeatureCollection>();
  private readonly loaded: Promise<void>;
  private readonly clickable: string[];
  private popup: Popup | null = null;

  constructor(
    container: HTMLElement,
    private readonly defs: MapLayerDefinition[],
    /** Whether the signed-in user holds a permission: popups offer only the actions they may take. */
    private readonly may: (permission: Permission) => boolean = () => false,
  ) {
    const style = buildStyle(defs);
    this.map = new MapLibreMap({
      container,
      style,
      ...INITIAL_VIEW,
      attributionControl: false,
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    this.clickable = defs.filter((d) => d.popup).flatMap((d) => styleLayerIds(style, d.id, ['fill', 'line', 'circle']));
    this.map.on('click', (event) => this.showPopup(event));
    this.map.on('mousemove', (event) => {
      const hit = this.clickableAt(event).length > 0;
      this.map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /** Resolves at the next 'idle': everything requested so far has been drawn. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      // Nudge a render in case the map is idle already and nothing else would trigger one.
      this.map.triggerRepaint();
    });
  }

  setData(layerId: string, collection: FeatureCollection): void {
    this.data.set(layerId, collection);
    this.map.getSource<GeoJSONSource>(sourceId(layerId))?.setData(collection);
    const labels = this.map.getSource<GeoJSONSource>(labelSourceId(layerId));
    labels?.setData(labelFeatures(collection));
  }

  dataOf(layerId: string): FeatureCollection | undefined {
    return this.data.get(layerId);
  }

  setVisible(layerId: string, visible: boolean): void {
    for (const id of styleLayerIds(this.map.getStyle(), layerId)) {
      this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    }
  }

  /**
   * Fits the view to the area's own shape when one of the layers has it, otherwise to everything loaded.
   * Returns false when there is nothing to fit to (an area without any geometry yet).
   */
  fitToArea(areaCode: string): boolean {
    const all = [...this.data.values()].flatMap((c) => c.features);
    const own = all.filter((f) => f.properties?.code === areaCode);
    const bounds = boundsOf(own.length > 0 ? own : all);
    if (!bounds) return false;
    this.popup?.remove();
    this.map.fitBounds(bounds, { padding: FIT_PADDING, duration: 0, maxZoom: 15 });
    return true;
  }

  /** Closes the open popup, if any (a panel that takes a map click for itself). */
  closePopup(): void {
    this.popup?.remove();
    this.popup = null;
  }

  destroy(): void {
    this.popup?.remove();
    this.map.remove();
  }

  private clickableAt(event: MapMouseEvent) {
    const layers = this.clickable.filter(
      (id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none',
    );
    if (layers.length === 0) return [];
    // A few pixels of slack: a road or boundary is 1–3 px wide, too thin to hit with a finger or a hurried click.
    const { x, y } = event.point;
    const box: [[number, number], [number, number]] = [
      [x - CLICK_SLACK, y - CLICK_SLACK],
      [x + CLICK_SLACK, y + CLICK_SLACK],
    ];
    return this.map.queryRenderedFeatures(box, { layers });
  }

  private showPopup(event: MapMouseEvent): void {
    // Topmost first: a click inside a village reports the village, not the township under it.
    const feature = this.clickableAt(event)[0];
    const def = feature ? layerOwning(feature.layer.id) : undefined;
    this.popup?.remove();
    if (!feature || !def?.popup) return;
    const content = def.popup(feature.properties ?? {});
    this.popup = new Popup({ closeButton: true, maxWidth: '280px' })
      .setLngLat(event.lngLat)
      .setDOMContent(popupElement(content, this.may))
      .addTo(this.map);
  }
}
