import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  zArea,
  zAreaGeoQuery,
  zAreaLevel,
  zAreaListQuery,
  zAreaNode,
  zAreaTreeQuery,
  zAreaUpdate,
  zFeatureCollection,
  zGridCreate,
} from '@yingji/contracts/areas.ts';
import { zAreaCode, zPaged } from '@yingji/contracts/common.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';

export function areasRoutes(app: FastifyInstance, { areas }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['areas'];
  const params = z.object({ code: zAreaCode }).strict();

  r.get(
    '/api/areas/tree',
    { schema: { tags, summary: '行政区划树（限本人辖区）', querystring: zAreaTreeQuery, response: { 200: z.array(zAreaNode) } } },
    (request) => areas.tree(actorOf(request), request.query.root, request.query.depth),
  );

  r.get(
    '/api/areas/geojson',
    { schema: { tags, summary: '区划范围 GeoJSON', querystring: zAreaGeoQuery, response: { 200: zFeatureCollection } } },
    (request) => {
      const levels = request.query.levels.split(',').map((l) => zAreaLevel.parse(l));
      return areas.geojson(actorOf(request), request.query.root, levels);
    },
  );

  r.get(
    '/api/areas',
    { schema: { tags, summary: '区划列表', querystring: zAreaListQuery, response: { 200: zPaged(zArea) } } },
    (request) => areas.list(actorOf(request), request.query),
  );

  r.get('/api/areas/:code', { schema: { tags, summary: '区划详情', params, response: { 200: zArea } } }, (request) =>
    areas.get(actorOf(request), request.params.code),
  );

  r.patch(
    '/api/areas/:code',
    { schema: { tags, summary: '修改区划（名称、人口、网格员）', params, body: zAreaUpdate, response: { 200: zArea } } },
    (request) => areas.update(actorOf(request), request.params.code, request.body),
  );

  r.post(
    '/api/areas/:code/grids',
    { schema: { tags, summary: '在村（社区）下新建网格', params, body: zGridCreate, response: { 201: zArea } } },
    async (request, reply) => {
      reply.status(201);
      return areas.createGrid(actorOf(request), request.params.code, request.body);
    },
  );
}
