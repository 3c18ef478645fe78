import { randomUUID } from 'node:crypto';
import type {
  DutyGapReport,
  DutyHolder,
  DutyHolderCreate,
  DutyHolderListQuery,
  DutyHolderUpdate,
  DutyRole,
} from '@yingji/contracts/shelters.ts';
import type { Area } from '@yingji/contracts/areas.ts';
import type { Insertable } from 'kysely';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { dutyHoldersRepo, type DutyHolderRow as StoredDutyHolder } from './duty-holders.repo.ts';
import type { DutyHolderRow } from './shelters.excel.ts';
import { prepareRows, type SheltersDeps } from './shelters.deps.ts';
import { sheltersRepo } from './shelters.repo.ts';
import type { DutyHoldersTable } from './shelters.tables.ts';
import { targetsRepo } from './targets.repo.ts';

export function toDutyHolder(row: StoredDutyHolder): DutyHolder {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    role: row.role,
    title: row.title,
    areaCode: row.area_code,
    shelterId: row.shelter_id,
    shelterName: row.shelter_name,
    targetId: row.target_id,
    targetName: row.target_name,
    note: row.note,
    demo: row.demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type Assignment = Pick<DutyHolderCreate, 'areaCode' | 'shelterId' | 'targetId'>;

/** Every area of a tier in the actor's scope, page by page (the areas service caps a page at 500). */
export async function areasOfLevel(deps: SheltersDeps, actor: Actor, level: 'township' | 'village'): Promise<Area[]> {
  const areas: Area[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await deps.areas.list(actor, { level, limit: 500, offset });
    areas.push(...page.items);
    if (areas.length >= page.total || page.items.length === 0) return areas;
  }
}

/** 三防责任人、包保责任人 …: who answers for a township or a village, and for which shelter or target in it. */
export class DutyHoldersService {
  constructor(private readonly deps: SheltersDeps) {}

  async list(actor: Actor, query: DutyHolderListQuery): Promise<{ items: DutyHolder[]; total: number }> {
    assertCan(actor, 'shelters:read');
    const { rows, total } = await dutyHoldersRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: rows.map(toDutyHolder), total };
  }

  async get(actor: Actor, id: string): Promise<DutyHolder> {
    assertCan(actor, 'shelters:read');
    const row = await dutyHoldersRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!row) fail('DUTY_HOLDER_NOT_FOUND', { id });
    return toDutyHolder(row);
  }

  async all(actor: Actor): Promise<DutyHolder[]> {
    assertCan(actor, 'shelters:read');
    return (await dutyHoldersRepo.all(this.deps.db.kysely, actor.areaCode)).map(toDutyHolder);
  }

  /**
   * The area must be a township or village in the actor's scope; a linked shelter or target must be visible to the
   * actor and lie inside that area (a village's 包保责任人 answers for that village's school, not the next one's).
   */
  private async checkAssignment(actor: Actor, db: Executor, input: Assignment): Promise<void> {
    assertWithinScope(actor, input.areaCode);
    const area = await this.deps.areas.get(actor, input.areaCode);
    if (area.level !== 'township' && area.level !== 'village') {
      fail('AREA_LEVEL_INVALID', { code: input.areaCode }, '责任人只能对应乡镇或村（社区）');
    }
    if (input.shelterId && input.targetId) {
      fail('DUTY_ASSIGNMENT_INVALID', undefined, '一名责任人只能关联一个避难场所或一个防护目标');
    }
    if (input.shelterId) {
      const shelter = await sheltersRepo.byId(db, actor.areaCode, input.shelterId);
      if (!shelter) fail('SHELTER_NOT_FOUND', { id: input.shelterId });
      if (!shelter.area_code.startsWith(input.areaCode)) fail('DUTY_ASSIGNMENT_INVALID', { shelterId: input.shelterId });
    }
    if (input.targetId) {
      const target = await targetsRepo.byId(db, actor.areaCode, input.targetId);
      if (!target) fail('TARGET_NOT_FOUND', { id: input.targetId });
      if (!target.area_code.startsWith(input.areaCode)) fail('DUTY_ASSIGNMENT_INVALID', { targetId: input.targetId });
    }
  }

  private async newRow(actor: Actor, input: DutyHolderCreate, demo: boolean): Promise<Insertable<DutyHoldersTable>> {
    await this.checkAssignment(actor, this.deps.db.kysely, input);
    const now = this.deps.clock.now().toISOString();
    return {
      id: randomUUID(),
      name: input.name,
      phone: input.phone,
      role: input.role,
      title: input.title,
      area_code: input.areaCode,
      shelter_id: input.shelterId,
      target_id: input.targetId,
      note: input.note,
      demo: demo ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
  }

  private insert(
    actor: Actor,
    rows: Insertable<DutyHoldersTable>[],
    action: 'duty_holder.create' | 'duty_holder.import' | 'duty_holder.demo',
  ) {
    const { db, audit } = this.deps;
    return db.kysely.transaction().execute(async (trx) => {
      await dutyHoldersRepo.insertMany(trx, rows);
      const created: DutyHolder[] = [];
      for (const row of rows) {
        const holder = toDutyHolder((await dutyHoldersRepo.byId(trx, '', row.id))!);
        await audit.record(trx, actor, {
          action,
          entity: 'duty_holder',
          entityId: row.id,
          areaCode: row.area_code,
          after: holder,
        });
        created.push(holder);
      }
      return created;
    });
  }

  async create(actor: Actor, input: DutyHolderCreate, options: { demo?: boolean } = {}): Promise<DutyHolder> {
    assertCan(actor, 'shelters:edit');
    const [created] = await this.insert(actor, [await this.newRow(actor, input, options.demo ?? false)], 'duty_holder.create');
    await this.deps.events.publish('duty_holders.changed', created!.areaCode, { action: 'created', ids: [created!.id] });
    return created!;
  }

  /** Several duty-holders in one transaction (the demo county's): all checked first, then all inserted, or none. */
  async createMany(actor: Actor, inputs: DutyHolderCreate[], options: { demo?: boolean } = {}): Promise<DutyHolder[]> {
    assertCan(actor, 'shelters:edit');
    const rows = [];
    for (const input of inputs) rows.push(await this.newRow(actor, input, options.demo ?? false));
    const created = await this.insert(actor, rows, options.demo ? 'duty_holder.demo' : 'duty_holder.create');
    await this.deps.events.publish('duty_holders.changed', actor.areaCode || null, {
      action: 'created',
      ids: created.map((h) => h.id),
    });
    return created;
  }

  /** Excel rows name the linked shelter or target; the name must match exactly one entry inside the row's area. */
  async importRows(actor: Actor, items: { row: number; value: DutyHolderRow }[]): Promise<DutyHolder[]> {
    assertCan(actor, 'shelters:edit');
    const db = this.deps.db.kysely;
    const rows = await prepareRows(
      items,
      async ({ shelterName, targetName, ...input }) => {
        const shelters = shelterName ? await sheltersRepo.byName(db, actor.areaCode, input.areaCode, shelterName) : [];
        const targets = targetName ? await targetsRepo.byName(db, actor.areaCode, input.areaCode, targetName) : [];
        if (shelterName && shelters.length !== 1) {
          fail(
            'SHELTER_NOT_FOUND',
            { name: shelterName },
            `负责区划内${shelters.length ? '有多个' : '没有'}名为“${shelterName}”的避难场所`,
          );
        }
        if (targetName && targets.length !== 1) {
          fail(
            'TARGET_NOT_FOUND',
            { name: targetName },
            `负责区划内${targets.length ? '有多个' : '没有'}名为“${targetName}”的防护目标`,
          );
        }
        return this.newRow(actor, { ...input, shelterId: shelters[0]?.id ?? null, targetId: targets[0]?.id ?? null }, false);
      },
      {
        OUT_OF_SCOPE: '负责区划代码',
        AREA_NOT_FOUND: '负责区划代码',
        AREA_LEVEL_INVALID: '负责区划代码',
        SHELTER_NOT_FOUND: '关联避难场所',
        TARGET_NOT_FOUND: '关联防护目标',
        DUTY_ASSIGNMENT_INVALID: '关联避难场所',
      },
    );
    const created = await this.insert(actor, rows, 'duty_holder.import');
    await this.deps.events.publish('duty_holders.changed', actor.areaCode || null, {
      action: 'imported',
      ids: created.map((h) => h.id),
    });
    return created;
  }

  async update(actor: Actor, id: string, input: DutyHolderUpdate): Promise<DutyHolder> {
    assertCan(actor, 'shelters:edit');
    const { db, audit, clock, events } = this.deps;
    // Checked before the transaction: the areas service reads through its own connection (SQLite has only one).
    // The foreign keys still stop a link to a shelter or target deleted in between.
    const current = await dutyHoldersRepo.byId(db.kysely, actor.areaCode, id);
    if (!current) fail('DUTY_HOLDER_NOT_FOUND', { id });
    await this.checkAssignment(actor, db.kysely, {
      areaCode: input.areaCode ?? current.area_code,
      shelterId: input.shelterId !== undefined ? input.shelterId : current.shelter_id,
      targetId: input.targetId !== undefined ? input.targetId : current.target_id,
    });
    const after = await db.kysely.transaction().execute(async (trx) => {
      const before = await dutyHoldersRepo.byId(trx, actor.areaCode, id);
      if (!before) fail('DUTY_HOLDER_NOT_FOUND', { id });
      await dutyHoldersRepo.update(trx, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.title !== undefined && { title: input.title }),
        ...(input.areaCode !== undefined && { area_code: input.areaCode }),
        ...(input.shelterId !== undefined && { shelter_id: input.shelterId }),
        ...(input.targetId !== undefined && { target_id: input.targetId }),
        ...(input.note !== undefined && { note: input.note }),
        updated_at: clock.now().toISOString(),
      });
      const updated = toDutyHolder((await dutyHoldersRepo.byId(trx, '', id))!);
      await audit.record(trx, actor, {
        action: 'duty_holder.update',
        entity: 'duty_holder',
        entityId: id,
        areaCode: updated.areaCode,
        before: toDutyHolder(before),
        after: updated,
      });
      return updated;
    });
    await events.publish('duty_holders.changed', after.areaCode, { action: 'updated', ids: [id] });
    return after;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'shelters:edit');
    const { db, audit, events } = this.deps;
    const removed = await db.kysely.transaction().execute(async (trx) => {
      const row = await dutyHoldersRepo.byId(trx, actor.areaCode, id);
      if (!row) fail('DUTY_HOLDER_NOT_FOUND', { id });
      await dutyHoldersRepo.remove(trx, id);
      await audit.record(trx, actor, {
        action: 'duty_holder.delete',
        entity: 'duty_holder',
        entityId: id,
        areaCode: row.area_code,
        before: toDutyHolder(row),
      });
      return row;
    });
    await events.publish('duty_holders.changed', removed.area_code, { action: 'deleted', ids: [id] });
  }

  /** Villages in the actor's scope without a duty-holder of the role (三防责任人 by default), per township. */
  async gaps(actor: Actor, role: DutyRole): Promise<DutyGapReport> {
    assertCan(actor, 'shelters:read');
    const [townships, villages, covered] = await Promise.all([
      areasOfLevel(this.deps, actor, 'township'),
      areasOfLevel(this.deps, actor, 'village'),
      dutyHoldersRepo.coveredAreas(this.deps.db.kysely, actor.areaCode, role),
    ]);
    const townshipName = new Map(townships.map((t) => [t.code, t.name]));
    const byTownship = new Map<string, DutyGapReport['townships'][number]>();
    for (const village of villages) {
      const code = village.parentCode ?? village.code.slice(0, 9);
      let row = byTownship.get(code);
      if (!row) {
        const areaName = townshipName.get(code) ?? (await this.deps.areas.nameOf(code)) ?? code;
        row = { areaCode: code, areaName, villages: 0, covered: 0, missing: [] };
        byTownship.set(code, row);
      }
      row.villages += 1;
      if (covered.has(village.code)) row.covered += 1;
      else row.missing.push({ areaCode: village.code, areaName: village.name });
    }
    const rows = [...byTownship.values()].sort((a, b) => a.areaCode.localeCompare(b.areaCode));
    const total = villages.length;
    const coveredCount = rows.reduce((n, r) => n + r.covered, 0);
    return { role, villages: total, covered: coveredCount, ratio: total ? coveredCount / total : null, townships: rows };
  }
}
