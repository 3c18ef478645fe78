import type { Area, AreaLevel, AreaNode, AreaUpdate, FeatureCollection, GridCreate } from '@yingji/contracts/areas.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events/bus.ts';
import { areasRepo, type AreaRow } from './areas.repo.ts';
import { AreaLocator } from './areas.locator.ts';
import { nextChildCode } from './areas.rules.ts';

export interface AreasDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
}

const LEVEL_ORDER: AreaLevel[] = ['county', 'township', 'village', 'group', 'grid'];

export function toArea(row: AreaRow): Area {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    levelName: row.level_name,
    parentCode: row.parent_code,
    population: row.population,
    hasGeometry: row.geometry_source !== null,
    geometrySource: row.geometry_source,
    gridOfficerName: row.grid_officer_name,
    gridOfficerPhone: row.grid_officer_phone,
    childCount: Number(row.child_count),
  };
}

/** The 行政区划 register: the county → township → village → group/grid tree, always read within the actor's scope. */
export class AreasService {
  private readonly locator: AreaLocator;

  constructor(private readonly deps: AreasDeps) {
    this.locator = new AreaLocator(deps.db.kysely);
  }

  /**
   * Where a point lies: the code of the deepest area containing it, which must be within the actor's scope.
   * Every register with a location uses this, so a record's area always follows from its coordinates.
   */
  async locate(actor: Actor, lon: number, lat: number): Promise<string> {
    const code = await this.locator.locate(lon, lat);
    if (!code) fail('LOCATION_OUTSIDE', { lon, lat });
    assertWithinScope(actor, code);
    return code;
  }

  /** Call after boundaries change (imports), so locate() sees the new shapes at once. */
  forgetShapes(): void {
    this.locator.invalidate();
  }

  async get(actor: Actor, code: string): Promise<Area> {
    assertCan(actor, 'areas:read');
    const row = await areasRepo.byCode(this.deps.db.kysely, actor.areaCode, code);
    // Out of scope and absent look the same to the caller: a scope must not reveal what exists outside it.
    if (!row) fail('AREA_NOT_FOUND', { code });
    return toArea(row);
  }

  /** The actor's tree: their own area (or every county) down `depth` tiers, or the subtree under `root`. */
  async tree(actor: Actor, root: string | undefined, depth: number): Promise<AreaNode[]> {
    assertCan(actor, 'areas:read');
    const db = this.deps.db.kysely;
    const roots = root ? [await areasRepo.byCode(db, actor.areaCode, root)] : await areasRepo.roots(db, actor.areaCode);
    if (root && !roots[0]) fail('AREA_NOT_FOUND', { code: root });
    const forest: AreaNode[] = [];
    for (const rootRow of roots) {
      if (!rootRow) continue;
      const first = LEVEL_ORDER.indexOf(rootRow.level);
      const levels = LEVEL_ORDER.slice(first, first + depth + 1);
      if (levels.includes('group')) levels.push('grid');
      const rows = await areasRepo.subtree(db, actor.areaCode, rootRow.code, levels);
      const nodes = new Map<string, AreaNode>(rows.map((row) => [row.code, { ...toArea(row), children: [] }]));
      for (const node of nodes.values()) {
        if (node.parentCode && node.code !== rootRow.code) nodes.get(node.parentCode)?.children.push(node);
      }
      forest.push(nodes.get(rootRow.code)!);
    }
    return forest;
  }

  async list(
    actor: Actor,
    filter: { parentCode?: string; level?: AreaLevel; q?: string; limit: number; offset: number },
  ): Promise<{ items: Area[]; total: number }> {
    assertCan(actor, 'areas:read');
    const { rows, total } = await areasRepo.list(this.deps.db.kysely, actor.areaCode, filter);
    return { items: rows.map(toArea), total };
  }

  async update(actor: Actor, code: string, input: AreaUpdate): Promise<Area> {
    assertCan(actor, 'areas:edit');
    assertWithinScope(actor, code);
    const { db, audit, clock, events } = this.deps;
    const after = await db.kysely.transaction().execute(async (trx) => {
      const before = await areasRepo.byCode(trx, actor.areaCode, code);
      if (!before) fail('AREA_NOT_FOUND', { code });
      if ((input.gridOfficerName !== undefined || input.gridOfficerPhone !== undefined) && before.level !== 'grid') {
        fail('AREA_LEVEL_INVALID', { code, level: before.level }, '只有网格可以指定网格员');
      }
      const changes = {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.population !== undefined && { population: input.population }),
        ...(input.gridOfficerName !== undefined && { grid_officer_name: input.gridOfficerName }),
        ...(input.gridOfficerPhone !== undefined && { grid_officer_phone: input.gridOfficerPhone }),
        updated_at: clock.now().toISOString(),
      };
      await areasRepo.update(trx, code, changes);
      const updated = (await areasRepo.byCode(trx, actor.areaCode, code))!;
      await audit.record(trx, actor, {
        action: 'area.update',
        entity: 'area',
        entityId: code,
        areaCode: code,
        before: toArea(before),
        after: toArea(updated),
      });
      return updated;
    });
    await events.publish('area.updated', code, { code, name: after.name, population: after.population });
    return toArea(after);
  }

  /** A 网格 under a village, with its 网格员: the finest unit a warning or a report can be addressed to. */
  async createGrid(actor: Actor, villageCode: string, input: GridCreate): Promise<Area> {
    assertCan(actor, 'areas:edit');
    assertWithinScope(actor, villageCode);
    const { db, audit, clock, events } = this.deps;
    const created = await db.kysely.transaction().execute(async (trx) => {
      const village = await areasRepo.byCode(trx, actor.areaCode, villageCode);
      if (!village) fail('AREA_NOT_FOUND', { code: villageCode });
      if (village.level !== 'village') fail('AREA_LEVEL_INVALID', { code: villageCode }, '网格只能建在村（社区）之下');
      const code = nextChildCode(villageCode, await areasRepo.childCodes(trx, villageCode));
      const now = clock.now().toISOString();
      await areasRepo.insertMany(trx, [
        {
          code,
          name: input.name,
          level: 'grid',
          level_name: '网格',
          parent_code: villageCode,
          population: input.population,
          geometry: null,
          geometry_source: null,
          grid_officer_name: input.gridOfficerName,
          grid_officer_phone: input.gridOfficerPhone,
          created_at: now,
          updated_at: now,
        },
      ]);
      const row = (await areasRepo.byCode(trx, actor.areaCode, code))!;
      await audit.record(trx, actor, {
        action: 'area.create_grid',
        entity: 'area',
        entityId: code,
        areaCode: code,
        after: toArea(row),
      });
      return row;
    });
    await events.publish('area.grid_created', created.code, { code: created.code, parentCode: villageCode, name: created.name });
    return toArea(created);
  }

  /** Area shapes for the map; areas without a geometry are left out. */
  async geojson(actor: Actor, root: string | undefined, levels: AreaLevel[]): Promise<FeatureCollection> {
    assertCan(actor, 'areas:read');
    if (root) assertWithinScope(actor, root);
    const rows = await areasRepo.geometries(this.deps.db.kysely, actor.areaCode, root ?? actor.areaCode, levels);
    return {
      type: 'FeatureCollection',
      features: rows.map((row) => ({
        type: 'Feature',
        properties: {
          code: row.code,
          name: row.name,
          level: row.level,
          levelName: row.level_name,
          parentCode: row.parent_code,
          population: row.population,
          geometrySource: row.geometry_source,
        },
        geometry: JSON.parse(row.geometry!) as Record<string, unknown>,
      })),
    };
  }

  /** For other domains and the users service: does the code exist, and what is it called. */
  nameOf(code: string): Promise<string | null> {
    return areasRepo.nameOf(this.deps.db.kysely, code);
  }
}
