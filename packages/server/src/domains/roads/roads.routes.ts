import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  zRoadEdge,
  zRoadEdgeUpdate,
  zRoadFeatureCollection,
  zRoadImportQuery,
  zRoadImportResult,
} from '@yingji/contracts/roads.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';

export function roadsRoutes(app: FastifyInstance, { roads }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['roads'];

  r.get(
    '/api/roads/geojson',
    { schema: { tags, summary: '路网 GeoJSON（演示路网标注 demo）', response: { 200: zRoadFeatureCollection } } },
    (request) => roads.geojson(actorOf(request)),
  );

  r.post(
    '/api/roads/import',
    {
      schema: {
        tags,
        summary: '导入路网（GeoJSON LineString/MultiLineString，WGS-84），整体替换现有路网',
        querystring: zRoadImportQuery,
        // The file is checked feature by feature by the service, which reports every problem with its row.
        body: z.unknown(),
        response: { 200: zRoadImportResult },
      },
    },
    (request) => roads.import(actorOf(request), request.body, { snapMetres: request.query.snapMetres }),
  );

  r.patch(
    '/api/roads/edges/:id',
    {
      schema: {
        tags,
        summary: '封闭或恢复通行一个路段',
        params: z.object({ id: z.string().uuid() }).strict(),
        body: zRoadEdgeUpdate,
        response: { 200: zRoadEdge },
      },
    },
    (request) => roads.setClosed(actorOf(request), request.params.id, request.body),
  );
}
