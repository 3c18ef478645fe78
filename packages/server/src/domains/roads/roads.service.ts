import type { LonLat } from '@yingji/contracts/located.ts';
import type { RoadLeg, RoadsInfo } from '@yingji/contracts/nearby.ts';
import {
  DEMO_ROADS_LABEL,
  type RoadEdge,
  type RoadEdgeUpdate,
  type RoadFeatureCollection,
  type RoadImportResult,
} from '@yingji/contracts/roads.ts';
import type { Logger } from 'pino';
import type { AreasService } from '../areas/areas.service.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { fromBool, toBool } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import type { RulesService } from '../../platform/rules/rules.ts';
import { RoadGraph } from './roads.graph.ts';
import { importRoadNetwork, type RoadImportOptions } from './roads.import.ts';
import type { Position } from './roads.parse.ts';
import { roadsRepo, type RoadEdgeRow } from './roads.repo.ts';
import { ROAD_ACCESS_MAX_KM } from './roads.rules-config.ts';

declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    /** The road network changed: a new import (edgeId null) or one segment closed / reopened. */
    'roads.changed': { edgeId: string | null; closed: boolean | null };
  }
}

export interface RoadsDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  areas: AreasService;
  rules: RulesService;
  log: Logger;
}

/** How long a read value of the access-limit rule is trusted; an administrator's change applies within this. */
const ACCESS_RULE_TTL_MS = 10_000;

interface LoadedNetwork {
  graph: RoadGraph;
  demo: boolean;
}

function toEdge(row: RoadEdgeRow): RoadEdge {
  return {
    id: row.id,
    name: row.name,
    roadClass: row.road_class,
    lengthKm: Math.round(row.length_m) / 1000,
    closed: toBool(row.closed),
    closedReason: row.closed_reason,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    areaCode: row.area_code,
    demo: toBool(row.demo),
  };
}

/**
 * 路网: the imported road graph, its map layer, closing and reopening segments, and road routing for the spatial
 * search. The graph is loaded into memory on first use and kept in step with the bus (imports reload it, closures
 * are applied in place), so several server processes on PostgreSQL route alike.
 */
export class RoadsService {
  private network: Promise<LoadedNetwork | null> | null = null;
  private accessLimit = { km: 0, readAt: -Infinity };
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: RoadsDeps) {
    this.unsubscribe = deps.events.subscribe((event) => {
      if (event.type !== 'roads.changed') return;
      const data = event.data as { edgeId: string | null; closed: boolean | null };
      if (data.edgeId === null) this.network = null;
      else void this.network?.then((n) => n?.graph.setClosed(data.edgeId!, data.closed === true));
    });
  }

  close(): void {
    this.unsubscribe();
  }

  async import(actor: Actor, input: unknown, options: RoadImportOptions = {}): Promise<RoadImportResult> {
    const result = await importRoadNetwork(this.deps, actor, input, options);
    this.network = null;
    await this.deps.events.publish('roads.changed', null, { edgeId: null, closed: null });
    return result;
  }

  async hasNetwork(): Promise<boolean> {
    return (await roadsRepo.count(this.deps.db.kysely)) > 0;
  }

  /** The whole network for the map (shared infrastructure: every role that reads registers sees all of it). */
  async geojson(actor: Actor): Promise<RoadFeatureCollection> {
    assertCan(actor, 'roads:read');
    const rows = await roadsRepo.edges(this.deps.db.kysely);
    return {
      type: 'FeatureCollection',
      features: rows.map((row) => {
        const edge = toEdge(row);
        return {
          type: 'Feature',
          id: edge.id,
          properties: {
            id: edge.id,
            name: edge.name,
            roadClass: edge.roadClass,
            lengthKm: edge.lengthKm,
            closed: edge.closed,
            closedReason: edge.closedReason,
            areaCode: edge.areaCode,
            demo: edge.demo,
            geometrySource: edge.demo ? 'demo' : 'imported',
            label: edge.demo ? DEMO_ROADS_LABEL : null,
          },
          geometry: { type: 'LineString', coordinates: JSON.parse(row.coordinates) as Position[] },
        };
      }),
    };
  }

  /** 封闭 / 恢复通行 of one segment: audited; routing avoids it at once. */
  async setClosed(actor: Actor, edgeId: string, input: RoadEdgeUpdate): Promise<RoadEdge> {
    assertCan(actor, 'roads:close');
    const { db, audit, clock, events } = this.deps;
    const after = await db.kysely.transaction().execute(async (trx) => {
      const before = await roadsRepo.edge(trx, edgeId);
      if (!before) fail('ROAD_EDGE_NOT_FOUND', { id: edgeId });
      // A segment outside every known area (a road leaving the county) is for county-wide officers.
      if (before.area_code) assertWithinScope(actor, before.area_code);
      else if (actor.areaCode.length > 6) fail('OUT_OF_SCOPE', { id: edgeId });
      await roadsRepo.setClosed(trx, edgeId, {
        closed: fromBool(input.closed),
        closed_reason: input.closed ? (input.reason ?? null) : null,
        closed_at: input.closed ? clock.now().toISOString() : null,
        closed_by: input.closed ? actor.username : null,
      });
      const updated = (await roadsRepo.edge(trx, edgeId))!;
      await audit.record(trx, actor, {
        action: input.closed ? 'road.close' : 'road.reopen',
        entity: 'road_edge',
        entityId: edgeId,
        areaCode: before.area_code,
        before: { closed: toBool(before.closed), reason: before.closed_reason },
        after: { closed: input.closed, reason: updated.closed_reason },
      });
      return updated;
    });
    await this.network?.then((n) => n?.graph.setClosed(edgeId, input.closed));
    await events.publish('roads.changed', after.area_code, { edgeId, closed: input.closed });
    return toEdge(after);
  }

  /** The network for routing (see NearbyService), or null when none has been imported. */
  async current(): Promise<{ info: RoadsInfo; legsFrom(origin: LonLat, targets: LonLat[]): RoadLeg[] } | null> {
    const network = await this.loaded();
    if (!network) return null;
    const maxAccessKm = await this.maxAccessKm();
    return {
      info: { available: true, demo: network.demo, label: network.demo ? DEMO_ROADS_LABEL : null },
      legsFrom: (origin, targets) => network.graph.legsFrom(origin, targets, maxAccessKm),
    };
  }

  /** The access limit rule, read at most every few seconds: every search needs it, and it changes rarely. */
  private async maxAccessKm(): Promise<number> {
    if (performance.now() - this.accessLimit.readAt > ACCESS_RULE_TTL_MS) {
      this.accessLimit = { km: await this.deps.rules.get(ROAD_ACCESS_MAX_KM), readAt: performance.now() };
    }
    return this.accessLimit.km;
  }

  private loaded(): Promise<LoadedNetwork | null> {
    if (!this.network) {
      const loading = this.load();
      this.network = loading;
      // A failed load is not kept: the next search tries again.
      loading.catch((error: unknown) => {
        this.deps.log.error({ err: error }, 'road network load failed');
        if (this.network === loading) this.network = null;
      });
    }
    return this.network;
  }

  private async load(): Promise<LoadedNetwork | null> {
    const db = this.deps.db.kysely;
    const [nodes, edges] = await Promise.all([roadsRepo.nodes(db), roadsRepo.edges(db)]);
    if (edges.length === 0) return null;
    const graph = new RoadGraph({
      nodes,
      edges: edges.map((e) => ({
        id: e.id,
        from: e.from_node,
        to: e.to_node,
        lengthKm: e.length_m / 1000,
        closed: toBool(e.closed),
        positions: JSON.parse(e.coordinates) as Position[],
      })),
    });
    return { graph, demo: edges.every((e) => toBool(e.demo)) };
  }
}
