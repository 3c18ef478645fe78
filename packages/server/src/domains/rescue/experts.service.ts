import { randomUUID } from 'node:crypto';
import type { Expert, ExpertCreate, ExpertListQuery, ExpertUpdate } from '@yingji/contracts/rescue.ts';
import type { CappedPage } from '@yingji/contracts/common.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import { expertsRepo, type ExpertRow } from './experts.repo.ts';
import type { RescueDeps } from './rescue.deps.ts';
import { toExpert } from './rescue.mappers.ts';

export function expertInsertColumns(input: ExpertCreate) {
  return {
    name: input.name,
    fields: JSON.stringify([...new Set(input.fields)]),
    title: input.title,
    organisation: input.organisation,
    phone: input.phone,
    available: input.available ? 1 : 0,
    availability_note: input.availabilityNote,
    lon: input.lon,
    lat: input.lat,
    remarks: input.remarks,
  };
}

/** 专家库: experts by field, located at their organisation, searchable by field and area. */
export class ExpertsService {
  constructor(private readonly deps: RescueDeps) {}

  async list(actor: Actor, query: ExpertListQuery): Promise<CappedPage<Expert>> {
    assertCan(actor, 'rescue:read');
    const { rows, ...page } = await expertsRepo.list(this.deps.db.kysely, this.deps.db.dialect, actor.areaCode, query);
    return { items: rows.map(toExpert), ...page };
  }

  async get(actor: Actor, id: string): Promise<Expert> {
    assertCan(actor, 'rescue:read');
    const row = await expertsRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!row) fail('RESCUE_EXPERT_NOT_FOUND', { id });
    return toExpert(row);
  }

  async create(actor: Actor, input: ExpertCreate): Promise<Expert> {
    assertCan(actor, 'rescue:edit');
    const areaCode = await this.deps.areas.locate(actor, input.lon, input.lat);
    const { db, audit, clock, events } = this.deps;
    const id = randomUUID();
    const created = await db.kysely.transaction().execute(async (trx) => {
      const now = clock.now().toISOString();
      await expertsRepo.insert(trx, db.dialect, [
        { id, ...expertInsertColumns(input), area_code: areaCode, is_demo: 0, created_at: now, updated_at: now },
      ]);
      const expert = toExpert((await expertsRepo.byId(trx, actor.areaCode, id))!);
      await audit.record(trx, actor, {
        action: 'rescue.expert.create',
        entity: 'rescue_expert',
        entityId: id,
        areaCode,
        after: expert,
      });
      return expert;
    });
    await events.publish('rescue.changed', areaCode, { kind: 'expert', id, action: 'created' });
    return created;
  }

  async update(actor: Actor, id: string, input: ExpertUpdate): Promise<Expert> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, clock, events } = this.deps;
    const before = await expertsRepo.byId(db.kysely, actor.areaCode, id);
    if (!before) fail('RESCUE_EXPERT_NOT_FOUND', { id });
    const areaCode =
      input.lon !== undefined && input.lat !== undefined
        ? await this.deps.areas.locate(actor, input.lon, input.lat)
        : before.area_code;
    const after = await db.kysely.transaction().execute(async (trx) => {
      await expertsRepo.update(trx, db.dialect, id, {
        ...expertColumns(input),
        area_code: areaCode,
        updated_at: clock.now().toISOString(),
      });
      const expert = toExpert((await expertsRepo.byId(trx, actor.areaCode, id))!);
      await audit.record(trx, actor, {
        action: 'rescue.expert.update',
        entity: 'rescue_expert',
        entityId: id,
        areaCode,
        before: toExpert(before),
        after: expert,
      });
      return expert;
    });
    await events.publish('rescue.changed', areaCode, { kind: 'expert', id, action: 'updated' });
    return after;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, events } = this.deps;
    const before = await db.kysely.transaction().execute(async (trx) => {
      const row = await expertsRepo.byId(trx, actor.areaCode, id);
      if (!row) fail('RESCUE_EXPERT_NOT_FOUND', { id });
      await expertsRepo.remove(trx, db.dialect, id);
      await audit.record(trx, actor, {
        action: 'rescue.expert.delete',
        entity: 'rescue_expert',
        entityId: id,
        areaCode: row.area_code,
        before: toExpert(row),
      });
      return row;
    });
    await events.publish('rescue.changed', before.area_code, { kind: 'expert', id, action: 'deleted' });
  }

  /** Every expert, system-wide, for the spatial index. */
  allRows(): Promise<ExpertRow[]> {
    return expertsRepo.all(this.deps.db.kysely, '');
  }
}

function expertColumns(input: ExpertUpdate) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.fields !== undefined && { fields: JSON.stringify([...new Set(input.fields)]) }),
    ...(input.title !== undefined && { title: input.title }),
    ...(input.organisation !== undefined && { organisation: input.organisation }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.available !== undefined && { available: input.available ? 1 : 0 }),
    ...(input.availabilityNote !== undefined && { availability_note: input.availabilityNote }),
    ...(input.lon !== undefined && { lon: input.lon }),
    ...(input.lat !== undefined && { lat: input.lat }),
    ...(input.remarks !== undefined && { remarks: input.remarks }),
  };
}
