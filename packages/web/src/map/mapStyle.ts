import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FilterSpecification, LayerKind, LayerStyle, MapLayerDefinition } from './layers.ts';

type StyleSpecification = ReturnType<MapLibreMap['getStyle']>;
type LayerSpecification = StyleSpecification['layers'][number];

export const BACKGROUND_COLOR = '#eef2f6';
/** Font families for labels, drawn locally by MapLibre (there is no glyph server): Windows, macOS, then Linux. */
const LABEL_FONTS = ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC'];
const DEMO_DASH = [3, 2];

function emptyCollection(): FeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}

const IS_DEMO: FilterSpecification = ['==', ['get', 'geometrySource'], 'demo'];
const NOT_DEMO: FilterSpecification = ['!=', ['get', 'geometrySource'], 'demo'];

export function sourceId(layerId: string): string {
  return `${layerId}:data`;
}

export function labelSourceId(layerId: string): string {
  return `${layerId}:labels`;
}

function both(a: FilterSpecification | undefined, b: FilterSpecification): FilterSpecification {
  return a ? (['all', a, b] as FilterSpecification) : b;
}

function zoomRange(style: LayerStyle<LayerKind>): { minzoom?: number; maxzoom?: number } {
  return {
    ...(style.minzoom !== undefined && { minzoom: style.minzoom }),
    ...(style.maxzoom !== undefined && { maxzoom: style.maxzoom }),
  };
}

/** The MapLibre layers of one registered layer, grouped by kind so the caller can stack kinds in order. */
function styleLayersOf(def: MapLayerDefinition): Record<LayerKind, LayerSpecification[]> {
  const visibility: 'none' | 'visible' = def.visibleByDefault === false ? 'none' : 'visible';
  const source = sourceId(def.id);
  const out: Record<LayerKind, LayerSpecification[]> = { fill: [], line: [], circle: [], symbol: [] };

  if (def.fill) {
    const { paint = {}, layout = {}, filter } = def.fill;
    out.fill.push({
      id: `${def.id}:fill`,
      type: 'fill',
      source,
      paint,
      layout: { ...layout, visibility },
      ...(filter && { filter }),
      ...zoomRange(def.fill),
    });
  }
  if (def.line) {
    // Demo shapes are not boundaries anyone surveyed: a dashed line says so on the map itself, not only in a legend.
    const { paint = {}, layout = {}, filter } = def.line;
    const common = { type: 'line' as const, source, layout: { ...layout, visibility }, ...zoomRange(def.line) };
    out.line.push({ ...common, id: `${def.id}:line`, paint, filter: both(filter, NOT_DEMO) });
    out.line.push({
      ...common,
      id: `${def.id}:line-demo`,
      paint: { ...paint, 'line-dasharray': DEMO_DASH },
      filter: both(filter, IS_DEMO),
    });
  }
  if (def.circle) {
    const { paint = {}, layout = {}, filter } = def.circle;
    out.circle.push({
      id: `${def.id}:circle`,
      type: 'circle',
      source,
      paint,
      layout: { ...layout, visibility },
      ...(filter && { filter }),
      ...zoomRange(def.circle),
    });
  }
  if (def.symbol) {
    const { paint = {}, layout = {}, filter } = def.symbol;
    out.symbol.push({
      id: `${def.id}:symbol`,
      type: 'symbol',
      source: labelSourceId(def.id),
      paint,
      layout: { 'text-font': LABEL_FONTS, ...layout, visibility },
      ...(filter && { filter }),
      ...zoomRange(def.symbol),
    });
  }
  return out;
}

/**
 * The whole style: a plain background and one empty GeoJSON source per registered layer, filled in later with
 * setData. No tiles, sprites or glyphs are fetched from anywhere, so the map works on an offline county network.
 */
export function buildStyle(defs: MapLayerDefinition[]): StyleSpecification {
  const sources: StyleSpecification['sources'] = {};
  const byKind: Record<LayerKind, LayerSpecification[]> = { fill: [], line: [], circle: [], symbol: [] };
  for (const def of defs) {
    sources[sourceId(def.id)] = { type: 'geojson', data: emptyCollection() };
    if (def.symbol) sources[labelSourceId(def.id)] = { type: 'geojson', data: emptyCollection() };
    const layers = styleLayersOf(def);
    for (const kind of Object.keys(byKind) as LayerKind[]) byKind[kind].push(...layers[kind]);
  }
  return {
    version: 8,
    sources,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      ...byKind.fill,
      ...byKind.line,
      ...byKind.circle,
      ...byKind.symbol,
    ],
  };
}

/** The MapLibre layer ids belonging to a registered layer (for visibility toggles and click targets). */
export function styleLayerIds(style: StyleSpecification, layerId: string, kinds?: LayerKind[]): string[] {
  return style.layers
    .filter((layer) => layer.id.startsWith(`${layerId}:`) && (!kinds || kinds.includes(layer.type as LayerKind)))
    .map((layer) => layer.id);
}
