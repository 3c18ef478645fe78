import { randomUUID } from 'node:crypto';
import type { RoadImportResult } from '@yingji/contracts/roads.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { AppError, fail } from '../../platform/errors.ts';
import { fromBool } from '../../platform/db/types.ts';
import type { RoadsDeps } from './roads.service.ts';
import { roadsRepo } from './roads.repo.ts';
import { parseRoadFile } from './roads.parse.ts';
import type { RoadEdgesTable, RoadNodesTable } from './roads.tables.ts';
import { buildTopology, midpointOf } from './roads.topology.ts';

export interface RoadImportOptions {
  /** Line ends closer than this join into one node (default 5 m). */
  snapMetres?: number;
  /** Generated demo network (演示路网): stored with the demo flag and labelled wherever shown. */
  demo?: boolean;
}

/**
 * `yingji import roads <file>` and POST /api/roads/import: a GeoJSON road file becomes the road graph, replacing the
 * previous one in one transaction. All or nothing: one bad feature rejects the file with every problem listed.
 */
export async function importRoadNetwork(
  deps: RoadsDeps,
  actor: Actor,
  input: unknown,
  options: RoadImportOptions = {},
): Promise<RoadImportResult> {
  assertCan(actor, 'roads:import');
  const demo = options.demo ?? false;
  const lines = parseRoadFile(input);
  const topology = buildTopology(lines, options.snapMetres ?? 5);
  if (topology.edges.length === 0) {
    fail('GEOJSON_INVALID', { errors: [{ row: 0, column: 'geometry', message: '合并端点后没有剩下任何路段' }] });
  }

  const nodeIds = topology.nodes.map(() => randomUUID());
  const now = deps.clock.now().toISOString();
  const nodes: RoadNodesTable[] = topology.nodes.map((n, i) => ({ id: nodeIds[i]!, lon: n.lon, lat: n.lat }));
  const edges: RoadEdgesTable[] = [];
  let located = 0;
  for (const edge of topology.edges) {
    const [lon, lat] = midpointOf(edge.positions);
    const areaCode = await locateOrNull(deps, lon, lat);
    if (areaCode) located += 1;
    edges.push({
      id: randomUUID(),
      from_node: nodeIds[edge.from]!,
      to_node: nodeIds[edge.to]!,
      name: edge.line.name,
      road_class: edge.line.roadClass,
      length_m: Math.round(edge.lengthM * 10) / 10,
      coordinates: JSON.stringify(edge.positions),
      closed: fromBool(edge.line.closed),
      closed_reason: edge.line.closed ? '导入数据标注为封闭' : null,
      closed_at: edge.line.closed ? now : null,
      closed_by: edge.line.closed ? actor.username : null,
      area_code: areaCode,
      demo: fromBool(demo),
      feature_row: edge.line.row,
      created_at: now,
    });
  }
  // Roads may leave the county, but a file with no road inside it is another county's, or has lon/lat swapped.
  if (located === 0) {
    fail('GEOJSON_INVALID', {
      errors: [{ row: 0, column: 'geometry', message: '没有任何道路位于本县已知的行政区划内（坐标系或经纬度顺序是否有误？）' }],
    });
  }

  const replaced = await deps.db.kysely.transaction().execute(async (trx) => {
    const before = await roadsRepo.count(trx);
    await roadsRepo.replace(trx, nodes, edges);
    await deps.audit.record(trx, actor, {
      action: 'roads.import',
      entity: 'road_network',
      entityId: 'roads',
      areaCode: null,
      before: { edges: before },
      after: { features: new Set(lines.map((l) => l.row)).size, nodes: nodes.length, edges: edges.length, demo },
    });
    return before;
  });
  return {
    features: new Set(lines.map((l) => l.row)).size,
    nodes: nodes.length,
    edges: edges.length,
    snapped: topology.snapped,
    replaced,
    demo,
  };
}

async function locateOrNull(deps: RoadsDeps, lon: number, lat: number): Promise<string | null> {
  try {
    return await deps.areas.locate(SYSTEM_ACTOR, lon, lat);
  } catch (error) {
    if (error instanceof AppError && error.code === 'LOCATION_OUTSIDE') return null;
    throw error;
  }
}
