import { randomUUID } from 'node:crypto';
import type { Target, TargetCreate, TargetListQuery, TargetUpdate } from '@yingji/contracts/shelters.ts';
import type { Insertable } from 'kysely';
import type { CappedPage } from '@yingji/contracts/common.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import { dutyHoldersRepo } from './duty-holders.repo.ts';
import { prepareRows, type SheltersDeps } from './shelters.deps.ts';
import type { ProtectionTargetsTable } from './shelters.tables.ts';
import { targetsRepo, type TargetRow } from './targets.repo.ts';

export function toTarget(row: TargetRow): Target {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    people: row.people,
    responsibleName: row.responsible_name,
    responsiblePhone: row.responsible_phone,
    address: row.address,
    note: row.note,
    lon: row.lon,
    lat: row.lat,
    areaCode: row.area_code,
    demo: row.demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** 重要防护目标 (学校、医院、水库、养老院、危化企业、人员密集场所 …): who must be protected or evacuated first. */
export class TargetsService {
  constructor(private readonly deps: SheltersDeps) {}

  async list(actor: Actor, query: TargetListQuery): Promise<CappedPage<Target>> {
    assertCan(actor, 'shelters:read');
    const { rows, ...page } = await targetsRepo.list(this.deps.db.kysely, this.deps.db.dialect, actor.areaCode, query);
    return { items: rows.map(toTarget), ...page };
  }

  async get(actor: Actor, id: string): Promise<Target> {
    assertCan(actor, 'shelters:read');
    const row = await targetsRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!row) fail('TARGET_NOT_FOUND', { id });
    return toTarget(row);
  }

  async all(actor: Actor): Promise<Target[]> {
    assertCan(actor, 'shelters:read');
    return (await targetsRepo.all(this.deps.db.kysely, actor.areaCode)).map(toTarget);
  }

  private async newRow(actor: Actor, input: TargetCreate, demo: boolean): Promise<Insertable<ProtectionTargetsTable>> {
    const areaCode = await this.deps.areas.locate(actor, input.lon, input.lat);
    const now = this.deps.clock.now().toISOString();
    return {
      id: randomUUID(),
      name: input.name,
      type: input.type,
      people: input.people,
      responsible_name: input.responsibleName,
      responsible_phone: input.responsiblePhone,
      address: input.address,
      note: input.note,
      lon: input.lon,
      lat: input.lat,
      area_code: areaCode,
      demo: demo ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
  }

  private insert(
    actor: Actor,
    rows: Insertable<ProtectionTargetsTable>[],
    action: 'target.create' | 'target.import' | 'target.demo',
  ) {
    const { db, audit } = this.deps;
    return db.kysely.transaction().execute(async (trx) => {
      await targetsRepo.insertMany(trx, db.dialect, rows);
      const created: Target[] = [];
      for (const row of rows) {
        const target = toTarget((await targetsRepo.byId(trx, '', row.id))!);
        await audit.record(trx, actor, { action, entity: 'target', entityId: row.id, areaCode: row.area_code, after: target });
        created.push(target);
      }
      return created;
    });
  }

  async create(actor: Actor, input: TargetCreate, options: { demo?: boolean } = {}): Promise<Target> {
    assertCan(actor, 'shelters:edit');
    const [created] = await this.insert(actor, [await this.newRow(actor, input, options.demo ?? false)], 'target.create');
    await this.deps.events.publish('shelters.changed', created!.areaCode, {
      kind: 'target',
      action: 'created',
      ids: [created!.id],
    });
    return created!;
  }

  async importRows(
    actor: Actor,
    items: { row: number; value: TargetCreate }[],
    options: { demo?: boolean } = {},
  ): Promise<Target[]> {
    assertCan(actor, 'shelters:edit');
    const rows = await prepareRows(items, (input) => this.newRow(actor, input, options.demo ?? false), {
      LOCATION_OUTSIDE: '经度',
      OUT_OF_SCOPE: '经度',
    });
    const created = await this.insert(actor, rows, options.demo ? 'target.demo' : 'target.import');
    await this.deps.events.publish('shelters.changed', actor.areaCode || null, {
      kind: 'target',
      action: 'imported',
      ids: created.map((t) => t.id),
    });
    return created;
  }

  async update(actor: Actor, id: string, input: TargetUpdate): Promise<Target> {
    assertCan(actor, 'shelters:edit');
    const { db, audit, clock, events, areas } = this.deps;
    // A move is located before the transaction: the locator reads areas through its own connection (SQLite has one).
    let moved: { lon: number; lat: number; area_code: string } | null = null;
    if (input.lon !== undefined || input.lat !== undefined) {
      const current = await targetsRepo.byId(db.kysely, actor.areaCode, id);
      if (!current) fail('TARGET_NOT_FOUND', { id });
      const lon = input.lon ?? current.lon;
      const lat = input.lat ?? current.lat;
      moved = { lon, lat, area_code: await areas.locate(actor, lon, lat) };
    }
    const after = await db.kysely.transaction().execute(async (trx) => {
      const before = await targetsRepo.byId(trx, actor.areaCode, id);
      if (!before) fail('TARGET_NOT_FOUND', { id });
      await targetsRepo.update(trx, db.dialect, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.type !== undefined && { type: input.type }),
        ...(input.people !== undefined && { people: input.people }),
        ...(input.responsibleName !== undefined && { responsible_name: input.responsibleName }),
        ...(input.responsiblePhone !== undefined && { responsible_phone: input.responsiblePhone }),
        ...(input.address !== undefined && { address: input.address }),
        ...(input.note !== undefined && { note: input.note }),
        ...moved,
        updated_at: clock.now().toISOString(),
      });
      const updated = toTarget((await targetsRepo.byId(trx, '', id))!);
      await audit.record(trx, actor, {
        action: 'target.update',
        entity: 'target',
        entityId: id,
        areaCode: updated.areaCode,
        before: toTarget(before),
        after: updated,
      });
      return updated;
    });
    await events.publish('shelters.changed', after.areaCode, { kind: 'target', action: 'updated', ids: [id] });
    return after;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'shelters:edit');
    const { db, audit, events } = this.deps;
    const removed = await db.kysely.transaction().execute(async (trx) => {
      const row = await targetsRepo.byId(trx, actor.areaCode, id);
      if (!row) fail('TARGET_NOT_FOUND', { id });
      const linked = await dutyHoldersRepo.countLinked(trx, { targetId: id });
      if (linked > 0) fail('TARGET_LINKED', { dutyHolders: linked });
      await targetsRepo.remove(trx, db.dialect, id);
      await audit.record(trx, actor, {
        action: 'target.delete',
        entity: 'target',
        entityId: id,
        areaCode: row.area_code,
        before: toTarget(row),
      });
      return row;
    });
    await events.publish('shelters.changed', removed.area_code, { kind: 'target', action: 'deleted', ids: [id] });
  }
}
