import type { Permission } from '@yingji/contracts/permissions.ts';
import type { AreaLevel } from '@yingji/contracts/areas.ts';
import type { LiveEvent } from '@yingji/contracts/health.ts';
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';

/*
 * The 一张图 layer registry. Every domain that has something to put on the map (areas, shelters, warehouses,
 * monitoring stations, incidents…) registers a layer here once, at import time; the map engine draws whatever is
 * registered, gives each layer a checkbox, reloads it when the current area changes, and shows its popup on click.
 */

// maplibre-gl does not re-export the style-spec types, so take them from the one place its API exposes them.
type LayerSpecification = ReturnType<MapLibreMap['getStyle']>['layers'][number];
export type LayerKind = 'fill' | 'line' | 'circle' | 'symbol';
type SpecOf<K extends LayerKind> = Extract<LayerSpecification, { type: K }>;
export type FilterSpecification = NonNullable<SpecOf<'fill'>['filter']>;

/** How one kind of MapLibre layer draws the registered data. */
export interface LayerStyle<K extends LayerKind> {
  paint?: SpecOf<K>['paint'];
  layout?: SpecOf<K>['layout'];
  filter?: FilterSpecification;
  minzoom?: number;
  maxzoom?: number;
}

export interface LayerLoadContext {
  /** The current area (header switcher); load only what lies within it. */
  areaCode: string;
  areaLevel: AreaLevel;
  /** Aborted when the area changes again before this load finished. */
  signal: AbortSignal;
}

export interface PopupContent {
  title: string;
  rows: Array<{ label: string; value: string }>;
  /** Buttons under the rows, shown only to users the permission allows (the server checks again). */
  actions?: PopupAction[];
}

export interface PopupAction {
  label: string;
  permission: Permission;
  danger?: boolean;
  /** A one-line text the user fills in before the action runs (e.g. the reason for closing a road). */
  input?: { placeholder: string; required: boolean };
  /** Throws with a message for the user on failure; the popup shows it and stays open. */
  run(input: string): Promise<void>;
}

export interface MapLayerDefinition {
  /** Unique, stable; used in MapLibre layer ids and remembered visibility. */
  id: string;
  /** The checkbox label in the layer panel. */
  title: string;
  /** Stacking among layers of the same kind: higher draws above. Fills < lines < circles < labels always. */
  order: number;
  visibleByDefault?: boolean;
  load(context: LayerLoadContext): Promise<FeatureCollection>;
  fill?: LayerStyle<'fill'>;
  /** Features with properties.geometrySource === 'demo' are drawn with this style but dashed, automatically. */
  line?: LayerStyle<'line'>;
  circle?: LayerStyle<'circle'>;
  /** Labels; polygons are labelled at an inner point, so write `text-field` only. */
  symbol?: LayerStyle<'symbol'>;
  /** What a click on a feature shows; leave out to make the layer not clickable. */
  popup?(properties: Record<string, unknown>): PopupContent;
  /** Reload this layer (without refitting the map) when a live event makes its data stale. */
  reloadOn?(event: LiveEvent): boolean;
  /** The colour sample beside the checkbox. */
  swatch?: { color: string; kind: 'line' | 'fill' | 'circle' };
}

const registry = new Map<string, MapLayerDefinition>();

export function registerLayer(definition: MapLayerDefinition): void {
  if (registry.has(definition.id)) throw new Error(`map layer "${definition.id}" is registered twice`);
  if (definition.id.includes(':')) throw new Error(`map layer id "${definition.id}" must not contain ":"`);
  registry.set(definition.id, definition);
}

/** Every registered layer, bottom to top. */
export function registeredLayers(): MapLayerDefinition[] {
  return [...registry.values()].sort((a, b) => a.order - b.order);
}

/** The registered layer that owns a MapLibre layer or source id (`<layer id>:<part>`). */
export function layerOwning(styleId: string): MapLayerDefinition | undefined {
  return registry.get(styleId.split(':')[0] ?? '');
}
