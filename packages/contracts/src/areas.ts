import { z } from 'zod';
import { zAreaCode, zMobile } from './common.ts';

/** The four tiers the seeds use (县—镇—村—组) plus 网格 below a village. */
export const zAreaLevel = z.enum(['county', 'township', 'village', 'group', 'grid']);
export type AreaLevel = z.infer<typeof zAreaLevel>;

export const AREA_LEVEL_NAMES: Record<AreaLevel, string> = {
  county: '县',
  township: '镇',
  village: '村',
  group: '组',
  grid: '网格',
};

/** Where a geometry came from: imported authoritative data, a reference package, or generated for the demo. */
export const zGeometrySource = z.enum(['imported', 'reference', 'demo']);

export const zArea = z.object({
  code: zAreaCode,
  name: z.string(),
  level: zAreaLevel,
  /** The real word for this tier: 县/区/市, 镇/乡/街道/林场, 村/社区, 组, 网格. */
  levelName: z.string(),
  parentCode: zAreaCode.nullable(),
  population: z.number().int().nullable(),
  hasGeometry: z.boolean(),
  geometrySource: zGeometrySource.nullable(),
  gridOfficerName: z.string().nullable(),
  gridOfficerPhone: z.string().nullable(),
  childCount: z.number().int(),
});
export type Area = z.infer<typeof zArea>;

export type AreaNode = Area & { children: AreaNode[] };
export const zAreaNode: z.ZodType<AreaNode> = zArea.extend({
  get children() {
    return z.array(zAreaNode);
  },
});

export const zAreaTreeQuery = z
  .object({ root: zAreaCode.optional(), depth: z.coerce.number().int().min(0).max(4).default(2) })
  .strict();

export const zAreaListQuery = z
  .object({
    parentCode: zAreaCode.optional(),
    level: zAreaLevel.optional(),
    q: z.string().max(32).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const zAreaUpdate = z
  .object({
    name: z.string().min(1).max(64),
    population: z.number().int().min(0).max(50_000_000).nullable(),
    gridOfficerName: z.string().min(1).max(32).nullable(),
    gridOfficerPhone: zMobile.nullable(),
  })
  .partial()
  .strict();
export type AreaUpdate = z.infer<typeof zAreaUpdate>;

export const zGridCreate = z
  .object({
    name: z.string().min(1).max(64),
    gridOfficerName: z.string().min(1).max(32).nullable().default(null),
    gridOfficerPhone: zMobile.nullable().default(null),
    population: z.number().int().min(0).nullable().default(null),
  })
  .strict();
export type GridCreate = z.infer<typeof zGridCreate>;

export const zAreaGeoQuery = z
  .object({
    root: zAreaCode.optional(),
    levels: z
      .string()
      .regex(/^(county|township|village|group|grid)(,(county|township|village|group|grid))*$/)
      .default('county,township'),
  })
  .strict();

/** GeoJSON is passed through as JSON; its geometry is validated by the service, not by a schema. */
export const zFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.record(z.string(), z.unknown()).nullable(),
      geometry: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type FeatureCollection = z.infer<typeof zFeatureCollection>;
