import { z } from 'zod';

/** The kinds of register entries that have a position and can be searched by distance or drawn on the map. */
export const zLocatedKind = z.enum(['warehouse', 'team', 'expert', 'equipment', 'shelter', 'target']);
export type LocatedKind = z.infer<typeof zLocatedKind>;

/** A position in WGS-84 degrees, as every register stores it. */
export const zLonLat = z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict();
export type LonLat = z.infer<typeof zLonLat>;

/**
 * One register entry as the spatial search (nearby) and the map see it: every domain with positioned entries
 * exposes its entries in this form. `props` carries what filters need (supply stock, free capacity, fields).
 */
export const zLocatedItem = z.object({
  kind: zLocatedKind,
  id: z.string(),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
  areaCode: z.string(),
  props: z.record(z.string(), z.unknown()),
});
export type LocatedItem = z.infer<typeof zLocatedItem>;
