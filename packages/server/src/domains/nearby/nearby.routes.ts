import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  zNearbyQuery,
  zNearbyResult,
  zNearbyWithinQuery,
  zNearbyWithinResult,
  type NearbyFilter,
} from '@yingji/contracts/nearby.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';

/** The filter fields of a query string, without the ones left out. */
function filterOf(query: NearbyFilter): NearbyFilter {
  const { supplyKindId, minQuantity, minFreeCapacity, openOnly, field, availableOnly, teamType, dutyState } = query;
  const all = { supplyKindId, minQuantity, minFreeCapacity, openOnly, field, availableOnly, teamType, dutyState };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as NearbyFilter;
}

export function nearbyRoutes(app: FastifyInstance, { nearby }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['nearby'];

  r.get(
    '/api/nearby',
    {
      schema: {
        tags,
        summary: '周边资源：离某点最近的 k 个（直线距离；有路网时按道路距离重排并给出路线）',
        querystring: zNearbyQuery,
        response: { 200: zNearbyResult },
      },
    },
    (request) => {
      const { lon, lat, kind, k, maxDistanceKm } = request.query;
      return nearby.nearest(actorOf(request), { lon, lat, kind, k, maxDistanceKm, filter: filterOf(request.query) });
    },
  );

  r.get(
    '/api/nearby/within',
    {
      schema: {
        tags,
        summary: '区域内资源：某行政区划（areaCode）或多边形（polygon，GeoJSON 文本）内的全部',
        querystring: zNearbyWithinQuery,
        response: { 200: zNearbyWithinResult },
      },
    },
    (request) => {
      const { kind, areaCode, polygon, limit } = request.query;
      const filter = filterOf(request.query);
      const actor = actorOf(request);
      return polygon
        ? nearby.within(actor, { kind, polygon, limit, filter })
        : nearby.within(actor, { kind, areaCode: areaCode!, limit, filter });
    },
  );
}
