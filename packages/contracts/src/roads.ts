import { z } from 'zod';

/**
 * 路网: the road graph used for road distances and routes. Imported from GeoJSON (LineString / MultiLineString in
 * WGS-84, optional properties name, class, closed), or generated for the demo county (演示路网, never real roads).
 */

export const DEMO_ROADS_LABEL = '演示路网';

export const zRoadEdgeUpdate = z
  .object({
    /** 封闭 (flooded, landslide, bridge down) or reopened. */
    closed: z.boolean(),
    reason: z.string().trim().max(200).optional(),
  })
  .strict();
export type RoadEdgeUpdate = z.infer<typeof zRoadEdgeUpdate>;

export const zRoadEdge = z.object({
  id: z.string(),
  name: z.string().nullable(),
  roadClass: z.string().nullable(),
  lengthKm: z.number(),
  closed: z.boolean(),
  closedReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  /** The area of the segment's midpoint; null outside every known area. Closing it needs that area in scope. */
  areaCode: z.string().nullable(),
  demo: z.boolean(),
});
export type RoadEdge = z.infer<typeof zRoadEdge>;

export const zRoadImportResult = z.object({
  features: z.number().int(),
  nodes: z.number().int(),
  edges: z.number().int(),
  /** Line ends that were joined to a nearby node within the snapping distance. */
  snapped: z.number().int(),
  /** Edges in the graph before the import, all replaced. */
  replaced: z.number().int(),
  demo: z.boolean(),
});
export type RoadImportResult = z.infer<typeof zRoadImportResult>;

export const zRoadImportQuery = z.object({ snapMetres: z.coerce.number().min(0).max(50).default(5) }).strict();

/** The network as GeoJSON for the map: one LineString feature per edge, demo edges with geometrySource 'demo'. */
export const zRoadFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({
        id: z.string(),
        name: z.string().nullable(),
        roadClass: z.string().nullable(),
        lengthKm: z.number(),
        closed: z.boolean(),
        closedReason: z.string().nullable(),
        areaCode: z.string().nullable(),
        demo: z.boolean(),
        geometrySource: z.enum(['demo', 'imported']),
        label: z.string().nullable(),
      }),
      geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
    }),
  ),
});
export type RoadFeatureCollection = z.infer<typeof zRoadFeatureCollection>;
