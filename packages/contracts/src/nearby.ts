import { z } from 'zod';
import { zAreaCode } from './common.ts';
import { zLocatedItem, zLocatedKind, zLonLat, type LocatedKind } from './located.ts';

/**
 * 周边资源 (spatial search): "what is near this point / inside this area" over every register with positions.
 *
 * The filters read these keys of LocatedItem.props, which each register fills in its allLocated():
 *   warehouse  props.stock: Record<supplyKindId, number>   available quantity per supply kind (not in transit)
 *   shelter    props.freeCapacity: number; props.open: boolean
 *   expert     props.fields: string[]                       专业领域, e.g. 防汛抗旱; props.available: boolean
 *   team       props.type: string (TeamType key); props.dutyState: string ('on_duty', 'standby', …)
 * An item whose props lack a key a filter needs does not match that filter.
 */

const zQueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
const zLon = z.coerce.number().min(-180).max(180);
const zLat = z.coerce.number().min(-90).max(90);

/** Kind-specific conditions, as data; each applies to one kind only (FILTER_KINDS). */
export const zNearbyFilter = z
  .object({
    /** 仓库: holds this supply kind (品目 id)… */
    supplyKindId: z.string().min(1).max(64),
    /** …with at least this available quantity (default: any positive quantity). */
    minQuantity: z.number().min(0),
    /** 避难场所: at least this many free places. */
    minFreeCapacity: z.number().int().min(0),
    /** 避难场所: only those open now. */
    openOnly: z.boolean(),
    /** 专家: of this field. */
    field: z.string().min(1).max(32),
    /** 专家: only those available now. */
    availableOnly: z.boolean(),
    /** 队伍: of this type (TeamType key, e.g. forest_fire). */
    teamType: z.string().min(1).max(32),
    /** 队伍: in this duty state (e.g. on_duty 值守). */
    dutyState: z.string().min(1).max(32),
  })
  .partial()
  .strict();
export type NearbyFilter = z.infer<typeof zNearbyFilter>;

export const FILTER_KINDS: Record<keyof NearbyFilter, LocatedKind> = {
  supplyKindId: 'warehouse',
  minQuantity: 'warehouse',
  minFreeCapacity: 'shelter',
  openOnly: 'shelter',
  field: 'expert',
  availableOnly: 'expert',
  teamType: 'team',
  dutyState: 'team',
};

export const LOCATED_KIND_NAMES: Record<LocatedKind, string> = {
  warehouse: '物资仓库',
  team: '救援队伍',
  expert: '专家',
  equipment: '装备',
  shelter: '避难场所',
  target: '防护目标',
};

/** The filter fields as query-string parameters (GET /api/nearby, /api/nearby/within). */
const zFilterQuery = {
  supplyKindId: z.string().min(1).max(64).optional(),
  minQuantity: z.coerce.number().min(0).optional(),
  minFreeCapacity: z.coerce.number().int().min(0).optional(),
  openOnly: zQueryBool.optional(),
  field: z.string().min(1).max(32).optional(),
  availableOnly: zQueryBool.optional(),
  teamType: z.string().min(1).max(32).optional(),
  dutyState: z.string().min(1).max(32).optional(),
};

export const zNearbyQuery = z
  .object({
    lon: zLon,
    lat: zLat,
    kind: zLocatedKind,
    k: z.coerce.number().int().min(1).max(50).default(10),
    maxDistanceKm: z.coerce.number().positive().max(1000).optional(),
    ...zFilterQuery,
  })
  .strict();
export type NearbyQuery = z.infer<typeof zNearbyQuery>;

/** A GeoJSON Polygon in WGS-84; passed to GET /api/nearby/within as JSON text in `polygon`. */
export const zPolygon = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z
      .array(
        z
          .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
          .min(4, '多边形的环至少需要 4 个点')
          .max(2000),
      )
      .min(1)
      .max(20),
  })
  .strict();
export type Polygon = z.infer<typeof zPolygon>;

export const zNearbyWithinQuery = z
  .object({
    kind: zLocatedKind,
    areaCode: zAreaCode.optional(),
    polygon: z
      .string()
      .max(100_000)
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'polygon 应为 GeoJSON Polygon 的 JSON 文本' });
          return z.NEVER;
        }
      })
      .pipe(zPolygon)
      .optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
    ...zFilterQuery,
  })
  .strict()
  .refine((q) => (q.areaCode === undefined) !== (q.polygon === undefined), {
    message: '请给出 areaCode 或 polygon 其中之一',
  });
export type NearbyWithinQuery = z.infer<typeof zNearbyWithinQuery>;

export const zLineString = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(z.tuple([z.number(), z.number()])),
});
export type LineString = z.infer<typeof zLineString>;

/**
 * The road leg to one result: `ok` with distance and route; `unreachable` when no open road joins the two (closed
 * segments, a disconnected network); `off_network` when the point or the item is too far from any road.
 */
export const zRoadLeg = z.object({
  status: z.enum(['ok', 'unreachable', 'off_network']),
  distanceKm: z.number().nullable(),
  route: zLineString.nullable(),
  /** The plain Chinese statement shown to people, e.g. 无可通行道路（路段封闭或路网不连通）. */
  message: z.string(),
});
export type RoadLeg = z.infer<typeof zRoadLeg>;

export const zNearbyHit = zLocatedItem.extend({
  /** Great-circle (straight-line) distance from the search point. */
  distanceKm: z.number(),
  /** Null when no road graph has been imported. */
  road: zRoadLeg.nullable(),
});
export type NearbyHit = z.infer<typeof zNearbyHit>;

export const zRoadsInfo = z.object({
  available: z.boolean(),
  /** The network is the generated demo one (演示路网), not surveyed roads. */
  demo: z.boolean(),
  label: z.string().nullable(),
});
export type RoadsInfo = z.infer<typeof zRoadsInfo>;

export const zNearbyResult = z.object({
  kind: zLocatedKind,
  origin: zLonLat,
  /** Whether any register provides this kind yet; false means "not connected", not "nothing nearby". */
  sourceAvailable: z.boolean(),
  /** 'road' when a road graph exists: the straight-line candidates were re-ranked by road distance. */
  rankedBy: z.enum(['straight', 'road']),
  roads: zRoadsInfo,
  items: z.array(zNearbyHit),
});
export type NearbyResult = z.infer<typeof zNearbyResult>;

export const zNearbyWithinResult = z.object({
  kind: zLocatedKind,
  sourceAvailable: z.boolean(),
  total: z.number().int(),
  items: z.array(zLocatedItem),
});
export type NearbyWithinResult = z.infer<typeof zNearbyWithinResult>;
