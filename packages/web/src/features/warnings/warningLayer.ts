import { WARNING_LEVEL_NAMES, WARNING_LEVELS, type PublicWarning, type WarningLevel } from '@yingji/contracts/warnings.ts';
import type { FeatureCollection } from 'geojson';
import { formatInstant } from '../../app/format.ts';
import type { LayerLoadContext, MapLayerDefinition } from '../../map/layers.ts';
import { LEVEL_COLORS, warningTitle } from './labels.tsx';
import { featuresOf } from './shapes.ts';

/*
 * Current warnings as areas coloured by level (红橙黄蓝), higher levels drawn above lower ones: the 一张图 layer, and
 * the small maps of the public page and the village page, which hand in warnings they have already read.
 */

export const WARNING_AREAS_LAYER = 'warning-areas';

/** The warnings' areas as features, each with what the popup and the colouring need (flat properties only). */
export function warningAreas(warnings: PublicWarning[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: warnings.flatMap((w) =>
      featuresOf(w.geometry, {
        id: w.id,
        title: warningTitle(w.hazard, w.level),
        headline: w.headline,
        level: w.level,
        rank: WARNING_LEVELS.indexOf(w.level),
        expires: w.expires,
        areaNames: w.areaNames.join('、'),
      }),
    ),
  };
}

const levelColour = [
  'match',
  ['get', 'level'],
  ...WARNING_LEVELS.flatMap((l) => [l, LEVEL_COLORS[l]]),
  '#8c8c8c',
] as unknown as string;

/** One warning-areas layer; `load` says where the warnings come from. */
export function warningAreasLayer(
  id: string,
  load: (context: LayerLoadContext) => Promise<FeatureCollection>,
): MapLayerDefinition {
  return {
    id,
    title: '当前预警区域（红橙黄蓝）',
    // Above the townships' and villages' own fills, below every point layer.
    order: 50,
    load,
    fill: {
      layout: { 'fill-sort-key': ['get', 'rank'] as unknown as number },
      paint: { 'fill-color': levelColour, 'fill-opacity': 0.35 },
    },
    line: { paint: { 'line-color': levelColour, 'line-width': 2.5 } },
    symbol: {
      layout: { 'text-field': ['get', 'title'], 'text-size': 13 },
      paint: { 'text-color': '#1f2d3d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
    popup: (p) => ({
      title: String(p.headline ?? ''),
      rows: [
        { label: '预警', value: String(p.title ?? '') },
        { label: '级别', value: WARNING_LEVEL_NAMES[p.level as WarningLevel] ?? String(p.level) },
        { label: '失效时间', value: formatInstant(p.expires as string) },
        { label: '区域', value: String(p.areaNames ?? '') },
      ],
    }),
    reloadOn: (event) => event.type === 'warning.published' || event.type === 'warning.ended',
    swatch: { color: LEVEL_COLORS.orange, kind: 'fill' },
  };
}
